import DanvanDomain
import DanvanJSON
import Testing

@testable import DanvanProtocol

/// The append lines read without a tree must come out exactly as the general decoding makes
/// them (`JSONParser`, `AppendParams`, `BatchAdmission.parse`), and every line the fast reader
/// does not take must fall through to the general decoding.
@Suite struct AppendLineDecoderTests {
    static let land = #"{"type":"land.donated","id":"3f2b8c1e-9d4a-4e6b-8f00-1c2d3e4f5a6b","data":{"unit":"BY","households":3,"areaM2":120.5,"assetsVnd":1000000,"purpose":"road","donatedOn":"2023-04-01"}}"#
    static let funds = #"{"type":"funds.contributed","data":{"unit":"BY","amountVnd":5000000,"source":"household","contributedOn":"2023-04-02"},"stream":"funds-by"}"#
    static let labor = #"{ "data" : { "unit" : "BY" , "workdays" : 12.5 , "participants" : 10 , "contributedOn" : "2023-04-03" } , "type" : "labor.contributed" , "id" : null , "stream" : null }"#
    static let unit = #"{"type":"unit.registered","data":{"code":"X1","name":"  Xã \u0042ảo  Hà\t","level":"commune","parent":"BY"}}"#
    static let works = #"{"type":"works.completed","id":"3F2B8C1E-9D4A-4E6B-8F00-1C2D3E4F5A6C","data":{"unit":"BY","kind":"road","count":1,"lengthKm":0.75e0,"valueVnd":250000000,"completedOn":"2023-06-30","campaign":null}}"#

    /// Lines the fast reader takes.
    static let plain: [String] = [
        #"{"id":1,"op":"append","events":[\#(land)]}"#,
        #"{"op":"append","events":[\#(land),\#(funds),\#(labor)],"id":"req-7"}"#,
        #"{"events":[\#(unit),\#(works)],"expectedVersion":"any","op":"append","id":-2.5e3}"#,
        "  {\"id\" : 3 ,\n \"op\":\"append\",\t\"events\":[\(funds)] , \"expectedVersion\":null}  ",
        #"{"id":4,"op":"append","events":[\#(funds)],"expectedVersion":7}"#,
        #"{"id":5,"op":"append","events":[\#(funds)],"expectedVersion":"none"}"#,
        #"{"id":6,"op":"append","events":[\#(funds)],"expectedVersion":-1}"#,
    ]

    @Test(arguments: plain)
    func readsThePlainFormAsTheGeneralDecodingDoes(line: String) throws {
        let fast = try #require(Array(line.utf8).withUnsafeBytes { AppendLineDecoder.decode($0) }, "not taken: \(line)")
        try Self.expectSame(fast, line: line)
    }

    /// Lines the fast reader leaves to the general decoding (which accepts some and refuses others).
    @Test(arguments: [
        #"{"id":1,"op":"append","events":[]}"#,
        #"{"id":1,"op":"read","events":[\#(land)]}"#,
        #"{"id":1,"op":"append","op":"read","events":[\#(land)]}"#,
        #"{"id":1,"op":"append","events":[\#(land)],"events":[\#(funds)]}"#,
        #"{"id":1,"id":2,"op":"append","events":[\#(land)]}"#,
        #"{"id":1,"op":"append","events":[\#(land)],"note":"x"}"#,
        #"{"id":{"a":1},"op":"append","events":[\#(land)]}"#,
        #"{"id":true,"op":"append","events":[\#(land)]}"#,
        #"{"id":1,"op":"append","events":[\#(land)]} x"#,
        #"{"id":1,"op":"append","events":[\#(land)]"#,
        #"{"id":1,"op":"append","events":[\#(land),]}"#,
        #"{"id":1,"\u006fp":"append","events":[\#(land)]}"#,
        #"{"id":1,"op":"append","events":[{"type":"land.donated","type":"land.donated","data":{}}]}"#,
        #"{"id":1,"op":"append","events":[{"type":"land.donated","data":{"unit":"A","unit":"BY","households":1,"areaM2":1,"purpose":"road","donatedOn":"2023-01-01"}}]}"#,
        #"{"id":1,"op":"append","events":[{"type":"land.donated","data":{"unit":"BY","households":0,"areaM2":1,"purpose":"road","donatedOn":"2023-01-01"}}]}"#,
        #"{"id":1,"op":"append","events":[{"type":"land.donated","data":{"unit":"BY","households":1,"areaM2":1,"purpose":"road","donatedOn":"2023-01-01","x":1}}]}"#,
        #"{"id":1,"op":"append","events":[{"type":"land.donated","id":"nope","data":{}}]}"#,
        #"{"id":1,"op":"append","events":[{"type":"land.donated","id":7,"data":{}}]}"#,
        #"{"id":1,"op":"append","events":[{"type":"land.donated","stream":"a b","data":{}}]}"#,
        #"{"id":1,"op":"append","events":[{"type":"nope","data":{}}]}"#,
        #"{"id":1,"op":"append","events":[{"data":{}}]}"#,
        #"{"id":1,"op":"append","events":[{"type":"land.donated"}]}"#,
        #"{"id":1,"op":"append","events":[{"type":"land.donated","data":null}]}"#,
        #"{"id":1,"op":"append","events":[{"type":"land.donated","data":{},"extra":1}]}"#,
        #"{"id":1,"op":"append","events":[{"type":"dialogue.held","data":{"dialogue":"D1","unit":"BY","chair":"joint","format":"periodic","heldOn":"2023-03-01","topic":"t","opinions":[]}}]}"#,
        #"{"id":1,"op":"append","events":[{"type":"land.donated","data":{"unit":"BY","households":01,"areaM2":1,"purpose":"road","donatedOn":"2023-01-01"}}]}"#,
        "\u{FEFF}" + #"{"id":1,"op":"append","events":[\#(land)]}"#,
        #"[{"id":1,"op":"append","events":[\#(land)]}]"#,
    ])
    func leavesEverythingElseToTheGeneralDecoding(line: String) {
        let fast = Array(line.utf8).withUnsafeBytes { AppendLineDecoder.decode($0) }
        #expect(fast == nil, "taken: \(line)")
    }

