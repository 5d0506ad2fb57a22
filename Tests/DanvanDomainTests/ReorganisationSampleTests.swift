import DanvanDomain
import DanvanJSON
import Foundation
import Testing

/// The 2025 reorganisation of the sample province (`Samples/reorganisation-2025.ndjson`, made
/// by `Scripts/make-reorganisation.py`), appended after the sample: its resolution as one
/// atomic batch, then the facts of 2025–2026 under the new units. The figures of the sample's
/// expected tests are not asked here (they are the figures' engineer's, for both views); the
/// registry, the lineage and the answers about units are.
@Suite struct ReorganisationSampleTests {
    /// The sample, then the reorganisation: the lines of unit events at its head (the
    /// resolution) in one batch, the rest in batches of 100.
    static func loadReorganised() throws -> TestLedger {
        var ledger = try SampleFiguresTests.loadSample()
        let text = try String(contentsOf: SampleFiguresTests.root.appendingPathComponent("Samples/reorganisation-2025.ndjson"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        let resolution = lines.prefix(while: { $0.contains(#""type":"unit."#) })
        try ledger.append("[" + resolution.joined(separator: ",") + "]")
        var rest = lines.dropFirst(resolution.count)
        while !rest.isEmpty {
            try ledger.append("[" + rest.prefix(100).joined(separator: ",") + "]")
            rest = rest.dropFirst(100)
        }
        return ledger
    }

    static let reorganised: TestLedger? = try? loadReorganised()

    func ledger() throws -> TestLedger { try #require(Self.reorganised) }

    func history(_ ledger: TestLedger, _ unit: String) throws -> JSONObject {
        try #require(try ledger.projection.answer(.history(unit: unit), today: Day(year: 2026, month: 12, day: 1)).objectValue)
    }

    @Test func theWholeFileIsAccepted() throws {
        let ledger = try ledger()
        #expect(ledger.events.count == 8684 + 277)
        // Every district ended; none is left with a unit under it.
        for district in ["TPLC", "SP", "BX", "BT", "BY", "BH", "MK", "SMC", "VB"] {
            #expect(ledger.registry.lineage.hasEnded(district))
            let node = try #require(ledger.projection.unit(district))
            #expect(ledger.projection.units[Int(node)].children.isEmpty)
        }
    }

    @Test func theProvinceNowHoldsTheNewCommunesDirectly() throws {
        let ledger = try ledger()
        let tree = try #require(try ledger.projection.answer(.tree(unit: "LC", depth: 1), today: Day(year: 2026, month: 12, day: 1)).objectValue)
        let codes = (tree["units"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
        #expect(codes.contains("LC-BAOYEN"))
        #expect(codes.contains("BY-NGHIADO"))
        #expect(!codes.contains("BY"))
        #expect(!codes.contains("BY-VINHYEN"))
        #expect(ledger.registry.units["BY-NGHIADO"]?.parent == "LC")
        // The villages of Tân Dương went with it into Xuân Hòa.
        #expect(ledger.registry.units["BY-TANDUONG-01"]?.parent == "BY-XUANHOA")
    }

    @Test func nghiaDoKeepsItsCodeAndListsWhatItWasFormedFrom() throws {
        let h = try history(try ledger(), "BY-NGHIADO")
        #expect(h["validFrom"] == .null)
        #expect(h["validTo"] == .null)
        let predecessors = (h["predecessors"]?.arrayValue ?? []).compactMap { $0["unit"]?["code"]?.stringValue }
        #expect(predecessors == ["BY-TANTIEN", "BY-VINHYEN"])
        #expect(h["predecessors"]?.arrayValue?.first?["act"] == .string("1673/NQ-UBTVQH15"))
        let moves = h["moves"]?.arrayValue ?? []
        #expect(moves.count == 1)
        #expect(moves.first?["from"]?["code"] == .string("BY"))
        #expect(moves.first?["to"]?["code"] == .string("LC"))
        #expect(moves.first?["effectiveOn"] == .string("2025-07-01"))
    }

    @Test func vinhYenEndedTheDayBeforeAndPointsToNghiaDo() throws {
        let h = try history(try ledger(), "BY-VINHYEN")
        #expect(h["validTo"] == .string("2025-06-30"))
        #expect(h["end"]?["change"] == .string("merged"))
        #expect(h["successors"]?.arrayValue?.first?["unit"]?["code"] == .string("BY-NGHIADO"))
        #expect(h["unit"]?["historical"] == .bool(true))
    }

    @Test func theNewBaoYenExistsFromTheFirstOfJuly() throws {
        let h = try history(try ledger(), "LC-BAOYEN")
        #expect(h["validFrom"] == .string("2025-07-01"))
        let predecessors = (h["predecessors"]?.arrayValue ?? []).compactMap { $0["unit"]?["code"]?.stringValue }
        #expect(predecessors == ["BY-PHORANG", "BY-YENSON", "BY-LUONGSON", "BY-XUANTHUONG"])
    }

    @Test func theSplitCommuneGoesToItsMainPart() throws {
        let h = try history(try ledger(), "VB-TANLAP")
        #expect(h["end"]?["change"] == .string("split"))
        let successors = h["successors"]?.arrayValue ?? []
        #expect(successors.compactMap { $0["unit"]?["code"]?.stringValue } == ["VB-KHANHYEN", "VB-DUONGQUY"])
        #expect(successors.map { $0["main"] } == [.bool(true), .bool(false)])
    }

    @Test func theRenamedWardAnswersToItsNewNameAndItsOldOne() throws {
        let ledger = try ledger()
        let h = try history(ledger, "TPLC-DUYENHAI")
        #expect(h["renames"]?.arrayValue?.first?["from"] == .string("Duyên Hải"))
        #expect(h["renames"]?.arrayValue?.first?["to"] == .string("Lào Cai"))
        #expect(h["unit"]?["name"] == .string("Lào Cai"))
        #expect(try ledger.projection.resolveUnit("Duyên Hải") == ledger.projection.unit("TPLC-DUYENHAI"))
    }

    @Test func baoYenIsNowTwoUnitsTheOldDistrictAndTheNewCommune() throws {
        let ledger = try ledger()
        do {
            _ = try ledger.projection.resolveUnit("Bảo Yên")
            Issue.record("Bảo Yên resolved to one unit")
        } catch {
            #expect(error.code == "ambiguous")
            let codes = error.candidates.compactMap { $0["code"]?.stringValue }
            #expect(Set(codes) == ["BY", "LC-BAOYEN"])
            let district = error.candidates.first { $0["code"] == .string("BY") }
            #expect(district?["historical"] == .bool(true))
            #expect(district?["validTo"] == .string("2025-06-30"))
            #expect(district?["say"] == .string("huyện Bảo Yên"))
            #expect(error.candidates.first { $0["code"] == .string("LC-BAOYEN") }?["say"] == .string("xã Bảo Yên"))
        }
        #expect(try ledger.projection.resolveUnit("huyện Bảo Yên") == ledger.projection.unit("BY"))
        #expect(try ledger.projection.resolveUnit("xã Bảo Yên") == ledger.projection.unit("LC-BAOYEN"))
    }

    @Test func afterTheResolutionAFactUnderAMergedCommuneIsRefusedWithItsSuccessor() throws {
        var ledger = try ledger()
        let refusal = ledger.refusal(#"[{"type":"funds.contributed","data":{"unit":"BY-VINHYEN","amountVnd":1000000,"source":"household","contributedOn":"2025-07-01"}}]"#)
        let error = try #require(refusal?.validation)
        #expect(error.path == "events[0].data.unit")
        #expect(error.code == .invalidValue)
        #expect(error.message == "contributedOn 2025-07-01: Vĩnh Yên (BY-VINHYEN) was merged into Nghĩa Đô (BY-NGHIADO) on 2025-07-01 (1673/NQ-UBTVQH15); record facts from that day under BY-NGHIADO")
        // The day before, it still takes facts, whenever they are recorded.
        try ledger.append(#"[{"type":"funds.contributed","data":{"unit":"BY-VINHYEN","amountVnd":1000000,"source":"household","contributedOn":"2025-06-30"}}]"#)
    }

    @Test func itsSnapshotRestoresTheSameState() throws {
        let ledger = try ledger()
        let bytes = StateSnapshotCodec.encode(registry: ledger.registry, projection: ledger.projection)
        let (registry, projection) = try StateSnapshotCodec.decode(bytes)
        #expect(registry == ledger.registry)
        #expect(projection == ledger.projection)
    }
}
