import DanvanClient
import DanvanJSON
import DanvanProtocol
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The real daemon against injected disk faults (`DANVAN_TEST_FAULT`, test hooks on):
/// EIO on fsync and on write and ENOSPC on write are fatal (exit, recover on restart,
/// nothing acknowledged lost); short writes change nothing; ENOSPC while reserving
/// space refuses appends with `disk_full`, stores nothing, and clears when lifted.
@Suite(.serialized, .timeLimit(.minutes(5))) struct FaultInjectionTests {
    /// A daemon with test hooks on, the fault `kind` armed behind a switch file (off at
    /// start), the units registered and 3 batches acknowledged.
    static func armed(_ kind: String, config extra: String = "") throws -> (Daemon, ledger: AckLedger, switchPath: String, config: String) {
        let config = try hooksConfig(extra)
        let d = try Daemon(extraArguments: ["--config", config])
        let switchPath = d.directory + ".fault-on"
        d.environment = ["DANVAN_TEST_FAULT": kind, "DANVAN_TEST_FAULT_SWITCH": switchPath]
        try d.start()
        #expect(d.stderr.contains("injecting a storage fault"), "\(d.stderr)")
        _ = try d.exchange(lines: [unitsBatch])
        var ledger = AckLedger()
        let c = try d.connect()
        for _ in 0..<3 {
            let reply = try ledger.append(AckLedger.batch(20), on: c)
            #expect(reply.map { (try? $0.outcome.get()) != nil } == true)
        }
        return (d, ledger, switchPath, config)
    }

    /// Turns the fault on, sends one append, expects no `ok` for it and the daemon to
    /// exit with `status`; then restarts without the fault and checks the log.
    func fatalFault(_ kind: String, exitStatus: Int32, logLine: String) throws {
        let (d, ledger, switchPath, config) = try Self.armed(kind)
        defer {
            unlink(switchPath)
            unlink(config)
        }
        #expect(FileManager.default.createFile(atPath: switchPath, contents: nil))
        let c = try d.connect()
        var pending = ledger
        let reply = try? pending.append(AckLedger.batch(10), on: c)
        if let reply {
            #expect((try? reply.outcome.get()) == nil, "the append hit by \(kind) must not be acknowledged")
        }
        let status = d.waitForExit()
        #expect(status == exitStatus, "danvand must exit \(exitStatus) on \(kind); stderr: \(d.stderr)")
        #expect(d.stderr.contains(logLine), "the log must say why: \(d.stderr)")

        // Restart without the fault: recovery, every acknowledged event, a clean verify.
        unlink(switchPath)
        d.environment = [:]
        try d.start()
        let stored = try ledger.check(d)
        #expect(stored.count >= 5 + ledger.acknowledged.count)
        let after = try d.connect()
        var more = ledger
        let next = try more.append(AckLedger.batch(5), on: after)
        #expect(next.map { (try? $0.outcome.get()) != nil } == true, "appends continue after recovery")
        #expect(d.stop() == 0)
        let verify = try d.tool(["verify", "--state-dir", d.directory])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
    }

    @Test func eioOnFsyncIsFatalExit74AndRecovers() throws {
        try fatalFault("fsync_eio", exitStatus: 74, logLine: "syncFailed: fsync of")
    }

    @Test func eioOnWriteIsFatalExit71AndRecovers() throws {
        try fatalFault("write_eio", exitStatus: 71, logLine: "writing the log failed: ioError")
    }

    /// A file system that cannot reserve space (no fallocate) and returns ENOSPC on write.
    @Test func enospcOnWriteIsFatalExit71AndRecovers() throws {
        try fatalFault("write_enospc", exitStatus: 71, logLine: "No space left on device")
    }

    /// Every write cut in half, segments rolling every 4 KiB: all acknowledged, and the
    /// same events after a restart on the real file system.
    @Test func shortWritesChangeNothing() throws {
        let config = try hooksConfig("segment_size = 4096\n")
        defer { unlink(config) }
        let d = try Daemon(extraArguments: ["--config", config])
        d.environment = ["DANVAN_TEST_FAULT": "short_writes"]
        try d.start()
        _ = try d.exchange(lines: [unitsBatch])
        var ledger = AckLedger()
        let c = try d.connect()
        for size in [1, 7, 40, 3, 100, 1, 60] {
            let reply = try ledger.append(AckLedger.batch(size), on: c)
            #expect(reply.map { (try? $0.outcome.get()) != nil } == true)
        }
        let before = try ledger.check(d)
        #expect(before.count == 5 + 212)
        #expect(d.stop() == 0)
        d.environment = [:]
        try d.start()
        let after = try ledger.check(d)
        #expect(after.map(\.id) == before.map(\.id))
        #expect(d.stop() == 0)
        let verify = try d.tool(["verify", "--state-dir", d.directory])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
    }

    /// ENOSPC while reserving: `disk_full`, nothing stored, ids not consumed, reads,
    /// queries, status and a subscription keep working; lifted at run time, the same
    /// append succeeds as new events.
    @Test func enospcWhileReservingRefusesWithDiskFullUntilLifted() throws {
        let (d, ledgerAtStart, switchPath, config) = try Self.armed("reserve_enospc", config: "segment_size = 65536\n")
        defer {
            unlink(switchPath)
            unlink(config)
        }
        var ledger = ledgerAtStart
        let subscriber = try d.connect()
        let tag = try subscriber.request("subscribe", ["fromSeq": 1]).id
        #expect(FileManager.default.createFile(atPath: switchPath, contents: nil))
        // The space reserved before the fault still takes appends; then disk_full.
        let c = try d.connect()
        var refused: [String]?
        for _ in 0..<200 {
            let ids = AckLedger.batch(100)
            guard let reply = try ledger.append(ids, on: c) else { Issue.record("connection closed"); break }
            if case .failure(let error) = reply.outcome {
                #expect(error.code == .diskFull, "\(error)")
                #expect(error.message.contains("Free space"), "\(error.message)")
                refused = ids
                break
            }
        }
        guard let refused else {
            Issue.record("no append was refused with disk_full")
            return
        }
        let served = try checkStillServing(d, subscriber: subscriber, tag: tag, ledger: ledger)
        // Still full: refused again, still nothing stored.
        #expect(try ledger.append(refused, on: c).map { (try? $0.outcome.get()) == nil } == true)
        unlink(switchPath)
        let seq = try d.connect().call("status")["seq"]?.int64Value ?? -1
        let retried = try ledger.append(refused, on: c)
        let result = try #require(try retried?.outcome.get())
        #expect(result["duplicates"] == .int(0), "the refused ids were not consumed: \(result)")
        #expect(result["firstSeq"]?.int64Value == seq + 1)
        #expect(try ledger.append(AckLedger.batch(5), on: c).map { (try? $0.outcome.get()) != nil } == true)
        let total = 5 + ledger.acknowledged.count
        let live = try SubscriptionTests.receive(subscriber, tag: tag, count: total - served)
        #expect(live == (UInt64(served + 1)...UInt64(total)).map { $0 }, "the subscription delivers the appends after the fault")
        #expect(d.stop() == 0)
        d.environment = [:]
        try d.start()
        #expect(try ledger.check(d).count == total)
        #expect(d.stop() == 0)
        let verify = try d.tool(["verify", "--state-dir", d.directory])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
    }
}

