import DanvanClient
import DanvanJSON
import DanvanProtocol
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A really full disk: the state directory on a 3 MiB tmpfs (root only; skipped with a
/// reason otherwise). Appends until `disk_full`; nothing partial is stored; reads,
/// queries, status and a subscription keep working; deleting a filler file on the same
/// mount makes appends succeed again without a restart; a restart finds every
/// acknowledged event.
@Suite(.serialized, .timeLimit(.minutes(5))) struct DiskFullTests {
    /// Mounts a tmpfs of `size` on `directory`; nil with the reason when it cannot.
    static func mountTmpfs(_ directory: String, size: String) -> String? {
        guard getuid() == 0 else { return "not root (uid \(getuid())): mounting a tmpfs needs root" }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/mount")
        p.arguments = ["-t", "tmpfs", "-o", "size=\(size),mode=0750", "tmpfs", directory]
        let err = Pipe()
        p.standardError = err
        do { try p.run() } catch { return "cannot run mount: \(error)" }
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return p.terminationStatus == 0 ? nil : "mount -t tmpfs failed (\(p.terminationStatus)): \(message)"
    }

    static func unmount(_ directory: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/umount")
        p.arguments = ["-l", directory]
        try? p.run()
        p.waitUntilExit()
    }

    @Test(arguments: [4096, 65536, 64 << 20])
    func fullTmpfsRefusesAppendsAndRecoversWhenSpaceIsFreed(segmentSize: Int) throws {
        let config = NSTemporaryDirectory() + "danvan-diskfull-\(UUID().uuidString).conf"
        try Data("segment_size = \(segmentSize)\n".utf8).write(to: URL(fileURLWithPath: config))
        defer { unlink(config) }
        let d = try Daemon(extraArguments: ["--config", config])
        if let reason = Self.mountTmpfs(d.directory, size: "3m") {
            print("DiskFullTests skipped: \(reason)")
            return
        }
        defer {
            d.crash()
            Self.unmount(d.directory)
        }
        // A filler on the same file system, deleted later to free space.
        let filler = d.directory + "/filler"
        #expect(FileManager.default.createFile(atPath: filler, contents: Data(count: 1 << 20)))
        try d.start()
        _ = try d.exchange(lines: [unitsBatch])
        let subscriber = try d.connect()
        let tag = try subscriber.request("subscribe", ["fromSeq": 1]).id

        var ledger = AckLedger()
        let c = try d.connect()
        var refused: [String]?
        var batches = 0
        while refused == nil, batches < 1000 {
            batches += 1
            let ids = AckLedger.batch(100)
            let reply = try #require(try ledger.append(ids, on: c), "connection closed")
            if case .failure(let error) = reply.outcome {
                #expect(error.code == .diskFull, "\(error)")
                refused = ids
            }
        }
        let ids = try #require(refused, "the disk never filled after \(batches) batches")
        print("disk full (segment_size \(segmentSize)) after \(ledger.acknowledged.count) events in \(batches - 1) acknowledged batches")
        #expect(ledger.acknowledged.count > 1000)
        let served = try checkStillServing(d, subscriber: subscriber, tag: tag, ledger: ledger)
        // Smaller appends are refused too, and do not consume their ids either.
        var small = ledger
        let one = AckLedger.batch(1)
        _ = try small.append(one, on: c)
        #expect(small.acknowledged.count == ledger.acknowledged.count || small.acknowledged.count == ledger.acknowledged.count + 1)
        ledger = small

        // Free space: the refused batch goes through as new events, without a restart.
        #expect(unlink(filler) == 0)
        let seq = try d.connect().call("status")["seq"]?.int64Value ?? -1
        let retried = try #require(try ledger.append(ids, on: c))
        let result = try retried.outcome.get()
        #expect(result["duplicates"] == .int(0), "\(result)")
        #expect(result["firstSeq"]?.int64Value == seq + 1)
        for _ in 0..<5 {
            _ = try #require(try ledger.append(AckLedger.batch(100), on: c)).outcome.get()
        }
        let total = 5 + ledger.acknowledged.count
        let live = try SubscriptionTests.receive(subscriber, tag: tag, count: total - served)
        #expect(live == (UInt64(served + 1)...UInt64(total)).map { $0 })

        #expect(d.stop() == 0)
        let verify = try d.tool(["verify", "--state-dir", d.directory])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        try d.start()
        #expect(try ledger.check(d).count == total)
        #expect(d.stop() == 0)
    }
}
