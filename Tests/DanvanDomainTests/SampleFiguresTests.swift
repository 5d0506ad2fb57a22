import DanvanDomain
import DanvanJSON
import Foundation
import Testing

/// The sample province reproduces the figures the provincial reports published, exactly.
@Suite struct SampleFiguresTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func loadSample() throws -> TestLedger {
        let text = try String(contentsOf: root.appendingPathComponent("Samples/lao-cai.ndjson"), encoding: .utf8)
        var ledger = TestLedger()
        var batch: [String] = []
        for line in text.split(separator: "\n") where !line.isEmpty {
            batch.append(String(line))
            if batch.count == 500 {
                try ledger.append("[" + batch.joined(separator: ",") + "]")
                batch.removeAll()
            }
        }
        if !batch.isEmpty { try ledger.append("[" + batch.joined(separator: ",") + "]") }
        return ledger
    }

    @Test func everyPublishedFigureComesOutExactly() throws {
        let ledger = try Self.loadSample()
        #expect(ledger.events.count == 8684)
        let expected = try JSONParser.parse(Array(try Data(contentsOf: Self.root.appendingPathComponent("Samples/lao-cai.expected.json"))))
        let figures = try #require(expected["figures"]?.arrayValue)
        #expect(figures.count >= 20)
        for figure in figures {
            let name = figure["name"]?.stringValue ?? "?"
            var params = try #require(figure["query"]?.objectValue)
            params["id"] = nil
            let query = try Query(params: params)
            let result = try ledger.projection.answer(query, today: Day(year: 2025, month: 1, day: 1))
            let mismatches = Self.mismatches(expected: figure["expect"] ?? .null, actual: result, path: "")
            #expect(mismatches.isEmpty, "\(name): \(mismatches.joined(separator: "; "))")
        }
    }

    @Test func thePublishedSentencesHold() throws {
        let ledger = try Self.loadSample()
        let by = try ledger.summary("BY")
        #expect(by.number("donorHouseholds") == "2180")
        #expect(by.number("landDonatedM2") == "649003")
        #expect(by.number("works.road.count") == "137")
        #expect(by.number("works.road.lengthKm") == "283.75")
        #expect(by.number("dialogues.held") == "18")
        #expect(by.number("dialogues.periodic") == "16")
        #expect(by.number("dialogues.adHoc") == "2")
        #expect(try ledger.summary("BY", year: 2021).number("dialogues.held") == "9")
        #expect(try ledger.summary("BY", year: 2022).number("dialogues.held") == "5")
        #expect(try ledger.summary("BY", year: 2023).number("dialogues.held") == "4")
        let lc = try ledger.summary("LC")
        #expect(lc.number("opinions.received") == "6351")
        #expect(lc.number("opinions.answered") == "6274")
        #expect(lc.number("models.communesWithModels") == "166")
        #expect(lc.number("models.communes") == "200")
        #expect(lc.number("models.adoptionRate") == "0.83")
        #expect(lc.number("workdays") == "115844")
    }

    /// Paths where `expected` (a subset) differs from `actual`; numbers compare by exact text.
    static func mismatches(expected: JSONValue, actual: JSONValue?, path: String) -> [String] {
        switch expected {
        case .object(let o):
            return o.members.flatMap { member in
                mismatches(expected: member.value, actual: actual?[member.key], path: path.isEmpty ? member.key : "\(path).\(member.key)")
            }
        default:
            return expected == actual ? [] : ["\(path) expected \(JSONWriter.string(expected)) got \(actual.map(JSONWriter.string) ?? "nothing")"]
        }
    }
}
