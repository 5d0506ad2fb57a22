import Foundation
import Testing

/// A primary and its streaming replica; the primary stops mid-stream and the replica is
/// promoted: the shipper finds the new primary through its multi-host URL and goes on, nothing
/// lost, nothing twice (what the old primary had not streamed is sent again from the checkpoint).
@Suite(.serialized, .enabled(if: PostgresCluster.available, "no PostgreSQL server: Scripts/install-deps.sh installs it"))
struct FailoverTests {
    @Test func theShipperMovesToThePromotedReplica() throws {
        let pg = try PostgresCluster()
        try pg.addReplica()
        let replica = try #require(pg.replicaPort)
        let lc = try Province(code: "LC")
        let ship = ShipProcess(socket: lc.socket, province: "LC", database: pg.url, batchSize: 100)
        try ship.start()
        #expect(waitUntil(seconds: 120) { checkpoint("LC", pg) >= 3000 }, "\(ship.log)")
        // The replica follows while the primary writes.
        #expect(waitUntil(seconds: 30) { checkpoint("LC", pg, port: replica) > 0 })
        try pg.stop("primary")
        let atFailover = checkpoint("LC", pg, port: replica)
        try lc.appendLand(count: 500, batch: 20)
        usleep(500_000)
        try pg.promote()
        let last = try lc.lastSeq()
        #expect(waitUntil(seconds: 120) { checkpoint("LC", pg, port: replica) == last }, "\(ship.log)")
        #expect(atFailover < last)
        try expectExactly(lc, in: pg, port: replica)
        #expect(ship.log.contains("PostgreSQL is reachable again (127.0.0.1:\(replica))"), "\(ship.log)")
        #expect(ship.stop() == 0)
    }
}
