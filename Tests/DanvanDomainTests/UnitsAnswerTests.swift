import DanvanDomain
import DanvanJSON
import Foundation
import Testing

/// `units` carries the parent's `own` and `total` from the same read as its children, so the
/// rows add up exactly (a client that asked for the total separately could mix two moments).
@Suite struct UnitsAnswerTests {
    /// Every number of `object` at its dotted path.
    static func numbers(_ v: JSONValue?, _ path: String = "", into out: inout [String: Decimal]) {
        switch v {
        case .object(let o)?:
            for (k, m) in o.members where k != "unit" && !k.hasSuffix("Rate") { numbers(m, path.isEmpty ? k : path + "." + k, into: &out) }
        case .number(let text)?: out[path] = Decimal(string: text)
        default: break
        }
    }

    @Test func ownAndChildrenAddUpToTheTotalForEveryParentAndYear() throws {
        let ledger = try SampleFiguresTests.loadSample()
        let p = ledger.projection
        let today = Day(year: 2025, month: 1, day: 1)
        let parents = [String?.none] + p.units.filter({ !$0.children.isEmpty }).map(\.code)
        for parent in parents {
            for year in [nil, 2021, 2023] as [Int?] {
                let a = try p.answer(.units(parent: parent, scope: .year(year)), today: today)
                var total: [String: Decimal] = [:]
                Self.numbers(a["total"], into: &total)
                var sum: [String: Decimal] = [:]
                for row in (a["units"]?.arrayValue ?? []) + (a["own"].map { $0 == .null ? [] : [$0] } ?? []) {
                    var r: [String: Decimal] = [:]
                    Self.numbers(row, into: &r)
                    for (k, v) in r { sum[k, default: 0] += v }
                }
                for (k, v) in total { #expect(sum[k, default: 0] == v, "\(parent ?? "provinces") \(year.map(String.init) ?? "all") \(k)") }
                if let parent {
                    // The total is the parent's own summary.
                    var summary: [String: Decimal] = [:]
                    Self.numbers(try p.answer(.summary(unit: parent, scope: .year(year)), today: today), into: &summary)
                    summary["year"] = nil
                    #expect(summary == total, "\(parent)")
                } else {
                    #expect(a["own"] == .null)
                }
            }
        }
    }

    @Test func theOwnRowIsWhatTheParentHoldsItself() throws {
        let p = try SampleFiguresTests.loadSample().projection
        let a = try p.answer(.units(parent: "LC", scope: .year(nil)), today: Day(year: 2025, month: 1, day: 1))
        // The province's own funds and dialogues, as the demo's table shows them.
        #expect(a["own"]?["fundsVnd"] == .number("3547130000"))
        #expect(a["own"]?["dialogues"]?["held"] == .number("8"))
        #expect(a["total"]?["fundsVnd"] == .number("113461620000"))
        #expect(a["own"]?["opinions"]?["answeredRate"] == .number("0.9915"))
    }
}