/// While appends get `disk_full`: status says nothing is staged and seq counts exactly
/// the acknowledged events; read, query and an open subscription answer.
/// Returns the number of events stored (and received by the subscriber).
@discardableResult
func checkStillServing(_ d: Daemon, subscriber: DanvanConnection, tag: JSONValue, ledger: AckLedger, sourceLocation: SourceLocation = #_sourceLocation) throws -> Int {
    let c = try d.connect()
    let status = try c.call("status")
    let expected = 5 + ledger.acknowledged.count
    #expect(status["seq"]?.int64Value == Int64(expected), "nothing partial stored: \(status)", sourceLocation: sourceLocation)
    #expect(status["staged"] == .int(0), sourceLocation: sourceLocation)
    let stored = try ledger.check(d, sourceLocation: sourceLocation)
    #expect(stored.count == expected, sourceLocation: sourceLocation)
    let summary = try c.call("query", ["projection": "summary", "unit": "BY"])
    #expect(summary["landDonatedM2"] == .number(String(ledger.acknowledged.count)), "\(summary)", sourceLocation: sourceLocation)
    let seen = try SubscriptionTests.receive(subscriber, tag: tag, count: expected)
    #expect(seen == (1...UInt64(expected)).map { $0 }, sourceLocation: sourceLocation)
    return expected
}
