import DanvanDomain
import DanvanJSON
import Testing

/// The two boundaries views (`Boundaries`), change kind by change kind, on
/// `TestLedger.withUnits()`: LC > BY (Bảo Yên) > BH (Bảo Hà) > BH-1, BY > KS (Kim Sơn),
/// LC > BX (Bát Xát) > BX-1. Every fact is 1000 ₫ of funds, so figures read as counts.
@Suite struct BoundariesTests {
    typealias R = UnitChangeRulesTests
    static let today = Day(year: 2026, month: 12, day: 7)

    /// 2023–2024 facts, then the 2025 resolution: Kim Sơn merged into Bảo Hà, Bảo Hà moved
    /// under the province, Bảo Yên district ended; then a fact of Bảo Hà in August 2025.
    static func reorganised() throws -> TestLedger {
        var ledger = try TestLedger.withUnits()
        try ledger.append("[" + [R.funds("BH", on: "2023-05-01"), R.funds("KS", on: "2023-06-01"), R.funds("BH-1", on: "2024-01-01"), R.funds("BX-1", on: "2023-03-01")].joined(separator: ",") + "]")
        try ledger.append("[" + [R.merge(["BH", "KS"], into: "BH", id: R.mergeID), R.move("BH", to: "LC", id: R.moveID), R.end("BY", id: R.endID)].joined(separator: ",") + "]")
        try ledger.append("[" + R.funds("BH", on: "2025-08-01") + "]")
        return ledger
    }

    func scope(_ view: Boundaries?, _ period: String? = nil) -> Query.Scope {
        Query.Scope(period: period.flatMap { PeriodName($0) }.map { Period($0, cutoff: .calendar) }, boundaries: view)
    }

    func funds(_ ledger: TestLedger, _ unit: String?, _ view: Boundaries?, _ period: String? = nil) throws -> String? {
        let answer = try ledger.projection.answer(.summary(unit: unit, scope: scope(view, period)), today: Self.today)
        return answer.objectValue?.number("fundsVnd")
    }

    func units(_ ledger: TestLedger, _ parent: String?, _ view: Boundaries?, _ period: String? = nil) throws -> [String: String] {
        let answer = try #require(ledger.projection.answer(.units(parent: parent, scope: scope(view, period)), today: Self.today).objectValue)
        var out: [String: String] = [:]
        for row in answer["units"]?.arrayValue ?? [] {
            guard let o = row.objectValue, let code = o.at("unit.code")?.stringValue else { continue }
            out[code] = o.number("fundsVnd")
        }
        out["own"] = answer.number("own.fundsVnd")
        out["total"] = answer.number("total.fundsVnd")
        return out
    }

    func notCurrent(_ ledger: TestLedger, _ unit: String) -> QueryError? {
        do {
            _ = try ledger.projection.answer(.summary(unit: unit, scope: scope(nil)), today: Self.today)
            return nil
        } catch {
            return error
        }
    }

    @Test func theCurrentViewAddsTheMergedUnitsHistoryToWhatItBecame() throws {
        let ledger = try Self.reorganised()
        #expect(try funds(ledger, "BH", nil) == "4000")
        #expect(try funds(ledger, "BH", .current) == "4000")
        #expect(try funds(ledger, "BH", .current, "2023") == "2000")
        #expect(try funds(ledger, "LC", .current) == "5000")
        #expect(try units(ledger, "LC", .current) == ["BH": "4000", "BX": "1000", "own": "0", "total": "5000"])
    }