    /// Random edits of plain lines: whatever the fast reader still takes, the general decoding
    /// must read the same way.
    @Test func whatItTakesFromMangledLinesTheGeneralDecodingReadsAlike() throws {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array(#"{}[],:" \0123456789.-eEaz\ntrufl"#.utf8)
        var taken = 0
        for round in 0..<20_000 {
            var bytes = Array(Self.plain[round % Self.plain.count].utf8)
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(alphabet.randomElement(using: &rng) ?? 32, at: at)
                default: bytes[at] = alphabet.randomElement(using: &rng) ?? 32
                }
                if bytes.isEmpty { bytes = [32] }
            }
            guard let fast = bytes.withUnsafeBytes({ AppendLineDecoder.decode($0) }) else { continue }
            taken += 1
            try Self.expectSame(fast, line: String(decoding: bytes, as: UTF8.self), bytes: bytes)
        }
        // Many edits land in values and keep the line readable: the comparison really ran.
        #expect(taken > 500)
    }

    /// `fast` must be what the general decoding makes of the same bytes.
    static func expectSame(_ fast: Request, line: String, bytes: [UInt8]? = nil) throws {
        let raw = bytes ?? Array(line.utf8)
        let full = try raw.withUnsafeBytes { try RequestDecoder.decodeInFull($0).get() }
        let object = full.params
        #expect(full.parsedEvents == nil)
        guard case .array(let items)? = object["events"] else {
            Issue.record("the general decoding sees no events in \(line)")
            return
        }
        #expect(fast.op == "append")
        #expect(fast.id == object["id"])
        #expect(fast.params["expectedVersion"] == object["expectedVersion"])
        #expect(fast.params.members.count == object.members.count - 1)
        let general = try BatchAdmission.parse(items)
        let parsed = try #require(fast.parsedEvents)
        #expect(parsed.count == general.count, "\(line)")
        for (a, b) in zip(parsed, general) {
            #expect(a.id == b.id && a.stream == b.stream && a.data == b.data && a.index == b.index, "\(line)")
        }
        // And `RequestDecoder` hands it on as an append whose parameters read as the general
        // request's do: the same count and expected version, or the same refusal.
        let decoded = try raw.withUnsafeBytes { try RequestDecoder.decode($0).get() }
        let generalRequest = full
        switch (Result { () throws(ProtocolError) in try AppendParams(decoded, maxEvents: 10_000) },
                Result { () throws(ProtocolError) in try AppendParams(generalRequest, maxEvents: 10_000) }) {
        case (.success(let a), .success(let b)):
            #expect(a.count == b.count && a.expectedVersion == b.expectedVersion, "\(line)")
        case (.failure(let a), .failure(let b)):
            #expect(a.code == b.code && a.message == b.message, "\(line)")
        default:
            Issue.record("one decoding accepts the parameters, the other refuses them: \(line)")
        }
    }
}
