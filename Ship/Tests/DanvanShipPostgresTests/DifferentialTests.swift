import DanvanClient
import DanvanJSON
import Foundation
import Testing

/// The sample province shipped into a real PostgreSQL: every figure of `national_summary` equals
/// danvand's `summary` for the same unit and period.
@Suite(.serialized, .enabled(if: PostgresCluster.available, "no PostgreSQL server: Scripts/install-deps.sh installs it"))
struct DifferentialTests {
    /// Periods as (from, to), either side open.
    static let periods: [(String?, String?)] = [
        (nil, nil), ("2023-01-01", "2023-12-31"), ("2022-01-01", "2022-06-30"), ("2024-03-15", nil),
        (nil, "2021-09-30"), ("2021-12-15", "2022-12-14"), ("2024-02-29", "2024-02-29"),
    ]

    @Test func theSampleProvincesFiguresInSQLAreDanvands() throws {
        let pg = try PostgresCluster()
        let lc = try Province(code: "LC")
        let last = try lc.lastSeq()
        let ship = ShipProcess(socket: lc.socket, province: "LC", database: pg.url)
        let started = Date()
        try ship.start()
        let shipped = waitUntil(seconds: 180) {
            (try? pg.value("SELECT coalesce(max(seq), 0) FROM events WHERE province = 'LC'")) == String(last)
        }
        let seconds = Date().timeIntervalSince(started)
        #expect(shipped, "not shipped within 180 s: \(ship.log)")
        guard shipped else { return }
        print("BENCH one shipper (debug build, fresh database): \(last) events in \(String(format: "%.2f", seconds)) s = \(Int(Double(last) / seconds)) events/s")
        #expect(try pg.value("SELECT count(*) FROM events WHERE province = 'LC'") == String(last))
        #expect(try pg.value("SELECT max(version) FROM schema_migrations") == "4")

        // Units: the province, every district, some communes and villages.
        let tree = try DanvanConnection(path: lc.socket).call("query", ["projection": "tree"])
        guard case .array(let all)? = tree["units"] else { Issue.record("no tree"); return }
        var byLevel: [String: [String]] = [:]
        for u in all {
            guard let code = u["code"]?.stringValue, let level = u["level"]?.stringValue else { continue }
            byLevel[level, default: []].append(code)
        }
        var units: [String?] = [nil]
        units += (byLevel["province"] ?? []).map { Optional($0) }
        units += (byLevel["district"] ?? []).map { Optional($0) }
        units += (byLevel["commune"] ?? []).prefix(6).map { Optional($0) }
        units += (byLevel["village"] ?? []).prefix(3).map { Optional($0) }
        #expect(units.count >= 12)

        var compared = 0
        for unit in units {
            for (from, to) in Self.periods {
                var params = JSONObject()
                if let unit { params.members.append(("unit", .string(unit))) }
                if let from { params.members.append(("from", .string(from))) }
                if let to { params.members.append(("to", .string(to))) }
                let danvand = flattenFigures(try lc.summary(params))
                func lit(_ s: String?) -> String { s.map { "'\($0)'" } ?? "NULL" }
                let sql = try pg.value("SELECT national_summary('LC', \(lit(unit)), \(lit(from))::date, \(lit(to))::date)")
                let postgres = flattenFigures(try JSONParser.parse(Array(sql.utf8)))
                let diff = differences(danvand, postgres)
                #expect(diff.isEmpty, "unit \(unit ?? "-") from \(from ?? "-") to \(to ?? "-"):\n\(diff.joined(separator: "\n"))")
                #expect(danvand["landDonatedM2"] != nil && danvand["works.road.lengthKm"] != nil)
                compared += 1
            }
        }
        #expect(compared == units.count * Self.periods.count)

        // Named periods, both cutoffs, through danvan_period.
        for unit in units.prefix(6) {
            for name in ["2023", "2022-H2", "2024-Q1", "2021-9M", "2023-05", "2021..2022"] {
                for cutoff in ["calendar", "decree09"] {
                    var params: JSONObject = ["period": .string(name), "cutoff": .string(cutoff)]
                    if let unit { params.members.append(("unit", .string(unit))) }
                    let danvand = flattenFigures(try lc.summary(params))
                    let sql = try pg.value("SELECT national_summary_period('LC', \(unit.map { "'\($0)'" } ?? "NULL"), '\(name)', '\(cutoff)')")
                    let diff = differences(danvand, flattenFigures(try JSONParser.parse(Array(sql.utf8))))
                    #expect(diff.isEmpty, "unit \(unit ?? "-") period \(name) \(cutoff):\n\(diff.joined(separator: "\n"))")
                }
            }
        }
        // The nation of one province is that province.
        #expect(try pg.value("SELECT national_summary() = national_summary('LC')") == "t")

        // A province whose units have changed is refused, never added up in the registered tree;
        // the others still answer, the nation does not, and a voided change counts for nothing.
        _ = try pg.psql("""
            INSERT INTO events (province, seq, id, type, recorded_at, actor, data) VALUES
            ('XX', 1, '00000000-0000-4000-8000-000000000001', 'unit.registered', now(), '{}', '{"code":"XX","name":"X","level":"province"}'),
            ('XX', 2, '00000000-0000-4000-8000-000000000002', 'unit.ended', now(), '{}', '{"unit":"XX-D","effectiveOn":"2025-07-01"}')
            """)
        _ = try pg.psql("INSERT INTO provinces (province) VALUES ('XX')")
        #expect(throws: (any Error).self) { try pg.value("SELECT national_summary('XX')") }
        #expect(throws: (any Error).self) { try pg.value("SELECT national_summary()") }
        #expect(throws: (any Error).self) { try pg.value("SELECT count(*) FROM national_provinces()") }
        #expect(try pg.value("SELECT national_summary('LC') IS NOT NULL") == "t")
        do {
            _ = try pg.value("SELECT national_summary('XX')")
        } catch {
            #expect("\(error)".contains("the units of XX have changed"), "\(error)")
        }
        _ = try pg.psql("""
            INSERT INTO events (province, seq, id, type, recorded_at, actor, data) VALUES
            ('XX', 3, '00000000-0000-4000-8000-000000000003', 'entry.voided', now(), '{}', '{"target":"00000000-0000-4000-8000-000000000002","reason":"test"}')
            """)
        #expect(try pg.value("SELECT national_summary('XX') IS NOT NULL") == "t")
        #expect(ship.stop() == 0)
        #expect(ship.log.contains("danvan-ship stopped"))
    }
}