    @Test func theHistoricalViewCountsEachFactWhereItsUnitStoodOnItsDate() throws {
        let ledger = try Self.reorganised()
        #expect(try funds(ledger, "BY", .historical) == "3000")
        #expect(try funds(ledger, "BY", .historical, "2023") == "2000")
        #expect(try funds(ledger, "KS", .historical) == "1000")
        #expect(try funds(ledger, "BH", .historical) == "3000")
        #expect(try funds(ledger, "LC", .historical) == "5000")
        // The province's children of the time: the district until it ended, Bảo Hà after.
        #expect(try units(ledger, "LC", .historical) == ["BY": "3000", "BH": "1000", "BX": "1000", "own": "0", "total": "5000"])
        #expect(try units(ledger, "BY", .historical) == ["BH": "2000", "KS": "1000", "own": "0", "total": "3000"])
        #expect(try units(ledger, "LC", .historical, "2023") == ["BY": "2000", "BX": "1000", "own": "0", "total": "3000"])
    }

    @Test func anEndedUnitIsRefusedInTodaysBoundariesWithWhereItsFiguresCount() throws {
        let ledger = try Self.reorganised()
        let error = try #require(notCurrent(ledger, "BY"))
        #expect(error.code == "not_current")
        #expect(error.message.contains("Bảo Yên (BY) ended on 2025-07-01: today's boundaries have no such unit"))
        #expect(error.message.contains("its figures count in Lào Cai (LC)"))
        #expect(error.message.contains("\"boundaries\": \"historical\""))
        let merged = try #require(notCurrent(ledger, "KS"))
        #expect(merged.message.contains("was merged into another unit on 2025-07-01"))
        #expect(merged.message.contains("count in Bảo Hà (BH)"))
    }

    @Test func bothViewsHaveTheSameNationalSumAndUntouchedUnitsAgree() throws {
        let ledger = try Self.reorganised()
        #expect(try funds(ledger, nil, .current) == "5000")
        #expect(try funds(ledger, nil, .historical) == "5000")
        for unit in ["BX", "BX-1"] {
            for period in [nil, "2023", "2025-H2"] as [String?] {
                #expect(try funds(ledger, unit, .current, period) == funds(ledger, unit, .historical, period))
            }
        }
    }

    @Test func aFactRecordedLaterUnderTheOldUnitCountsInBothViewsByItsDate() throws {
        var ledger = try Self.reorganised()
        try ledger.append("[" + R.funds("KS", on: "2024-03-01") + "]")
        #expect(try funds(ledger, "BH", .current) == "5000")
        #expect(try funds(ledger, "KS", .historical) == "2000")
        #expect(try funds(ledger, "BY", .historical, "2024") == "2000")
        #expect(try funds(ledger, nil, .historical) == "6000")
        #expect(try funds(ledger, nil, .current) == "6000")
    }

    @Test func theAnswerEchoesTheViewOnlyWhenOneIsNamed() throws {
        let ledger = try Self.reorganised()
        let named = try ledger.projection.answer(.summary(unit: "BH", scope: scope(.historical)), today: Self.today)
        #expect(named.objectValue?["boundaries"]?.stringValue == "historical")
        let unnamed = try ledger.projection.answer(.summary(unit: "BH", scope: scope(nil)), today: Self.today)
        #expect(unnamed.objectValue?["boundaries"] == nil)
        var bytes: [UInt8] = []
        try ledger.projection.writeAnswer(.summary(unit: "BH", scope: scope(.historical)), today: Self.today, into: &bytes)
        #expect(try JSONParser.parse(bytes) == named)
        var unitsBytes: [UInt8] = []
        try ledger.projection.writeAnswer(.units(parent: "LC", scope: scope(.historical)), today: Self.today, into: &unitsBytes)
        #expect(try JSONParser.parse(unitsBytes) == ledger.projection.answer(.units(parent: "LC", scope: scope(.historical)), today: Self.today))
    }

