import DanvanDomain
import DanvanJSON
import Foundation
import Testing

/// The sample's figures after its 2025 reorganisation (`Samples/reorganisation-2025.ndjson`)
/// in both boundaries views: the historical view still answers what every unit reported, the
/// current view gives the merged communes' history to what they became, and both add up to
/// the same province.
@Suite struct ReorganisedSampleFiguresTests {
    static let today = Day(year: 2026, month: 12, day: 1)

    func ledger() throws -> TestLedger { try #require(ReorganisationSampleTests.reorganised) }

    func answer(_ ledger: TestLedger, _ params: JSONObject) throws -> JSONValue {
        try ledger.projection.answer(try Query(params: params), today: Self.today)
    }

    func summary(_ ledger: TestLedger, _ unit: String, year: Int?, _ view: Boundaries) throws -> JSONObject {
        var params: JSONObject = ["projection": "summary", "unit": .string(unit), "boundaries": .string(view.rawValue)]
        if let year { params["year"] = .int(Int64(year)) }
        return try #require(try answer(ledger, params).objectValue)
    }

    /// Every figure of `lao-cai.expected.json` (all dated 2021–2024, before the change) is
    /// what the historical view answers once the districts have ended. A query without a
    /// year is asked up to the end of 2024: the reorganisation's own facts come after.
    @Test func theSampleFiguresStandAsTheyWereReported() throws {
        let ledger = try ledger()
        let expected = try JSONParser.parse(Array(try Data(contentsOf: SampleFiguresTests.root.appendingPathComponent("Samples/lao-cai.expected.json"))))
        let figures = try #require(expected["figures"]?.arrayValue)
        #expect(figures.count >= 20)
        for figure in figures {
            var params = try #require(figure["query"]?.objectValue)
            params["id"] = nil
            params["boundaries"] = "historical"
            if params["year"] == nil { params["to"] = "2024-12-31" }
            let result = try answer(ledger, params)
            let mismatches = SampleFiguresTests.mismatches(expected: figure["expect"] ?? .null, actual: result, path: "")
            #expect(mismatches.isEmpty, "\(figure["name"]?.stringValue ?? "?"): \(mismatches.joined(separator: "; "))")
        }
    }

    /// The old district is asked in today's boundaries: refused, naming where it counts now.
    @Test func theOldDistrictHasNoFiguresInTodaysBoundaries() throws {
        let ledger = try ledger()
        do {
            _ = try ledger.projection.answer(.summary(unit: "huyện Bảo Yên", scope: .year(2023)), today: Self.today)
            Issue.record("an ended district answered in today's boundaries")
        } catch {
            #expect(error.code == "not_current")
            #expect(error.candidates.compactMap { $0["code"]?.stringValue } == ["LC"])
        }
        let reported = try summary(ledger, "huyện Bảo Yên", year: 2023, .historical)
        #expect(reported.number("dialogues.held") == "4")
    }

    /// Xã Nghĩa Đô (BY-NGHIADO) was formed from Tân Tiến, Vĩnh Yên and Nghĩa Đô: in today's
    /// boundaries its figures of any year are the three communes' as they were reported.
    @Test func aMergedCommuneCarriesWhatItWasFormedFrom() throws {
        let ledger = try ledger()
        let formedFrom = try #require(ledger.projection.answer(.history(unit: "BY-NGHIADO"), today: Self.today)["predecessors"]?.arrayValue)
            .compactMap { $0["unit"]?["code"]?.stringValue }
        #expect(Set(formedFrom) == ["BY-TANTIEN", "BY-VINHYEN"])
        for year in [2021, 2023, 2025, 2026] as [Int?] + [nil] {
            let now = try summary(ledger, "BY-NGHIADO", year: year, .current)
            var then: [String: Decimal] = [:]
            for code in ["BY-NGHIADO", "BY-TANTIEN", "BY-VINHYEN"] {
                var one: [String: Decimal] = [:]
                UnitsAnswerTests.numbers(.object(try summary(ledger, code, year: year, .historical)), into: &one)
                for (k, v) in one { then[k, default: 0] += v }
            }
            var current: [String: Decimal] = [:]
            UnitsAnswerTests.numbers(.object(now), into: &current)
            for key in ["landDonatedM2", "donorHouseholds", "fundsVnd", "workdays", "works.road.count", "works.road.lengthKm", "dialogues.held", "opinions.received", "opinions.answered", "models.total"] {
                #expect(current[key] == then[key], "\(year.map(String.init) ?? "all years") \(key)")
            }
        }
        // The moved-in history is real: the merged communes gave land before 2025.
        let nghiaDoAlone = try summary(ledger, "BY-NGHIADO", year: 2023, .historical)
        let merged = try summary(ledger, "BY-NGHIADO", year: 2023, .current)
        #expect(nghiaDoAlone.number("landDonatedM2") != merged.number("landDonatedM2"))
    }

    /// A fact counts once in each view, only at different units: the province's figures are
    /// the same in both (apart from the communes counted for adoption, today's or the period's).
    @Test func theProvinceAddsUpTheSameInBothViews() throws {
        let ledger = try ledger()
        for year in [nil, 2021, 2024, 2025, 2026] as [Int?] {
            var current: [String: Decimal] = [:], historical: [String: Decimal] = [:]
            UnitsAnswerTests.numbers(.object(try summary(ledger, "LC", year: year, .current)), into: &current)
            UnitsAnswerTests.numbers(.object(try summary(ledger, "LC", year: year, .historical)), into: &historical)
            for key in Set(current.keys).union(historical.keys) where !key.hasPrefix("models.communes") {
                #expect(current[key] == historical[key], "\(year.map(String.init) ?? "all years") \(key)")
            }
            #expect(current["landDonatedM2", default: 0] > 0)
        }
    }

    /// `units LC` in either view: the rows and `own` add up to `total`, which is the summary;
    /// the historical view lists the districts of the time, the current one today's communes.
    @Test func theProvincesRowsAddUpInBothViews() throws {
        let ledger = try ledger()
        for view in Boundaries.allCases {
            for year in [2023, 2025, 2026] {
                let a = try answer(ledger, ["projection": "units", "parent": "LC", "year": .int(Int64(year)), "boundaries": .string(view.rawValue)])
                let rows = a["units"]?.arrayValue ?? []
                let codes = Set(rows.compactMap { $0["unit"]?["code"]?.stringValue })
                switch (view, year) {
                case (.historical, 2023): #expect(codes.contains("BY") && !codes.contains("LC-BAOYEN"))
                case (.historical, 2025): #expect(codes.contains("BY") && codes.contains("LC-BAOYEN"))
                default: #expect(!codes.contains("BY") && codes.contains("LC-BAOYEN"))
                }
                var total: [String: Decimal] = [:], sum: [String: Decimal] = [:]
                UnitsAnswerTests.numbers(a["total"], into: &total)
                for row in rows + [a["own"] ?? .null] {
                    var r: [String: Decimal] = [:]
                    UnitsAnswerTests.numbers(row, into: &r)
                    for (k, v) in r { sum[k, default: 0] += v }
                }
                for (k, v) in total where !k.hasPrefix("models.communes") {
                    #expect(sum[k, default: 0] == v, "\(view) \(year) \(k)")
                }
            }
        }
    }
    /// The historical view's communes and communes with models (kept ready per unit) against
    /// a count from the lineage itself, for every unit with units under it and periods before,
    /// across and after the change.
    @Test func theCommunesOfTheTimeAreCountedFromTheLineage() throws {
        let ledger = try ledger()
        let p = ledger.projection
        let code = { (i: Int32) in p.units[Int(i)].code }
        // The parent of `unit` on `day`, from its history when it has one.
        func parent(_ unit: String, on day: Day) -> String? {
            if let h = p.lineage[unit] {
                return h.parentSpans.first { ($0.from.map { $0 <= day } ?? true) && ($0.to.map { day <= $0 } ?? true) }?.parent
            }
            return p.unit(unit).flatMap { p.units[Int($0)].parent }.map(code)
        }
        func chain(_ unit: String, on day: Day) -> [String] {
            var out = [unit], u = unit
            while let next = parent(u, on: day), out.count < 8 { out.append(next); u = next }
            return out
        }
        func communeOf(_ unit: String, on day: Day) -> String? {
            chain(unit, on: day).first { c in p.units.first { $0.code == c }?.level == .commune }
        }
        let periods: [(String, Day, Day)] = [
            ("2023", Day(year: 2023, month: 1, day: 1), Day(year: 2023, month: 12, day: 31)),
            ("2025-H1", Day(year: 2025, month: 1, day: 1), Day(year: 2025, month: 6, day: 30)),
            ("2025", Day(year: 2025, month: 1, day: 1), Day(year: 2025, month: 12, day: 31)),
            ("2026", Day(year: 2026, month: 1, day: 1), Day(year: 2026, month: 12, day: 31)),
        ]
        let communes = p.units.filter { $0.level == .commune }.map(\.code)
        for unit in p.units where unit.level < .commune {
            for (name, from, to) in periods {
                let last = [to, p.lineage[unit.code]?.validTo].compactMap { $0 }.min() ?? to
                if p.lineage[unit.code]?.validFrom.map({ $0 > last }) ?? false { continue }
                let expected = communes.filter { p.lineage.exists($0, on: last) && chain($0, on: last).contains(unit.code) }.count
                var withModels = Set<String>()
                for m in p.models.values where m.model.registeredOn >= from && m.model.registeredOn <= to {
                    let day = m.model.registeredOn
                    if let c = communeOf(code(m.unit), on: day), chain(c, on: day).contains(unit.code) { withModels.insert(c) }
                }
                let a = try answer(ledger, ["projection": "summary", "unit": .string(unit.code), "period": .string(name), "boundaries": "historical"])
                #expect(a["models"]?["communes"] == .int(Int64(expected)), "\(unit.code) \(name)")
                #expect(a["models"]?["communesWithModels"] == .int(Int64(withModels.count)), "\(unit.code) \(name)")
            }
        }
    }
}
