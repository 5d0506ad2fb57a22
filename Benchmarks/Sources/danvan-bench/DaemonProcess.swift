import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A `danvand` started by the benchmark on its own state directory and socket, and
/// stopped by it (SIGTERM, then SIGKILL after 60 s).
final class DaemonProcess {
    /// The daemon's pid.
    let pid: Int32
    /// Its socket.
    let socketPath: String
    /// Where its standard error goes (its log).
    let logPath: String
    /// Seconds from spawning to the first successful `hello` reply.
    let secondsToReady: Double
    private let process: Process

    /// Starts `binary` on `stateDirectory` and waits until it answers `hello`
    /// (at most `timeout` seconds).
    init(binary: String, stateDirectory: String, socketPath: String, logLevel: String = "info", timeout: Double = 600) throws {
        self.socketPath = socketPath
        logPath = stateDirectory + ".log"
        unlink(socketPath)
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--state-dir", stateDirectory, "--socket", socketPath, "--log-level", logLevel]
        let log = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        let t0 = MonotonicClock.nanoseconds()
        try process.run()
        self.process = process
        pid = process.processIdentifier
        let deadline = t0 + UInt64(timeout * 1e9)
        var ready: Double?
        while MonotonicClock.nanoseconds() < deadline && process.isRunning {
            if let client = try? UnixLineClient(path: socketPath) {
                if (try? client.send(Array(Requests.hello.utf8))) != nil, (try? client.receiveReply()) == true {
                    ready = MonotonicClock.seconds(from: t0, to: MonotonicClock.nanoseconds())
                    break
                }
            }
            usleep(1000)
        }
        guard let ready else {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
            throw BenchError("danvand did not become ready; its log: \(logPath)\n\(Self.tail(logPath))")
        }
        secondsToReady = ready
    }

    /// Resident memory now, in bytes.
    var residentBytes: Int? { ProcFile.residentBytes(of: pid) }

    /// The replay figures the daemon logged at start ("replayed the log"): events and events/s.
    func replayFigures() -> (events: Int, eventsPerSecond: Double, seconds: Double)? {
        guard let text = ProcFile.read(logPath) else { return nil }
        for line in text.split(separator: "\n") where line.contains("replayed the log") {
            func field(_ name: String) -> String? {
                guard let r = line.range(of: name + "=") ?? line.range(of: "\"" + name + "\":") else { return nil }
                let rest = line[r.upperBound...].drop(while: { $0 == "\"" })
                return String(rest.prefix(while: { $0.isNumber || $0 == "." }))
            }
            if let e = field("events").flatMap(Int.init), let r = field("events_per_s").flatMap(Double.init),
               let s = field("seconds").flatMap(Double.init) {
                return (e, r, s)
            }
        }
        return nil
    }

    /// Stops the daemon and waits for it.
    func stop() {
        guard process.isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = MonotonicClock.nanoseconds() + 60_000_000_000
        while process.isRunning && MonotonicClock.nanoseconds() < deadline { usleep(2000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { stop() }

    /// The last lines of a log file.
    static func tail(_ path: String, lines: Int = 20) -> String {
        let text = ProcFile.read(path) ?? ""
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}