    /// A void of a merge takes it back whole: the merged unit exists again from that date,
    /// its history returns to it in the current view, and the historical view (which never
    /// moved it) is unchanged. A district that ended after the merge must come back first.
    @Test func aVoidOfAMergeGivesTheMergedUnitItsHistoryBack() throws {
        var ledger = try Self.reorganised()
        let blocked = ledger.refusal("[" + R.void(R.mergeID) + "]")
        #expect(blocked?.validation?.code == .conflict, "Kim Sơn would be under a district that ended")
        try ledger.append("[" + R.void(R.endID) + "]")
        try ledger.append("[" + R.void(R.mergeID) + "]")
        #expect(try funds(ledger, "KS", .current) == "1000")
        #expect(try funds(ledger, "BH", .current) == "3000")
        #expect(try funds(ledger, "BY", .current) == "1000", "Bảo Yên holds Kim Sơn again; Bảo Hà stays moved")
        #expect(try funds(ledger, "BY", .historical) == "3000")
        #expect(try funds(ledger, "KS", .historical) == "1000")
        #expect(try funds(ledger, nil, .current) == "5000")
        #expect(try funds(ledger, nil, .historical) == "5000")
        // And the move voided too: everything is as before the resolution, in both views.
        try ledger.append("[" + R.void(R.moveID) + "]")
        for view in Boundaries.allCases {
            #expect(try funds(ledger, "BY", view) == "4000")
            #expect(try funds(ledger, "BH", view) == "3000")
        }
    }

    /// A split unit's history goes to its main part; answers of units holding some but not
    /// all of its parts say so.
    @Test func aSplitUnitsHistoryGoesToItsMainPartAndTheAnswerSaysSo() throws {
        var ledger = try TestLedger.withUnits()
        try ledger.append("[" + R.funds("BX-1", on: "2023-03-01") + "]")
        try ledger.append("""
            [{"type":"unit.registered","data":{"code":"X1","name":"Xèo Một","level":"commune","parent":"BX","effectiveOn":"2025-07-01"}},
             {"type":"unit.registered","data":{"code":"X2","name":"Xèo Hai","level":"commune","parent":"BY","effectiveOn":"2025-07-01"}},
             {"type":"unit.split","data":{"unit":"BX-1","into":["X1","X2"],"main":"X1","effectiveOn":"2025-07-01"}}]
            """)
        #expect(try funds(ledger, "X1", .current) == "1000")
        #expect(try funds(ledger, "BX", .current) == "1000")
        #expect(try funds(ledger, "BY", .current) == "0")
        #expect(try funds(ledger, "BX-1", .historical) == "1000")
        #expect(try funds(ledger, "X1", .historical) == "0")
        let bx = try #require(ledger.projection.answer(.summary(unit: "BX", scope: scope(nil)), today: Self.today).objectValue)
        let note = try #require(bx["splits"]?.arrayValue?.first?.objectValue)
        #expect(note["unit"]?.stringValue == "BX-1")
        #expect(note["historyTo"]?.stringValue == "X1")
        #expect(note["includesHistory"] == .bool(true))
        let by = try #require(ledger.projection.answer(.summary(unit: "BY", scope: scope(nil)), today: Self.today).objectValue)
        #expect(by["splits"]?.arrayValue?.first?.objectValue?["includesHistory"] == .bool(false))
        let lc = try #require(ledger.projection.answer(.summary(unit: "LC", scope: scope(nil)), today: Self.today).objectValue)
        #expect(lc["splits"] == nil, "the province holds every part")
        let hist = try #require(ledger.projection.answer(.summary(unit: "BX", scope: scope(.historical)), today: Self.today).objectValue)
        #expect(hist["splits"] == nil)
    }

    /// A unit that ended without successor (a district) counts, today, in what its parent became.
    @Test func anEndedDistrictsOwnFactsCountAtItsParentToday() throws {
        var ledger = try TestLedger.withUnits()
        try ledger.append("[" + [R.funds("BY", on: "2024-02-02"), R.funds("BH", on: "2024-02-02")].joined(separator: ",") + "]")
        try ledger.append("[" + [R.move("BH", to: "LC"), R.move("KS", to: "LC"), R.end("BY")].joined(separator: ",") + "]")
        #expect(try units(ledger, "LC", .current) == ["BH": "1000", "KS": "0", "BX": "0", "own": "1000", "total": "2000"])
        #expect(try funds(ledger, "BY", .historical) == "2000")
        #expect(try units(ledger, "BY", .historical) == ["BH": "1000", "KS": "0", "own": "1000", "total": "2000"])
    }

