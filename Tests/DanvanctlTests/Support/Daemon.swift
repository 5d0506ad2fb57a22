import DanvanClient
import DanvanJSON
import Foundation

/// A real `danvand` on a temporary state directory holding the sample province (or
/// nothing), stopped and removed when the test's closure returns.
final class Daemon: @unchecked Sendable {
    let directory: String
    var socket: String { directory + "/danvand.sock" }
    private var process: Child?

    /// The sample imported once per test run with `danvand import`; each daemon starts
    /// on a copy, which is much faster than importing again.
    static let template: Result<String, TestFailure> = {
        do {
            let dir = try Paths.temporaryDirectory("template")
            let r = try run(Paths.danvand, ["import", "--state-dir", dir, Paths.sample], timeout: 120)
            guard r.status == 0 else { return .failure(TestFailure("danvand import failed (\(r.status)): \(r.stderr)")) }
            atexit { Daemon.removeTemplate() }
            return .success(dir)
        } catch {
            return .failure(TestFailure("\(error)"))
        }
    }()

    static func removeTemplate() {
        if case .success(let dir) = template { try? FileManager.default.removeItem(atPath: dir) }
    }

    /// Whether the daemon runs with `test_hooks = true` (SIGUSR1 stalls its log writer).
    let testHooks: Bool

    /// Starts a daemon, on the sample data unless `empty`; with `testHooks`, one that a
    /// test can make slow (`stallWriter`).
    init(empty: Bool = false, testHooks: Bool = false) throws {
        directory = try Paths.temporaryDirectory("state")
        self.testHooks = testHooks
        if testHooks {
            try Data("test_hooks = true\n".utf8).write(to: URL(fileURLWithPath: directory + "/danvand.conf"))
        }
        if !empty {
            let template = try Self.template.get()
            for name in try FileManager.default.contentsOfDirectory(atPath: template) where name.hasSuffix(".dvlog") {
                try FileManager.default.copyItem(atPath: template + "/" + name, toPath: directory + "/" + name)
            }
        }
        try start()
    }

    /// Starts danvand on the directory and waits until it answers `hello`.
    func start() throws {
        let config = testHooks ? ["--config", directory + "/danvand.conf"] : []
        let p = try Child(Paths.danvand, ["--state-dir", directory, "--socket", socket, "--log-level", "warning"] + config)
        process = p
        let ready = eventually(timeout: 60) {
            guard p.isRunning else { return true }
            guard let c = try? DanvanConnection(path: socket) else { return false }
            return (try? c.call("hello")) != nil
        }
        guard ready, p.isRunning else {
            stop()
            throw TestFailure("danvand did not start on \(directory)")
        }
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Stalls the log writer for good (test hooks only): appends are never acknowledged.
    func stallWriter() {
        process?.signal(SIGUSR1)
    }

    /// SIGTERM and wait.
    func stop() {
        guard let p = process else { return }
        process = nil
        p.signal(SIGTERM)
        if p.wait(timeout: testHooks ? 3 : 30) == nil {
            p.signal(SIGKILL)
            _ = p.wait(timeout: 10)
        }
    }

    /// Runs `danvanctl --socket <this daemon> ARGS`.
    func ctl(_ arguments: [String], input: String? = nil, timeout: Double = 60) throws -> Finished {
        try run(Paths.danvanctl, ["--socket", socket] + arguments, input: input, timeout: timeout)
    }

    /// Runs a one-shot command expecting success, and parses its JSON output.
    func json(_ arguments: [String]) throws -> JSONValue {
        let r = try ctl(["--output", "json"] + arguments)
        guard r.status == 0 else { throw TestFailure("danvanctl \(arguments) exited \(r.status): \(r.stderr)") }
        return try JSONParser.parse(r.stdout)
    }
}
