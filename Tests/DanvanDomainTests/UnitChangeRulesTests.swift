import DanvanDomain
import DanvanJSON
import Testing

/// The unit changes of catalogue 2, rule by rule, on `TestLedger.withUnits()`: LC > BY (Bảo
/// Yên) > BH (Bảo Hà) > BH-1 (a village), LC > BY > KS (Kim Sơn), LC > BX (Bát Xát) > BX-1.
@Suite struct UnitChangeRulesTests {
    static let act = #","act":"1673/NQ-UBTVQH15""#

    static func event(_ type: String, _ data: String, id: String? = nil) -> String {
        let idPart = id.map { #","id":"\#($0)""# } ?? ""
        return #"{"type":"\#(type)"\#(idPart),"data":\#(data)}"#
    }

    static func merge(_ units: [String], into: String, on day: String = "2025-07-01", id: String? = nil) -> String {
        event("unit.merged", #"{"units":[\#(units.map { "\"\($0)\"" }.joined(separator: ","))],"into":"\#(into)","effectiveOn":"\#(day)"\#(act)}"#, id: id)
    }

    static func move(_ unit: String, to parent: String, on day: String = "2025-07-01", id: String? = nil) -> String {
        event("unit.moved", #"{"unit":"\#(unit)","parent":"\#(parent)","effectiveOn":"\#(day)"}"#, id: id)
    }

    static func end(_ unit: String, on day: String = "2025-07-01", id: String? = nil) -> String {
        event("unit.ended", #"{"unit":"\#(unit)","effectiveOn":"\#(day)"}"#, id: id)
    }

    static func funds(_ unit: String, on day: String, campaign: String? = nil) -> String {
        let c = campaign.map { #","campaign":"\#($0)""# } ?? ""
        return event("funds.contributed", #"{"unit":"\#(unit)"\#(c),"amountVnd":1000,"source":"household","contributedOn":"\#(day)"}"#)
    }

    static func void(_ target: String) -> String {
        event("entry.voided", #"{"target":"\#(target)","reason":"entered by mistake"}"#)
    }

    static let mergeID = "00000000-0000-4000-8000-0000000000a1"
    static let endID = "00000000-0000-4000-8000-0000000000a2"
    static let moveID = "00000000-0000-4000-8000-0000000000a3"

    /// `[b]` appended; its refusal's error, with the path and code checked.
    func refused(_ ledger: inout TestLedger, _ batch: [String], path: String, code: ValidationError.Code) throws -> String {
        let before = ledger.registry
        let error = try #require(ledger.refusal("[" + batch.joined(separator: ",") + "]")?.validation, "accepted: \(batch)")
        #expect(error.path == path, "\(error)")
        #expect(error.code == code, "\(error)")
        #expect(ledger.registry == before, "a refused batch left a trace")
        return error.message
    }

    func accept(_ ledger: inout TestLedger, _ batch: [String]) throws {
        try ledger.append("[" + batch.joined(separator: ",") + "]")
    }

    // MARK: - Renames

    @Test func aRenameKeepsTheCodeAndTheOldNameStillFindsTheUnit() throws {
        var ledger = try TestLedger.withUnits()
        try accept(&ledger, [Self.event("unit.renamed", #"{"unit":"KS","name":"Kim Sơn Mới","effectiveOn":"2025-07-01"}"#)])
        #expect(ledger.registry.units["KS"]?.name == "Kim Sơn Mới")
        let ks = try #require(ledger.projection.unit("KS"))
        #expect(ledger.projection.units[Int(ks)].name == "Kim Sơn Mới")
        #expect(ledger.projection.units[Int(ks)].folded == "kim son moi")
        #expect(try ledger.projection.resolveUnit("kim son moi") == ks)
        #expect(try ledger.projection.resolveUnit("Kim Sơn") == ks)
        #expect(ledger.registry.lineage["KS"]?.name(on: Day(year: 2025, month: 6, day: 30)) == "Kim Sơn")
    }

    @Test func aRenameToTheSameNameOrTwiceOnOneDayIsRefused() throws {
        var ledger = try TestLedger.withUnits()
        let same = try refused(&ledger, [Self.event("unit.renamed", #"{"unit":"KS","name":"kim sơn","effectiveOn":"2025-07-01"}"#)], path: "events[0].data.name", code: .invalidValue)
        #expect(same == "KS is already named 'Kim Sơn' on 2025-07-01; give the new name")
        try accept(&ledger, [Self.event("unit.renamed", #"{"unit":"KS","name":"Kim Sơn A","effectiveOn":"2025-07-01"}"#)])
        let twice = try refused(&ledger, [Self.event("unit.renamed", #"{"unit":"KS","name":"Kim Sơn B","effectiveOn":"2025-07-01"}"#)], path: "events[0].data.effectiveOn", code: .conflict)
        #expect(twice.contains("is already renamed 'Kim Sơn A' from 2025-07-01"))
        _ = try refused(&ledger, [Self.event("unit.renamed", #"{"unit":"NOPE","name":"X","effectiveOn":"2025-07-01"}"#)], path: "events[0].data.unit", code: .unknownReference)
    }

    // MARK: - Moves

    @Test func aMoveChangesTheParentFromItsDate() throws {
        var ledger = try TestLedger.withUnits()
        try accept(&ledger, [Self.move("KS", to: "LC")])
        #expect(ledger.registry.units["KS"]?.parent == "LC")
        #expect(ledger.registry.isWithin("KS", "BY", on: Day(year: 2025, month: 6, day: 30)))
        #expect(!ledger.registry.isWithin("KS", "BY", on: Day(year: 2025, month: 7, day: 1)))
        let lc = try #require(ledger.projection.unit("LC")), ks = try #require(ledger.projection.unit("KS")), by = try #require(ledger.projection.unit("BY"))
        #expect(ledger.projection.units[Int(ks)].parent == lc)
        #expect(ledger.projection.units[Int(lc)].children.contains(ks))
        #expect(!ledger.projection.units[Int(by)].children.contains(ks))
    }

    @Test func aMoveUnderItselfItsDescendantAWrongLevelOrAMissingParentIsRefused() throws {
        var ledger = try TestLedger.withUnits()
        let itself = try refused(&ledger, [Self.move("KS", to: "KS")], path: "events[0].data.parent", code: .invalidValue)
        #expect(itself.contains("cannot be moved under itself"))
        let descendant = try refused(&ledger, [Self.move("BY", to: "BH")], path: "events[0].data.parent", code: .invalidValue)
        #expect(descendant == "Bảo Hà (BH) is under Bảo Yên (BY) on 2025-07-01: a unit cannot be moved under its own descendant")
        let level = try refused(&ledger, [Self.move("KS", to: "BX-1")], path: "events[0].data.parent", code: .invalidValue)
        #expect(level == "a commune cannot belong to a commune; the parent must be a higher level")
        let province = try refused(&ledger, [Self.move("LC", to: "BY")], path: "events[0].data.unit", code: .invalidValue)
        #expect(province.contains("a province has no parent"))
        _ = try refused(&ledger, [Self.move("KS", to: "NOPE")], path: "events[0].data.parent", code: .unknownReference)
        let already = try refused(&ledger, [Self.move("KS", to: "BY")], path: "events[0].data.parent", code: .invalidValue)
        #expect(already == "KS is already under Bảo Yên (BY) on 2025-07-01")
    }

    @Test func aMoveUnderAUnitThatDoesNotExistYetOnItsDateIsRefused() throws {
        var ledger = try TestLedger.withUnits()
        try accept(&ledger, [Self.event("unit.registered", #"{"code":"NEW","name":"Huyện Mới","level":"district","parent":"LC","effectiveOn":"2025-07-01"}"#)])
        let early = try refused(&ledger, [Self.move("KS", to: "NEW", on: "2025-06-01")], path: "events[0].data.parent", code: .invalidValue)
        #expect(early.hasPrefix("on 2025-06-01 the new parent does not exist: Huyện Mới (NEW) exists from 2025-07-01"))
        try accept(&ledger, [Self.move("KS", to: "NEW")])
    }

    // MARK: - Merges

    @Test func aMergeEndsTheOthersTheDayBeforeAndFactsFromThatDayNameTheSuccessor() throws {
        var ledger = try TestLedger.withUnits()
        try accept(&ledger, [Self.merge(["KS", "BH"], into: "BH")])
        let ks = try #require(ledger.registry.lineage["KS"])
        #expect(ks.validTo == Day(year: 2025, month: 6, day: 30))
        #expect(ks.successors.map(\.unit) == ["BH"])
        #expect(ledger.registry.lineage["BH"]?.predecessors.map(\.unit) == ["KS"])
        #expect(ledger.registry.lineage["BH"]?.validTo == nil)
        let message = try refused(&ledger, [Self.funds("KS", on: "2025-07-01")], path: "events[0].data.unit", code: .invalidValue)
        #expect(message == "contributedOn 2025-07-01: Kim Sơn (KS) was merged into Bảo Hà (BH) on 2025-07-01 (1673/NQ-UBTVQH15); record facts from that day under BH")
        // Dated before the merge, whenever recorded: accepted.
        try accept(&ledger, [Self.funds("KS", on: "2025-06-30")])
        try accept(&ledger, [Self.funds("BH", on: "2025-07-01")])
        // The merged unit leaves the tree of today; its node stays for its records.
        let by = try #require(ledger.projection.unit("BY")), ksNode = try #require(ledger.projection.unit("KS"))
        #expect(!ledger.projection.units[Int(by)].children.contains(ksNode))
        #expect(ledger.projection.unitJSON(ksNode)["historical"] == .bool(true))
    }

    @Test func aMergeIntoAUnitRegisteredEarlierInTheBatch() throws {
        var ledger = try TestLedger.withUnits()
        try accept(&ledger, [
            Self.event("unit.registered", #"{"code":"NEWX","name":"Xã Mới","level":"commune","parent":"LC","effectiveOn":"2025-07-01"}"#),
            Self.move("BH-1", to: "NEWX"),
            Self.merge(["KS", "BH"], into: "NEWX"),
        ])
        #expect(ledger.registry.lineage["NEWX"]?.predecessors.map(\.unit) == ["KS", "BH"])
        #expect(ledger.registry.lineage.hasEnded("BH"))
        let early = try refused(&ledger, [Self.funds("NEWX", on: "2025-06-30")], path: "events[0].data.unit", code: .invalidValue)
        #expect(early == "contributedOn 2025-06-30: Xã Mới (NEWX) exists from 2025-07-01; facts dated before it belong to what it was formed from: Kim Sơn (KS), Bảo Hà (BH)")
    }

    @Test func aMergeOfDifferentLevelsTwiceTheSameUnitOrAnUnknownOneIsRefused() throws {
        var ledger = try TestLedger.withUnits()
        let levels = try refused(&ledger, [Self.merge(["BH", "BX"], into: "BH")], path: "events[0].data.units[1]", code: .invalidValue)
        #expect(levels.hasPrefix("Bát Xát (BX) is a district and BH is a commune"))
        _ = try refused(&ledger, [Self.merge(["BH", "BH"], into: "BH")], path: "events[0].data.units[1]", code: .duplicate)
        _ = try refused(&ledger, [Self.merge(["BH", "NOPE"], into: "BH")], path: "events[0].data.units[1]", code: .unknownReference)
        _ = try refused(&ledger, [Self.merge(["BH"], into: "BH")], path: "events[0].data.units", code: .invalidValue)
        _ = try refused(&ledger, [Self.merge(["KS"], into: "BX")], path: "events[0].data.into", code: .invalidValue)
    }

    @Test func aUnitThatStillHasUnitsUnderItCannotBeMergedAway() throws {
        var ledger = try TestLedger.withUnits()
        let stranded = try refused(&ledger, [Self.merge(["KS", "BH"], into: "KS")], path: "events[0].data.units[1]", code: .conflict)
        #expect(stranded == "Bảo Hà (BH) still has units under it after its last day: Thôn Khe Bàn (BH-1); move them first (unit.moved, earlier in the same batch) or merge them away")
        try accept(&ledger, [Self.move("BH-1", to: "KS"), Self.merge(["KS", "BH"], into: "KS")])
    }

    // MARK: - Splits

    @Test func aSplitEndsTheUnitAndNamesItsMainPart() throws {
        var ledger = try TestLedger.withUnits()
        try accept(&ledger, [Self.move("BH-1", to: "KS"), Self.event("unit.split", #"{"unit":"BH","into":["KS","BX-1"],"main":"KS","effectiveOn":"2025-07-01"}"#)])
        let bh = try #require(ledger.registry.lineage["BH"])
        #expect(bh.end?.change == .split)
        #expect(bh.successors.map(\.unit) == ["KS", "BX-1"])
        #expect(bh.successors.map(\.main) == [true, false])
        let message = try refused(&ledger, [Self.funds("BH", on: "2025-08-01")], path: "events[0].data.unit", code: .invalidValue)
        #expect(message == "contributedOn 2025-08-01: Bảo Hà (BH) was split into Kim Sơn (KS), the main part; Bản Xèo (BX-1) on 2025-07-01; record facts from that day under the part where they happened: KS or BX-1")
    }

    @Test func aSplitThatKeepsTheUnitLeavesItInPlace() throws {
        var ledger = try TestLedger.withUnits()
        try accept(&ledger, [Self.event("unit.split", #"{"unit":"KS","into":["KS","BX-1"],"main":"KS","effectiveOn":"2025-07-01"}"#)])
        #expect(!ledger.registry.lineage.hasEnded("KS"))
        #expect(ledger.registry.lineage["BX-1"]?.predecessors.first?.unit == "KS")
        try accept(&ledger, [Self.funds("KS", on: "2025-08-01")])
    }

    @Test func aSplitsMainMustBeOneOfItsParts() throws {
        var ledger = try TestLedger.withUnits()
        let notPart = try refused(&ledger, [Self.event("unit.split", #"{"unit":"KS","into":["BH","BX-1"],"main":"KS","effectiveOn":"2025-07-01"}"#)], path: "events[0].data.main", code: .invalidValue)
        #expect(notPart.hasPrefix("'main' must be one of 'into'"))
        let keeps = try refused(&ledger, [Self.event("unit.split", #"{"unit":"KS","into":["KS","BH"],"main":"BH","effectiveOn":"2025-07-01"}"#)], path: "events[0].data.main", code: .invalidValue)
        #expect(keeps.hasPrefix("KS is among 'into', so it keeps its code"))
        _ = try refused(&ledger, [Self.event("unit.split", #"{"unit":"KS","into":["BH"],"main":"BH","effectiveOn":"2025-07-01"}"#)], path: "events[0].data.into", code: .invalidValue)
        _ = try refused(&ledger, [Self.event("unit.split", #"{"unit":"KS","into":["BH","BX"],"main":"BH","effectiveOn":"2025-07-01"}"#)], path: "events[0].data.into[1]", code: .invalidValue)
    }

    // MARK: - Ends

    @Test func aDistrictEndsOnlyOnceItsCommunesHaveMovedEarlierInTheBatch() throws {
        var ledger = try TestLedger.withUnits()
        let live = try refused(&ledger, [Self.end("BY")], path: "events[0].data.unit", code: .conflict)
        #expect(live == "Bảo Yên (BY) still has units under it after its last day: Bảo Hà (BH), Kim Sơn (KS); move them first (unit.moved, earlier in the same batch) or merge them away")
        // A batch is applied in order: the end after the moves passes, before them it does not.
        _ = try refused(&ledger, [Self.end("BY"), Self.move("BH", to: "LC"), Self.move("KS", to: "LC")], path: "events[0].data.unit", code: .conflict)
        try accept(&ledger, [Self.move("BH", to: "LC"), Self.move("KS", to: "LC"), Self.end("BY")])
        let after = try refused(&ledger, [Self.funds("BY", on: "2025-07-02")], path: "events[0].data.unit", code: .invalidValue)
        #expect(after == "contributedOn 2025-07-02: Bảo Yên (BY) ended on 2025-07-01; record facts from that day under the unit that took its work over (it was under Lào Cai (LC))")
        try accept(&ledger, [Self.funds("BY", on: "2025-06-30")])
        // Nothing more can be moved under it, or registered.
        _ = try refused(&ledger, [Self.move("BH", to: "BY", on: "2025-01-01")], path: "events[0].data.parent", code: .conflict)
        _ = try refused(&ledger, [Self.event("unit.registered", #"{"code":"BY-9","name":"Xã Chín","level":"commune","parent":"BY"}"#)], path: "events[0].data.parent", code: .conflict)
    }

    @Test func aUnitThatHasEndedCannotChangeAgain() throws {
        var ledger = try TestLedger.withUnits()
        try accept(&ledger, [Self.end("BX-1")])
        let again = try refused(&ledger, [Self.end("BX-1", on: "2026-01-01")], path: "events[0].data.unit", code: .conflict)
        #expect(again == "Bản Xèo (BX-1) ended on 2025-07-01; a unit that has ended cannot change again (void that change first, with entry.voided, to change it)")
        _ = try refused(&ledger, [Self.event("unit.renamed", #"{"unit":"BX-1","name":"Bản Xèo 2","effectiveOn":"2025-01-01"}"#)], path: "events[0].data.unit", code: .conflict)
        _ = try refused(&ledger, [Self.merge(["BX-1", "KS"], into: "KS")], path: "events[0].data.units[0]", code: .conflict)
    }

    @Test func aUnitCannotEndTheDayItBegins() throws {
        var ledger = try TestLedger.withUnits()
        try accept(&ledger, [Self.event("unit.registered", #"{"code":"NEWX","name":"Xã Mới","level":"commune","parent":"LC","effectiveOn":"2025-07-01"}"#)])
        _ = try refused(&ledger, [Self.end("NEWX")], path: "events[0].data.effectiveOn", code: .invalidValue)
        _ = try refused(&ledger, [Self.end("NEWX", on: "2025-01-01")], path: "events[0].data.effectiveOn", code: .invalidValue)
        try accept(&ledger, [Self.end("NEWX", on: "2025-07-02")])
    }

    @Test func aRefusedBatchOfChangesLeavesNothingBehind() throws {
        var ledger = try TestLedger.withUnits()
        let projection = ledger.projection
        _ = try refused(
            &ledger, [Self.move("BH", to: "LC"), Self.move("KS", to: "LC"), Self.end("BY"), Self.merge(["BH", "BX"], into: "BH")],
            path: "events[3].data.units[1]", code: .invalidValue)
        #expect(ledger.projection == projection)
        #expect(ledger.registry.lineage.histories.isEmpty)
    }

    // MARK: - Dates

    @Test func aChangeMayTakeEffectUpToAYearAheadNoMore() throws {
        var ledger = try TestLedger.withUnits()
        ledger.recordedOn = Day(year: 2026, month: 12, day: 7)
        // 366 days after 2026-12-07 is 2027-12-08.
        let far = try refused(&ledger, [Self.end("BX-1", on: "2027-12-09")], path: "events[0].data.effectiveOn", code: .invalidValue)
        #expect(far == "effectiveOn 2027-12-09 is more than 366 days after the day it is recorded on (2026-12-07, the province's date): a unit change is recorded once its resolution is adopted, at most a year before it takes effect; check the date")
        _ = try refused(&ledger, [Self.event("unit.registered", #"{"code":"NEWX","name":"Xã Mới","level":"commune","parent":"LC","effectiveOn":"2028-01-01"}"#)], path: "events[0].data.effectiveOn", code: .invalidValue)
        try accept(&ledger, [Self.end("BX-1", on: "2027-12-08")])
        // Other events are still never dated ahead.
        _ = try refused(&ledger, [Self.funds("KS", on: "2026-12-08")], path: "events[0].data.contributedOn", code: .invalidValue)
    }

    @Test func aCampaignOfAUnitThatEndedTakesFactsDatedBeforeItsEndOnly() throws {
        var ledger = try TestLedger.withUnits()
        try accept(&ledger, [Self.event("campaign.launched", #"{"campaign":"GT-BY","title":"Giao thông","kind":"drive","unit":"BY","startedOn":"2024-01-01"}"#)])
        try accept(&ledger, [Self.move("BH", to: "LC"), Self.move("KS", to: "LC"), Self.end("BY")])
        // BH was under BY on 2025-06-01, though not today.
        try accept(&ledger, [Self.funds("BH", on: "2025-06-01", campaign: "GT-BY")])
        let after = try refused(&ledger, [Self.funds("BH", on: "2025-07-01", campaign: "GT-BY")], path: "events[0].data.campaign", code: .invalidValue)
        #expect(after.hasPrefix("campaign 'GT-BY' belongs to Bảo Yên (BY) ended on 2025-07-01"))
    }

    // MARK: - Voids

    @Test func voidingARenameOrAMoveTakesItBackOut() throws {
        var ledger = try TestLedger.withUnits()
        let renameID = "00000000-0000-4000-8000-0000000000b1"
        try accept(&ledger, [Self.event("unit.renamed", #"{"unit":"KS","name":"Kim Sơn Mới","effectiveOn":"2025-07-01"}"#, id: renameID), Self.move("KS", to: "LC", id: Self.moveID)])
        try accept(&ledger, [Self.void(renameID), Self.void(Self.moveID)])
        #expect(ledger.registry.units["KS"]?.name == "Kim Sơn")
        #expect(ledger.registry.units["KS"]?.parent == "BY")
        let ks = try #require(ledger.projection.unit("KS")), by = try #require(ledger.projection.unit("BY"))
        #expect(ledger.projection.units[Int(ks)].name == "Kim Sơn")
        #expect(ledger.projection.units[Int(by)].children.contains(ks))
        #expect(ledger.projection.units[Int(ks)].parent == by)
    }

    @Test func voidingAMergeBringsTheMergedUnitBack() throws {
        var ledger = try TestLedger.withUnits()
        try accept(&ledger, [Self.merge(["KS", "BH"], into: "BH", id: Self.mergeID)])
        try accept(&ledger, [Self.funds("BH", on: "2025-08-01")])
        try accept(&ledger, [Self.void(Self.mergeID)])
        #expect(!ledger.registry.lineage.hasEnded("KS"))
        #expect(ledger.registry.lineage["BH"]?.predecessors.isEmpty == true)
        try accept(&ledger, [Self.funds("KS", on: "2025-08-01")])
        let by = try #require(ledger.projection.unit("BY")), ks = try #require(ledger.projection.unit("KS"))
        #expect(ledger.projection.units[Int(by)].children.contains(ks))
        #expect(ledger.projection.unitJSON(ks)["historical"] == nil)
    }

    @Test func aVoidThatALaterChangeDependsOnIsRefused() throws {
        var ledger = try TestLedger.withUnits()
        try accept(&ledger, [Self.move("BH", to: "LC", id: Self.moveID), Self.merge(["KS", "BH"], into: "BH", id: Self.mergeID), Self.end("BY", id: Self.endID)])
        let merge = try refused(&ledger, [Self.void(Self.mergeID)], path: "events[0].data.target", code: .conflict)
        #expect(merge == "this unit.merged cannot be voided: without it Kim Sơn (KS) would be under Bảo Yên (BY), which exists only until 2025-06-30; a later change depends on it: void that change first (event \(Self.endID)), or record a compensating change instead")
        _ = try refused(&ledger, [Self.void(Self.moveID)], path: "events[0].data.target", code: .conflict)
        // In the reverse order, in one batch, each void finds nothing that depends on it.
        try accept(&ledger, [Self.void(Self.endID), Self.void(Self.mergeID), Self.void(Self.moveID)])
        #expect(ledger.registry.lineage.histories.values.allSatisfy { $0.end == nil && $0.moves.isEmpty })
        #expect(ledger.registry.units["BH"]?.parent == "BY")
        let fresh = try TestLedger.withUnits()
        #expect(ledger.projection.units.map(\.children) == fresh.projection.units.map(\.children))
    }

    @Test func voidsOfSplitsAndEnds() throws {
        var ledger = try TestLedger.withUnits()
        let splitID = "00000000-0000-4000-8000-0000000000b2"
        try accept(&ledger, [Self.event("unit.split", #"{"unit":"KS","into":["BH","BX-1"],"main":"BH","effectiveOn":"2025-07-01"}"#, id: splitID)])
        try accept(&ledger, [Self.end("BX-1", on: "2026-01-01", id: Self.endID)])
        try accept(&ledger, [Self.void(splitID), Self.void(Self.endID)])
        #expect(ledger.registry.lineage.histories.values.allSatisfy { $0.end == nil && $0.successors.isEmpty && $0.predecessors.isEmpty })
        try accept(&ledger, [Self.funds("KS", on: "2025-08-01"), Self.funds("BX-1", on: "2026-02-01")])
        _ = try refused(&ledger, [Self.void(Self.endID)], path: "events[0].data.target", code: .conflict)
    }

    @Test func theSnapshotHoldsTheLineageAndTheRegistersNames() throws {
        var ledger = try TestLedger.withUnits()
        try accept(&ledger, [
            Self.event("unit.registered", #"{"code":"NEWX","name":"Xã Mới","level":"commune","parent":"LC","effectiveOn":"2025-07-01"}"#),
            Self.move("BH-1", to: "NEWX"), Self.move("KS", to: "LC"), Self.merge(["BH"], into: "NEWX", id: Self.mergeID),
            Self.event("unit.renamed", #"{"unit":"KS","name":"Kim Sơn Mới","effectiveOn":"2025-07-01"\#(Self.act)}"#),
            Self.event("unit.split", #"{"unit":"KS","into":["KS","NEWX"],"main":"KS","effectiveOn":"2025-08-01"}"#),
            Self.end("BY"),
        ])
        let bytes = StateSnapshotCodec.encode(registry: ledger.registry, projection: ledger.projection)
        let (registry, projection) = try StateSnapshotCodec.decode(bytes)
        #expect(registry == ledger.registry)
        #expect(projection == ledger.projection)
        #expect(projection.lineage == ledger.registry.lineage)
    }

    // MARK: - Logs of catalogue 1

    @Test func aLogWithoutUnitChangesHasNoLineageAndAnswersAsBefore() throws {
        let ledger = try SampleFiguresTests.loadSample()
        #expect(ledger.registry.lineage.histories.isEmpty)
        #expect(ledger.projection.lineage.histories.isEmpty)
        let tree = try ledger.projection.answer(.tree(unit: nil, depth: nil), today: Day(year: 2025, month: 1, day: 1))
        #expect(!JSONWriter.string(tree).contains("historical"))
        // A unit.registered record as catalogue 1 wrote it (presence bit 0 only) reads as before.
        var old = Bytes()
        old.envelope(type: .unitRegistered)
        old.bytes.append(0b1)
        old.string("BY")
        old.string("Bảo Yên")
        old.bytes.append(1)
        old.string("LC")
        let event = try BinaryCodecTests.decode(old.bytes)
        #expect(event.data == .unitRegistered(UnitRegistered(code: "BY", name: "Bảo Yên", level: .district, parent: "LC")))
        var again: [UInt8] = []
        EventPayloadCodec.encode(event, into: &again)
        #expect(again == old.bytes)
    }
}
