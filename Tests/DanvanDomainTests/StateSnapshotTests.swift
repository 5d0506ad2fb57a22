import DanvanDomain
import DanvanJSON
import Testing

/// A state snapshot restores exactly the registry and projection that replaying the log
/// builds: every query answers the same, and every registry rule still holds.
@Suite struct StateSnapshotTests {
    /// The sample province, plus a stream and a voided campaign so that every part of the
    /// state (streams, voided entries, forgotten campaigns) is in the snapshot.
    static func sampleLedger() throws -> TestLedger {
        var ledger = try SampleFiguresTests.loadSample()
        try ledger.append("""
            [{"type":"funds.contributed","stream":"LC-funds","data":{"unit":"LC","amountVnd":5000,"source":"household","contributedOn":"2024-03-01"}},
             {"type":"funds.contributed","stream":"LC-funds","data":{"unit":"LC","amountVnd":7000,"source":"business","contributedOn":"2024-03-02"}}]
            """)
        let launched = try #require(try ledger.add(
            "campaign.launched", #"{"campaign":"SNAP-1","title":"Thử","kind":"drive","unit":"LC","startedOn":"2024-01-01"}"#))
        try ledger.add("entry.voided", #"{"target":"\#(launched.id)","reason":"thử xoá"}"#)
        return ledger
    }

    /// `ledger` with its state replaced by the snapshot round trip of it.
    static func restored(_ ledger: TestLedger) throws -> TestLedger {
        let bytes = StateSnapshotCodec.encode(registry: ledger.registry, projection: ledger.projection)
        let state = try StateSnapshotCodec.decode(bytes)
        var copy = ledger
        copy.registry = state.registry
        copy.projection = state.projection
        return copy
    }

    /// Every query the daemon serves, over every unit and year of the sample.
    static func queries(_ projection: Projection) -> [Query] {
        var queries: [Query] = [.summary(unit: nil, scope: .year(nil)), .units(parent: nil, scope: .year(nil)), .campaigns(unit: nil, status: nil, scope: .all)]
        for unit in projection.units.map(\.code) {
            queries.append(.summary(unit: unit, scope: .year(nil)))
            queries.append(.units(parent: unit, scope: .year(2022)))
            for year in 2019...2025 { queries.append(.summary(unit: unit, scope: .year(year))) }
            // Periods read the half-month rows, the day columns, the model days and the answer ledger.
            let quarter = Period(.quarter(2022, 2), cutoff: .decree09)
            queries.append(.summary(unit: unit, scope: Query.Scope(period: quarter, answeredBy: Day(year: 2022, month: 12, day: 31))))
            queries.append(.summary(unit: unit, scope: Query.Scope(period: Period(from: Day(year: 2022, month: 3, day: 10), to: Day(year: 2022, month: 9, day: 20)))))
        }
        for c in projection.campaigns.keys { queries.append(.campaign(c, scope: .all)) }
        for status in Query.CampaignStatus.allCases { queries.append(.campaigns(unit: "LC", status: status, scope: .all)) }
        for status in Query.OpinionStatus.allCases { queries.append(.opinions(unit: nil, status: status, olderThanDays: nil, limit: 100_000, scope: .all)) }
        queries.append(.models(unit: nil, field: nil, scope: .all))
        for field in ModelField.allCases { queries.append(.models(unit: "LC", field: field, scope: .all)) }
        return queries
    }

    @Test func theSampleProvinceComesBackIdentical() throws {
        let ledger = try Self.sampleLedger()
        let copy = try Self.restored(ledger)
        // Compared as Bools: on failure, the expanded states would print megabytes.
        let sameRegistry = copy.registry == ledger.registry
        let sameProjection = copy.projection == ledger.projection
        #expect(sameRegistry)
        #expect(sameProjection)
        let today = Day(year: 2025, month: 1, day: 1)
        let queries = Self.queries(ledger.projection)
        #expect(queries.count > 1000)
        for query in queries {
            let expected = try ledger.projection.answer(query, today: today)
            let actual = try copy.projection.answer(query, today: today)
            #expect(JSONWriter.string(actual) == JSONWriter.string(expected), "\(query)")
        }
    }

    @Test func aRestoredRegistryEnforcesTheSameRules() throws {
        var copy = try Self.restored(try Self.sampleLedger())
        // A stored id is recognised as a duplicate: acknowledged, not stored again.
        let firstLine = #"{"id":"a0cc7375-c936-58ea-9154-56b30a256721","type":"unit.registered","data":{"code":"LC2","name":"X","level":"province"}}"#
        #expect(try copy.append("[\(firstLine)]").isEmpty)
        // A unit code is still taken.
        let refusal = copy.refusal(#"[{"type":"unit.registered","data":{"code":"LC","name":"Lào Cai 2","level":"province"}}]"#)
        #expect(refusal?.validation?.code.name == "duplicate")
        // A stream's version is still known to expectedVersion.
        let e = #"{"type":"funds.contributed","stream":"LC-funds","data":{"unit":"LC","amountVnd":1,"source":"household","contributedOn":"2024-03-03"}}"#
        #expect(throws: AppendRefusal.conflict(stream: "LC-funds", expected: .exactly(1), actual: 2)) {
            try copy.append("[\(e)]", expectedVersion: .exactly(1))
        }
        try copy.append("[\(e)]", expectedVersion: .exactly(2))
        // The voided campaign's id is free again, and a voided event cannot be voided twice.
        try copy.add("campaign.launched", #"{"campaign":"SNAP-1","title":"Lại","kind":"drive","unit":"LC","startedOn":"2024-01-01"}"#)
        let voided = try #require(copy.events.last { if case .entryVoided = $0.data { true } else { false } })
        guard case .entryVoided(let v) = voided.data else { return }
        let again = copy.refusal(#"[{"type":"entry.voided","data":{"target":"\#(v.target)","reason":"again"}}]"#)
        #expect(again?.validation?.code.name == "state_conflict")
    }

    @Test func anEmptyStateRoundTrips() throws {
        let bytes = StateSnapshotCodec.encode(registry: Registry(), projection: Projection())
        let state = try StateSnapshotCodec.decode(bytes)
        #expect(state.registry == Registry())
        #expect(state.projection == Projection())
    }

    @Test func aCutOrExtendedBodyIsRefused() throws {
        let ledger = try TestLedger.withUnits()
        let bytes = StateSnapshotCodec.encode(registry: ledger.registry, projection: ledger.projection)
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 50)) {
            #expect(throws: StateSnapshotError.self) { try StateSnapshotCodec.decode(Array(bytes[..<cut])) }
        }
        #expect(throws: StateSnapshotError.self) { try StateSnapshotCodec.decode(bytes + [0]) }
    }
}
