import Foundation
import Testing

/// kill -9 of the shipper mid-stream, a crash and restart of danvand, PostgreSQL stopped for a
/// while, with appends between them: every event arrives exactly once, in order.
@Suite(.serialized, .enabled(if: PostgresCluster.available, "no PostgreSQL server: Scripts/install-deps.sh installs it"))
struct FaultTests {
    @Test func everyEventArrivesExactlyOnceInOrderWhateverIsKilled() throws {
        let pg = try PostgresCluster()
        let lc = try Province(code: "LC")
        // Small batches: many transactions, so the kills land between and inside them.
        let ship = ShipProcess(socket: lc.socket, province: "LC", database: pg.url, batchSize: 50)
        var killedAt: [Int64] = []
        for round in 0..<4 {
            try lc.appendLand(count: 300, batch: 25)
            try ship.start()
            let before = checkpoint("LC", pg)
            let target = min(before + 1200, try lc.lastSeq() - 100)
            #expect(waitUntil(seconds: 120) { checkpoint("LC", pg) >= target }, "round \(round): \(ship.log)")
            switch round {
            case 1:
                // danvand crashes and comes back under the shipper.
                lc.crash()
                try lc.start()
                try lc.appendLand(count: 100, batch: 10)
                let last = try lc.lastSeq()
                #expect(waitUntil(seconds: 90) { checkpoint("LC", pg) == last }, "after danvand's restart: \(ship.log)")
            case 2:
                // PostgreSQL is stopped for a while under the shipper.
                // Appends go on meanwhile: the shipper's next batch finds the database gone.
                try pg.stop("primary")
                try lc.appendLand(count: 200, batch: 10)
                usleep(1_500_000)
                try pg.start("primary")
                let last = try lc.lastSeq()
                #expect(waitUntil(seconds: 90) { checkpoint("LC", pg) == last }, "after PostgreSQL's restart: \(ship.log)")
            default:
                break
            }
            killedAt.append(checkpoint("LC", pg))
            ship.crash()
        }
        try ship.start()
        try lc.appendLand(count: 200, batch: 7)
        let last = try lc.lastSeq()
        #expect(waitUntil(seconds: 120) { checkpoint("LC", pg) == last }, "\(ship.log)")
        #expect(ship.stop() == 0)
        try expectExactly(lc, in: pg)
        #expect(killedAt.allSatisfy { $0 > 0 && $0 < last })
        let log = ship.log
        // Each loss logged once, and its end once.
        #expect(log.components(separatedBy: "PostgreSQL is reachable again").count - 1 == 1, "\(log)")
        #expect(log.components(separatedBy: "danvand answers again").count - 1 == 1, "\(log)")
    }

    @Test func reShippingAProvinceAddsNothingAndADifferentLogStopsTheShipper() throws {
        let pg = try PostgresCluster()
        let lc = try Province(code: "LC")
        let ship = ShipProcess(socket: lc.socket, province: "LC", database: pg.url)
        try ship.start()
        let last = try lc.lastSeq()
        #expect(waitUntil(seconds: 120) { checkpoint("LC", pg) == last }, "\(ship.log)")
        #expect(ship.stop() == 0)
        // The rows of the last 500 seqs removed: the shipper sends them again, the same.
        try pg.psql("DELETE FROM events WHERE province = 'LC' AND seq > \(last - 500)")
        try ship.start()
        #expect(waitUntil(seconds: 60) { checkpoint("LC", pg) == last }, "\(ship.log)")
        #expect(ship.stop() == 0)
        try expectExactly(lc, in: pg)

        // Another log under the same province code (other ids): the shipper sends the checkpoint's
        // event again, finds another id there, stores nothing of that log and exits with 65.
        let other = try Province(code: "LC", idPrefix: "ee")
        try other.appendLand(count: 10)
        let intruder = ShipProcess(socket: other.socket, province: "LC", database: pg.url)
        try intruder.start()
        #expect(waitUntil(seconds: 60) { !intruder.isRunning }, "\(intruder.log)")
        #expect(intruder.exitStatus == 65, "\(intruder.log)")
        #expect(intruder.log.contains("different log"), "\(intruder.log)")
        #expect(checkpoint("LC", pg) == last)
        try expectExactly(lc, in: pg)
    }
}
