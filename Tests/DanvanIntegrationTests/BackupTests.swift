import DanvanClient
import DanvanJSON
import Foundation
import Synchronization
import Testing

/// A backup taken while clients append is the log at one seq; restoring it gives the same figures.
@Suite(.serialized, .timeLimit(.minutes(5))) struct BackupTests {
    @Test func aBackupUnderLoadRestoresToTheSameFigures() throws {
        let d = try Daemon()
        let sample = Daemon.packageRoot.appendingPathComponent("Samples/lao-cai.ndjson").path
        #expect(try d.tool(["import", "--state-dir", d.directory, sample]).status == 0)
        try d.start()
        let stop = Atomic<Bool>(false)
        let writer = Thread {
            guard let c = try? d.connect() else { return }
            while !stop.load(ordering: .relaxed) {
                let line = Array(#"{"id":1,"op":"append","events":[{"type":"funds.contributed","data":{"unit":"BY","amountVnd":1000,"source":"household","contributedOn":"2024-01-01"}}]}"#.utf8) + [10]
                guard (try? c.send(line)) != nil, (try? c.readLine()) != nil else { return }
            }
        }
        writer.start()
        usleep(200_000)
        let target = d.directory + "-backup"
        defer { try? FileManager.default.removeItem(atPath: target) }
        let reply = try d.connect().call("backup", ["directory": .string(target)])
        stop.store(true, ordering: .relaxed)
        while writer.isExecuting { usleep(10_000) }
        let seq = try #require(reply["seq"]?.int64Value)
        #expect(seq > 8684, "the writer must have appended before the backup")
        #expect(reply["verified"] == .bool(true))
        // Refused: an existing, non-empty directory; a relative path.
        let again = try d.connect().request("backup", ["directory": .string(target)])
        guard case .failure(let e) = again.outcome else { Issue.record("a non-empty target must be refused"); return }
        #expect(e.code.name == "bad_params")
        #expect(d.stop() == 0)

        // Restore: a daemon on the backup directory has exactly the first `seq` events.
        let export = try d.tool(["export", "--state-dir", d.directory]).stdout.split(separator: "\n")
        let restored = try d.tool(["export", "--state-dir", target]).stdout.split(separator: "\n")
        #expect(restored.count == Int(seq))
        #expect(Array(export.prefix(Int(seq))) == restored)
        #expect(try d.tool(["verify", "--state-dir", target]).status == 0)
        let fresh = try Daemon()
        let file = fresh.directory + ".ndjson"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try (restored.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try fresh.tool(["import", "--state-dir", fresh.directory, file]).status == 0)
        try fresh.start()
        let a = try fresh.connect().call("query", ["projection": "summary", "unit": "LC"])
        fresh.stop()
        let restoredDaemon = Process()
        restoredDaemon.executableURL = URL(fileURLWithPath: Daemon.binary)
        restoredDaemon.arguments = ["--state-dir", target, "--socket", target + "/s.sock", "--log-level", "error"]
        try restoredDaemon.run()
        defer { restoredDaemon.terminate(); restoredDaemon.waitUntilExit() }
        var b: JSONValue?
        for _ in 0..<300 {
            if let c = try? DanvanConnection(path: target + "/s.sock"), let v = try? c.call("query", ["projection": "summary", "unit": "LC"]) {
                b = v
                break
            }
            usleep(20_000)
        }
        #expect(b == a)
        #expect(a["fundsVnd"] != nil)
    }
}
