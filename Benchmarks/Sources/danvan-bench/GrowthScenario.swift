import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Scenarios (3) to (6) on one growing log: for each size (10k → 100k → 1M, 10M on
/// request) the log is grown with `danvand import`, then the daemon is started `starts`
/// times without a state snapshot (each removed first: time to the first `hello` reply,
/// replay rate as it logs it, resident memory), then once more from the snapshot the last
/// graceful stop wrote ("ready … from snapshot"); on the last start without a snapshot
/// `summary` and `units` are timed idle (1 client, latency; 8 clients, rate) and, at the
/// largest size, while 16 clients append.
struct GrowthScenario {
    var danvand: String
    var workDirectory: String
    var sizes: [Int]
    var starts: Int
    var querySeconds: Double
    var loadSeconds: Double

    func run() throws {
        let state = workDirectory + "/growth-state"
        let socketPath = workDirectory + "/growth.sock"
        try FileTree.remove(state)
        defer { try? FileTree.remove(state) }
        let importer = LogImporter(danvand: danvand, workDirectory: workDirectory)
        // The empty daemon's memory, the base of the marginal bytes per event.
        let empty = try DaemonProcess(binary: danvand, stateDirectory: state, socketPath: socketPath)
        let emptyRSS = empty.residentBytes ?? 0
        empty.stop()
        unlink(empty.logPath)
        ResultLine(scenario: "memory empty", metric: "bytes", value: Double(emptyRSS)).emit()
        var stored = 0
        for size in sizes.sorted() {
            let contributions = size - SyntheticLog.unitCount
            let t0 = MonotonicClock.nanoseconds()
            try importer.importEvents(max(0, stored)..<contributions, into: state)
            progress(String(format: "log grown to %d events in %.1f s", size, MonotonicClock.seconds(from: t0, to: MonotonicClock.nanoseconds())))
            stored = contributions
            let label = Self.label(size)
            for start in 1...starts {
                Self.removeSnapshots(state)
                let daemon = try DaemonProcess(binary: danvand, stateDirectory: state, socketPath: socketPath)
                let replay = daemon.replayFigures()
                let rss = daemon.residentBytes ?? 0
                progress(String(
                    format: "%@: ready in %.3f s, replay %.0f events/s, RSS %.1f MB", label, daemon.secondsToReady,
                    replay?.eventsPerSecond ?? 0, Double(rss) / 1e6))
                ResultLine(scenario: "ready \(label)", metric: "s", value: daemon.secondsToReady,
                           extra: ["events": Double(replay?.events ?? size)]).emit()
                if let replay {
                    ResultLine(scenario: "replay \(label)", metric: "events/s", value: replay.eventsPerSecond,
                               extra: ["events": Double(replay.events), "seconds": replay.seconds]).emit()
                }
                ResultLine(scenario: "memory \(label)", metric: "bytes/event", value: Double(rss) / Double(size),
                           extra: ["rss_bytes": Double(rss), "marginal_bytes_per_event": Double(rss - emptyRSS) / Double(size)]).emit()
                if start == starts {
                    try queries(daemon: daemon, label: label, underLoad: size == sizes.max())
                }
                daemon.stop()
                unlink(daemon.logPath)
            }
            // The last graceful stop wrote a snapshot of the whole log: start from it.
            let fromSnapshot = try DaemonProcess(binary: danvand, stateDirectory: state, socketPath: socketPath)
            progress(String(format: "%@: ready in %.3f s from a snapshot", label, fromSnapshot.secondsToReady))
            ResultLine(scenario: "ready \(label) from snapshot", metric: "s", value: fromSnapshot.secondsToReady,
                       extra: ["events": Double(size)]).emit()
            fromSnapshot.stop()
            unlink(fromSnapshot.logPath)
            Self.removeSnapshots(state)
        }
    }

    /// Deletes the state snapshots (`*.dvsnap`) of `state`, so that the next start replays the whole log.
    static func removeSnapshots(_ state: String) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: state)) ?? [] where name.hasSuffix(".dvsnap") {
            unlink(state + "/" + name)
        }
    }

    private func queries(daemon: DaemonProcess, label: String, underLoad: Bool) throws {
        let runner = LoadRunner(socketPath: daemon.socketPath, serverPID: daemon.pid, warmup: 0.3, seconds: querySeconds)
        let kinds: [(String, @Sendable () -> RequestTemplate)] = [
            ("summary", { Requests.summary(unit: "BY") }), ("units", { Requests.units(parent: "LC") }),
        ]
        // Periods, idle only: a quarter (6 half-month rows), a five-year term (120) and a
        // range of arbitrary days (rows plus day columns at both edges).
        let periods: [(String, @Sendable () -> RequestTemplate)] = [
            ("summary quarter", { Requests.summary(unit: "BY", period: #""period":"2023-Q2","cutoff":"decree09""#) }),
            ("summary term", { Requests.summary(unit: "LC", period: #""period":"2020..2025""#) }),
            ("summary days", { Requests.summary(unit: "BY", period: #""from":"2022-03-10","to":"2023-08-20""#) }),
            ("units quarter", { Requests.units(parent: "LC", period: #""period":"2023-Q2""#) }),
        ]
        for (name, request) in kinds + periods {
            let single = try runner.run(AppendShapes.query(name, clients: 1, request))
            emit(single, scenario: "\(name) idle 1 client \(label)")
            let eight = try runner.run(AppendShapes.query(name, clients: 8, request))
            emit(eight, scenario: "\(name) idle 8 clients \(label)")
        }
        guard underLoad else { return }
        // Register the units the appends use (already there in the synthetic log: LC and BY).
        let appendRunner = LoadRunner(socketPath: daemon.socketPath, serverPID: nil, warmup: 0.3, seconds: loadSeconds + 0.6)
        for (name, request) in kinds {
            let appends = LockedBox<Result<LoadResult, any Error>?>(nil)
            let done = DispatchSemaphore(value: 0)
            let shape = try AppendShapes.shape("16x1")
            let thread = Thread {
                let r = Result { try appendRunner.run(shape) }
                appends.withLock { $0 = r }
                done.signal()
            }
            thread.start()
            usleep(300_000)
            let loaded = LoadRunner(socketPath: daemon.socketPath, serverPID: daemon.pid, warmup: 0.3, seconds: loadSeconds)
            let result = try loaded.run(AppendShapes.query(name, clients: 1, request))
            done.wait()
            let background = try appends.withLock { $0 }!.get()
            emit(result, scenario: "\(name) under 16-client appends \(label)",
                 more: ["append_events_per_s": background.eventRate])
        }
    }

    private func emit(_ result: LoadResult, scenario: String, more: [String: Double] = [:]) {
        progress(String(
            format: "%@: %.0f queries/s, p50 %.0f µs, p99 %.0f µs, p99.9 %.0f µs", scenario, result.requestRate,
            result.latency.microseconds(at: 50), result.latency.microseconds(at: 99), result.latency.microseconds(at: 99.9)))
        ResultLine(scenario: scenario, metric: "queries/s", value: result.requestRate,
                   extra: ResultLine.figures(of: result).merging(more) { $1 }, note: result.firstFailure).emit()
    }

    /// `10k`, `1M`, …
    static func label(_ size: Int) -> String {
        size >= 1_000_000 && size % 1_000_000 == 0 ? "\(size / 1_000_000)M" : size >= 1000 ? "\(size / 1000)k" : "\(size)"
    }
}
