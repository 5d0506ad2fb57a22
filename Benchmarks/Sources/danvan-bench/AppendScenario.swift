#if canImport(Glibc)
import Glibc
#endif

/// Scenarios (1) and (2): durable appends on a fresh daemon, one run per shape.
struct AppendScenario {
    var danvand: String
    var workDirectory: String
    var shapes: [String]
    var seconds: Double
    var warmup: Double

    /// Starts a daemon on an empty state directory, registers LC and BY, runs each shape,
    /// prints a result line per shape, stops the daemon and removes its files.
    func run() throws {
        let state = workDirectory + "/append-state"
        let socketPath = workDirectory + "/append.sock"
        try FileTree.remove(state)
        let daemon = try DaemonProcess(binary: danvand, stateDirectory: state, socketPath: socketPath, logLevel: "warning")
        defer {
            daemon.stop()
            try? FileTree.remove(state)
            unlink(daemon.logPath)
        }
        let setup = try UnixLineClient(path: socketPath)
        try setup.send(Array(Requests.registerUnits.utf8))
        guard try setup.receiveReply() else { throw BenchError("registering the units failed") }
        let runner = LoadRunner(socketPath: socketPath, serverPID: daemon.pid, warmup: warmup, seconds: seconds)
        for name in shapes {
            let shape = try AppendShapes.shape(name)
            let result = try runner.run(shape)
            progress(String(
                format: "append %@: %.0f events/s, p50 %.0f µs, p99 %.0f µs, client %.2f cores, daemon %.2f cores",
                name, result.eventRate, result.latency.microseconds(at: 50), result.latency.microseconds(at: 99),
                result.clientCores, result.serverCores ?? -1))
            ResultLine(
                scenario: "append \(name)", metric: "events/s", value: result.eventRate,
                extra: ResultLine.figures(of: result), note: result.firstFailure
            ).emit()
        }
    }
}
