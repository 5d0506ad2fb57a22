import DanvanDomain
import DanvanJSON
import Testing

/// `summary` and `units` answers are written as bytes straight from the figures; they must be
/// exactly the bytes that writing the `JSONValue` answer gives, for every unit, year and value.
@Suite struct SummaryBytesTests {
    static func viaValue(_ projection: Projection, _ query: Query) throws -> [UInt8] {
        JSONWriter.bytes(try projection.answer(query, today: Day(year: 2025, month: 1, day: 1)))
    }

    static func direct(_ projection: Projection, _ query: Query) throws -> [UInt8] {
        var out: [UInt8] = []
        try projection.writeAnswer(query, today: Day(year: 2025, month: 1, day: 1), into: &out)
        return out
    }

    @Test func everyUnitAndYearOfTheSampleProvince() throws {
        let projection = try SampleFiguresTests.loadSample().projection
        var compared = 0
        for unit in [nil] + projection.units.map(\.code) {
            for year in [nil, 1999, 2021, 2022, 2023, 2024, 2025] as [Int?] {
                let query = Query.summary(unit: unit, scope: .year(year))
                let direct = try Self.direct(projection, query)
                #expect(direct == (try Self.viaValue(projection, query)), "\(unit ?? "all") \(year.map(String.init) ?? "all years")")
                compared += 1
            }
        }
        #expect(compared > 100)
    }

    @Test func everyUnitsListingOfTheSampleProvince() throws {
        let projection = try SampleFiguresTests.loadSample().projection
        var compared = 0
        for parent in [nil] + projection.units.map(\.code) {
            for year in [nil, 1999, 2023] as [Int?] {
                let query = Query.units(parent: parent, scope: .year(year))
                #expect(try Self.direct(projection, query) == (try Self.viaValue(projection, query)), "\(parent ?? "roots")")
                compared += 1
            }
        }
        #expect(compared > 100)
    }

    @Test func otherProjectionsGoThroughTheirValue() throws {
        let projection = try SampleFiguresTests.loadSample().projection
        for query in [Query.campaigns(unit: nil, status: nil, scope: .all), .models(unit: nil, field: nil, scope: .all)] {
            #expect(try Self.direct(projection, query) == (try Self.viaValue(projection, query)))
        }
    }

    @Test func randomTotals() {
        var rng = SystemRandomNumberGenerator()
        for round in 0..<2000 {
            var t = Totals()
            func int() -> Int64 {
                switch round % 5 {
                case 0: return 0
                case 1: return Int64.random(in: -5...5, using: &rng)
                // Far from zero, but not so far that `active` (launched - closed) overflows.
                case 4: return [Int64.max / 2, -(Int64.max / 2), 1 << 62, -1, 1, 10_000, 100_001].randomElement(using: &rng) ?? 0
                default: return Int64.random(in: -1_000_000_000_000_000...1_000_000_000_000_000, using: &rng)
                }
            }
            func quantity() -> Quantity { Quantity(scaled: int()) }
            t.landM2 = quantity()
            t.donorHouseholds = int()
            t.assetsVnd = int()
            t.fundsVnd = int()
            t.workdays = quantity()
            for i in t.works.indices {
                t.works[i].count = int()
                t.works[i].lengthKm = quantity()
                t.works[i].valueVnd = int()
            }
            t.campaignsLaunched = int()
            t.campaignsClosed = int()
            t.campaignsLaunchedNowClosed = int() % 1_000_000
            t.dialoguesHeld = int()
            t.dialoguesPeriodic = int()
            t.dialoguesAdHoc = int()
            t.opinionsReceived = int()
            t.opinionsAnswered = int()
            t.models = int()
            for i in t.modelsByField.indices { t.modelsByField[i] = int() }
            t.communesWithModels = int()
            let communes = int()
            var direct: [UInt8] = [UInt8(ascii: "{")]
            t.writeJSONMembers(communes: communes, into: &direct)
            direct.append(UInt8(ascii: "}"))
            let expected = JSONWriter.bytes(.object(t.json(communes: communes)))
            #expect(direct == expected, "round \(round)")
            if direct != expected { return }
        }
    }

    @Test func anUnknownUnitWritesNothing() throws {
        let projection = try SampleFiguresTests.loadSample().projection
        var out: [UInt8] = Array("kept".utf8)
        #expect(throws: QueryError.self) {
            try projection.writeAnswer(.summary(unit: "no such unit", scope: .year(nil)), today: Day(year: 2025, month: 1, day: 1), into: &out)
        }
        #expect(out == Array("kept".utf8))
    }
}
