import DanvanJSON
import Foundation
import Testing

/// State snapshots in the real daemon: written while serving and at a graceful stop, used by
/// the next start, dropped by `repair` when they cover events it cut.
@Suite(.serialized, .timeLimit(.minutes(5))) struct SnapshotTests {
    static func snapshots(_ d: Daemon) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: d.directory).filter { $0.hasSuffix(".dvsnap") }.sorted()
    }

    static func importSample(_ d: Daemon) throws {
        let sample = Daemon.packageRoot.appendingPathComponent("Samples/lao-cai.ndjson").path
        #expect(try d.tool(["import", "--state-dir", d.directory, sample]).status == 0)
    }

    @Test func aGracefulStopWritesASnapshotThatTheNextStartUses() throws {
        let d = try Daemon()
        try Self.importSample(d)
        try d.start()
        let before = try d.connect().call("status")
        #expect(before["snapshotSeq"]?.int64Value == 0)
        #expect(before["snapshotAgeS"] == .null)
        let figures = try d.connect().call("query", ["projection": "units", "parent": "LC"])
        #expect(d.stop() == 0)
        #expect(try Self.snapshots(d) == ["snapshot-00000000000000008684.dvsnap"])

        try d.start()
        let after = try d.connect().call("status")
        #expect(after["snapshotSeq"]?.int64Value == 8684)
        #expect(after["snapshotAgeS"]?.int64Value != nil)
        #expect(after["events"]?.int64Value == 8684)
        #expect(try d.connect().call("query", ["projection": "units", "parent": "LC"]) == figures)
        // The restored registry still knows every id: the sample again is all duplicates.
        let lines = try String(contentsOf: Daemon.packageRoot.appendingPathComponent("Samples/lao-cai.ndjson"), encoding: .utf8)
            .split(separator: "\n").prefix(200).joined(separator: ",")
        let reply = try d.exchange(lines: [#"{"id":1,"op":"append","events":[\#(lines)]}"#])
        #expect(reply.first?["result"]?["duplicates"]?.int64Value == 200, "\(reply)")
        // Nothing new since the snapshot: the stop keeps it as it is.
        #expect(d.stop() == 0)
        #expect(try Self.snapshots(d) == ["snapshot-00000000000000008684.dvsnap"])
    }

    @Test func snapshotsAreWrittenWhileServingAndSurviveACrash() throws {
        let d = try Daemon()
        // Only the newest kept (older ones stay for asOf otherwise: AsOfTests).
        try d.start(config: "snapshot_every_events = 50\nsnapshot_keep = 1\n")
        _ = try d.exchange(lines: [unitsBatch])
        for batch in 0..<6 {
            let events = (0..<20).map { _ in landEvent() }.joined(separator: ",")
            let reply = try d.exchange(lines: [#"{"id":\#(batch),"op":"append","events":[\#(events)]}"#])
            #expect(reply.first?["ok"] == .bool(true))
        }
        var written: Int64 = 0
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            written = try d.connect().call("status")["snapshotSeq"]?.int64Value ?? 0
            if written >= 50 { break }
            usleep(20_000)
        }
        #expect(written >= 50)
        let summary = try d.connect().call("query", ["projection": "summary", "unit": "LC"])
        let last = try d.connect().call("status")["seq"]?.int64Value ?? 0
        d.crash()
        // A later snapshot may have been under way at the kill (its older one not yet removed):
        // the newest complete file counts.
        let files = try Self.snapshots(d)
        #expect((1...2).contains(files.count), "\(files)")
        let seq = Int64(files.last?.dropFirst("snapshot-".count).prefix(20) ?? "") ?? -1
        #expect(seq >= written)
        try d.start(arguments: ["--config", d.configPath])
        let status = try d.connect().call("status")
        #expect(status["snapshotSeq"]?.int64Value == seq)
        #expect(status["seq"]?.int64Value == last)
        #expect(status["events"]?.int64Value == last)
        #expect(try d.connect().call("query", ["projection": "summary", "unit": "LC"]) == summary)
        d.stop()
    }

    @Test func repairRemovesTheSnapshotsBeyondItsCut() throws {
        let d = try Daemon()
        try Self.importSample(d)
        try d.start()
        #expect(d.stop() == 0)
        #expect(try Self.snapshots(d).count == 1)
        let segment = d.directory + "/" + (try FileManager.default.contentsOfDirectory(atPath: d.directory).filter { $0.hasSuffix(".dvlog") }.sorted().first ?? "")
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: segment)))
        bytes[bytes.count / 2] ^= 0x08
        try Data(bytes).write(to: URL(fileURLWithPath: segment))
        // verify reads only the log.
        #expect(try d.tool(["verify", "--state-dir", d.directory]).status == 1)
        let repair = try d.tool(["repair", "--state-dir", d.directory])
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(repair.stdout.contains("removed 1 state snapshot(s) beyond the cut"), "\(repair.stdout)")
        #expect(try Self.snapshots(d).isEmpty)
        try d.start()
        let status = try d.connect().call("status")
        #expect(status["snapshotSeq"]?.int64Value == 0)
        #expect((status["seq"]?.int64Value ?? 0) < 8684)
        d.stop()
    }
}
