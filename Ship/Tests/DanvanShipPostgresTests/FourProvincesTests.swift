import DanvanJSON
import Foundation
import Testing

/// Four provinces (the sample with other ids under four codes) shipping at once into one
/// database: each one's figures are its danvand's, the nation's are their sum.
@Suite(.serialized, .enabled(if: PostgresCluster.available, "no PostgreSQL server: Scripts/install-deps.sh installs it"))
struct FourProvincesTests {
    @Test func fourShippersAtOnceIntoOneDatabase() throws {
        let pg = try PostgresCluster()
        let codes = ["P1", "P2", "P3", "P4"]
        let provinces = try codes.enumerated().map { i, code in try Province(code: code, idPrefix: "a\(i)") }
        try provinces[1].appendLand(count: 250, unit: "SP", area: "0.0001")
        try provinces[2].appendLand(count: 100, unit: "BX", area: "3")
        let ships = provinces.map { ShipProcess(socket: $0.socket, province: $0.code, database: pg.url) }
        let started = Date()
        for s in ships { try s.start() }
        let lasts = try provinces.map { try $0.lastSeq() }
        let done = waitUntil(seconds: 240) {
            zip(codes, lasts).allSatisfy { checkpoint($0, pg) == $1 }
        }
        let seconds = Date().timeIntervalSince(started)
        #expect(done, "\(ships.map(\.log).joined(separator: "\n"))")
        let total = lasts.reduce(0, +)
        print("BENCH four shippers at once (debug build, fresh database): \(total) events in \(String(format: "%.2f", seconds)) s = \(Int(Double(total) / seconds)) events/s")
        for p in provinces { try expectExactly(p, in: pg) }

        // Each province's figures are its danvand's summary (no unit: the whole log).
        var funds: Int64 = 0
        for p in provinces {
            let danvand = flattenFigures(try p.summary([:]))
            let sql = try pg.value("SELECT national_summary('\(p.code)')")
            let diff = differences(danvand, flattenFigures(try JSONParser.parse(Array(sql.utf8))))
            #expect(diff.isEmpty, "\(p.code): \(diff.joined(separator: "\n"))")
            funds += Int64(danvand["fundsVnd"] ?? "0") ?? 0
        }
        // The nation is their sum, exactly, and the provinces side by side add up to it.
        #expect(try pg.value("SELECT national_summary()->>'fundsVnd'") == String(funds))
        #expect(try pg.value("SELECT count(*) FROM national_provinces()") == "4")
        #expect(try pg.value("SELECT sum(\"landDonatedM2\") = (national_summary()->>'landDonatedM2')::numeric FROM national_provinces()") == "t")
        let land1 = try pg.value("SELECT \"landDonatedM2\" FROM national_provinces() WHERE province = 'P1'")
        let land2 = try pg.value("SELECT \"landDonatedM2\" FROM national_provinces() WHERE province = 'P2'")
        #expect(Decimal(string: land2)! - Decimal(string: land1)! == Decimal(string: "0.025")!)
        for s in ships { #expect(s.stop() == 0) }
    }
}
