import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `asOf` queries (protocol.md, "asOf") on a log of `events` events that grew in `steps`
/// imports, each followed by a start and a graceful stop of the daemon, so that the state
/// directory holds the snapshots a daemon that appended them would keep (`snapshot_keep`'s
/// geometric spread: with 10 steps, at 10 %, 50 %, 70 %, 80 %, 90 % and 100 %). Then, on one
/// daemon started from the newest snapshot, a first `summary` at each point (a rebuild: the
/// time is the reply's) near the start (1 %, replayed from the first event), in the middle
/// just before a kept snapshot (50 % − 1 event, the worst case: from the snapshot at 10 %),
/// in the middle after one (55 %), near the end (99 %) and at the end (live); the same point
/// again (cached: latency over 200 requests); a time (the first reads the log for its index
/// of record times); and 1-client appends while a rebuild runs against the same appends idle.
struct AsOfScenario {
    var danvand: String
    var workDirectory: String
    var events: Int
    var steps: Int

    func run() throws {
        let state = workDirectory + "/asof-state"
        let socketPath = workDirectory + "/asof.sock"
        try FileTree.remove(state)
        defer { try? FileTree.remove(state) }
        let importer = LogImporter(danvand: danvand, workDirectory: workDirectory)
        let contributions = events - SyntheticLog.unitCount
        var stored = 0
        for step in 1...steps {
            let upper = contributions * step / steps
            try importer.importEvents(stored..<upper, into: state)
            stored = upper
            let daemon = try DaemonProcess(binary: danvand, stateDirectory: state, socketPath: socketPath)
            daemon.stop()
            unlink(daemon.logPath)
        }
        let kept = ((try? FileManager.default.contentsOfDirectory(atPath: state)) ?? []).filter { $0.hasSuffix(".dvsnap") }.sorted()
        progress("asof: \(events) events, snapshots kept: \(kept.joined(separator: " "))")
        let label = GrowthScenario.label(events)
        let daemon = try DaemonProcess(binary: danvand, stateDirectory: state, socketPath: socketPath)
        defer {
            daemon.stop()
            unlink(daemon.logPath)
        }
        let client = try UnixLineClient(path: socketPath)
        func ask(_ seq: Int) throws -> Double {
            let t0 = MonotonicClock.nanoseconds()
            try client.send(Array(#"{"id":1,"op":"query","projection":"summary","unit":"BY","asOf":\#(seq)}"#.utf8 + [10]))
            guard try client.receiveReply() else { throw BenchError("asOf \(seq) was refused") }
            return MonotonicClock.seconds(from: t0, to: MonotonicClock.nanoseconds())
        }
        let points: [(String, Int)] = [
            ("start (1%)", events / 100), ("middle (50% - 1, before a snapshot)", events / 2 - 1),
            ("middle (55%)", events * 55 / 100), ("near the end (99%)", events * 99 / 100), ("end", events),
        ]
        let rssBefore = daemon.residentBytes ?? 0
        for (name, seq) in points {
            try? "5".write(toFile: "/proc/\(daemon.pid)/clear_refs", atomically: false, encoding: .utf8)
            let seconds = try ask(seq)
            let peak = Self.peakResidentBytes(of: daemon.pid) ?? 0
            progress(String(format: "asof %@ %@: seq %d answered in %.3f s, peak RSS %.0f MB", name, label, seq, seconds, Double(peak) / 1e6))
            ResultLine(scenario: "asof \(name) \(label)", metric: "s", value: seconds, extra: ["seq": Double(seq), "peak_rss_bytes": Double(peak)]).emit()
        }
        // A time: the first one reads the whole log once for its index of record times.
        for (name, time) in [("time, first (index built)", "2000-01-01T00:00:00Z"), ("time, index built", "2000-01-02T00:00:00Z")] {
            let t0 = MonotonicClock.nanoseconds()
            try client.send(Array(#"{"id":1,"op":"query","projection":"summary","asOf":"\#(time)"}"#.utf8 + [10]))
            guard try client.receiveReply() else { throw BenchError("asOf \(time) was refused") }
            let seconds = MonotonicClock.seconds(from: t0, to: MonotonicClock.nanoseconds())
            progress(String(format: "asof %@ %@: answered in %.3f s", name, label, seconds))
            ResultLine(scenario: "asof \(name) \(label)", metric: "s", value: seconds).emit()
        }
        // What each rebuild cost as danvand logs it (snapshot load, events replayed), and the
        // memory left once they are over (each one's peak is measured with it, above: VmHWM
        // reset before it through /proc/PID/clear_refs).
        for line in (ProcFile.read(daemon.logPath) ?? "").split(separator: "\n") where line.contains("rebuilt the state") {
            progress("asof: \(line)")
        }
        let after = daemon.residentBytes ?? 0
        progress(String(format: "asof %@: RSS %.0f MB before the rebuilds, %.0f MB after", label, Double(rssBefore) / 1e6, Double(after) / 1e6))
        ResultLine(scenario: "asof memory \(label)", metric: "bytes", value: Double(after), extra: ["rss_before": Double(rssBefore)]).emit()
        var cached = LatencyHistogram()
        for _ in 0..<200 { cached.record(nanoseconds: UInt64(try ask(events * 55 / 100) * 1e9)) }
        progress(String(format: "asof cached %@: p50 %.0f µs, p99 %.0f µs", label, cached.microseconds(at: 50), cached.microseconds(at: 99)))
        ResultLine(scenario: "asof cached \(label)", metric: "p50_us", value: cached.microseconds(at: 50),
                   extra: ["p50_us": cached.microseconds(at: 50), "p99_us": cached.microseconds(at: 99)]).emit()
        try appendsDuringARebuild(socketPath: socketPath, pid: daemon.pid, at: events * 20 / 100, label: label)
    }

    /// `VmHWM` of `/proc/PID/status`: the most resident memory the process has had.
    static func peakResidentBytes(of pid: Int32) -> Int? {
        guard let text = ProcFile.read("/proc/\(pid)/status") else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return line.split(separator: " ").compactMap { Int($0) }.first.map { $0 * 1024 }
        }
        return nil
    }

    /// 1-client appends for 3 s idle, then for 3 s while a rebuild (of the point `seq`, not
    /// built yet) runs.
    private func appendsDuringARebuild(socketPath: String, pid: Int32, at seq: Int, label: String) throws {
        let shape = try AppendShapes.shape("1x1")
        let idle = try LoadRunner(socketPath: socketPath, serverPID: pid, warmup: 0.3, seconds: 3).run(shape)
        let asking = Thread {
            usleep(500_000)
            if let client = try? UnixLineClient(path: socketPath) {
                let t0 = MonotonicClock.nanoseconds()
                _ = try? client.send(Array(#"{"id":1,"op":"query","projection":"summary","asOf":\#(seq)}"#.utf8 + [10]))
                _ = try? client.receiveReply()
                progress(String(format: "asof rebuild under appends: %.3f s", MonotonicClock.seconds(from: t0, to: MonotonicClock.nanoseconds())))
            }
        }
        asking.start()
        let during = try LoadRunner(socketPath: socketPath, serverPID: pid, warmup: 0.3, seconds: 3).run(shape)
        for (name, result) in [("idle", idle), ("during an asOf rebuild", during)] {
            progress(String(
                format: "asof appends 1x1 %@ %@: %.0f events/s, p50 %.0f µs, p99 %.0f µs", name, label, result.eventRate,
                result.latency.microseconds(at: 50), result.latency.microseconds(at: 99)))
            ResultLine(scenario: "asof appends \(name) \(label)", metric: "events/s", value: result.eventRate,
                       extra: ResultLine.figures(of: result)).emit()
        }
    }
}