    /// Models and answered opinions follow the same views: a commune with a model counts once
    /// in what it became, and an answer counts where its dialogue's unit stood.
    @Test func modelsAndAnswersFollowTheViews() throws {
        var ledger = try TestLedger.withUnits()
        try ledger.append("""
            [{"type":"model.registered","data":{"model":"m1","unit":"KS","title":"Dân vận khéo","field":"economy","registeredOn":"2023-04-04"}},
             {"type":"dialogue.held","data":{"dialogue":"d1","unit":"KS","chair":"party_committee_head","heldOn":"2023-04-05","format":"periodic","topic":"Đường","opinions":[{"opinion":"o1","text":"Làm đường"}]}},
             {"type":"opinion.answered","data":{"dialogue":"d1","opinion":"o1","answeredOn":"2023-05-01","answer":"Đã làm"}}]
            """)
        try ledger.append("[" + [R.merge(["BH", "KS"], into: "BH"), R.move("BH", to: "LC"), R.end("BY")].joined(separator: ",") + "]")
        func figure(_ unit: String, _ view: Boundaries, _ path: String, period: String? = "2023", answeredBy: Day? = nil) throws -> String? {
            var s = scope(view, period)
            s.answeredBy = answeredBy
            return try ledger.projection.answer(.summary(unit: unit, scope: s), today: Self.today).objectValue?.number(path)
        }
        #expect(try figure("BH", .current, "models.communesWithModels") == "1")
        #expect(try figure("BH", .current, "models.communesWithModels", period: nil) == "1")
        #expect(try figure("BY", .historical, "models.communesWithModels") == "1")
        #expect(try figure("BY", .historical, "models.communesWithModels", period: nil) == "1")
        #expect(try figure("BH", .historical, "models.communesWithModels") == "0")
        #expect(try figure("BH", .current, "opinions.answered", answeredBy: Day(year: 2023, month: 12, day: 31)) == "1")
        #expect(try figure("KS", .historical, "opinions.answered", answeredBy: Day(year: 2023, month: 12, day: 31)) == "1")
        #expect(try figure("BH", .historical, "opinions.answered", answeredBy: Day(year: 2023, month: 12, day: 31)) == "0")
        let models = try ledger.projection.answer(.models(unit: "BH", field: nil, scope: scope(nil)), today: Self.today)
        #expect(models.objectValue?.number("count") == "1")
        let old = try ledger.projection.answer(.models(unit: "BY", field: nil, scope: scope(.historical)), today: Self.today)
        #expect(old.objectValue?.number("count") == "1")
    }

    /// The same log gives the same projection whether it is applied in one go, settled once,
    /// or restored from a snapshot taken after the changes.
    @Test func aSnapshotOfSplitViewsRestoresTheSameProjection() throws {
        var ledger = try Self.reorganised()
        try ledger.append("[" + R.funds("KS", on: "2024-03-01") + "]")
        let bytes = StateSnapshotCodec.encode(registry: ledger.registry, projection: ledger.projection)
        let restored = try StateSnapshotCodec.decode(bytes)
        #expect(restored.projection == ledger.projection)
        var once = Projection()
        for event in ledger.events {
            let target: StoredEvent? = if case .entryVoided(let v) = event.data { ledger.events.first { $0.id == v.target } } else { nil }
            once.apply(event, voidedTarget: target)
        }
        #expect(once.unsettled)
        for unit in ["LC", "BY", "BH", "KS", "BH-1", "BX"] {
            for view in Boundaries.allCases {
                let a = try? once.answer(.summary(unit: unit, scope: scope(view)), today: Self.today)
                let b = try? ledger.projection.answer(.summary(unit: unit, scope: scope(view)), today: Self.today)
                #expect(a == b, "\(unit) \(view)")
            }
        }
    }
}
