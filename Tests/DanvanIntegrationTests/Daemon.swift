import DanvanClient
import DanvanJSON
import DanvanProtocol
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A real `danvand` process on a temporary state directory, for tests that talk to it
/// over its real socket. Every test gets its own directory and process.
final class Daemon: @unchecked Sendable {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The daemon under test: `.build/debug/danvand`, unless `DANVAN_DAEMON_BINARY` names
    /// another build (`make test-asan`/`test-tsan` point it at the sanitized daemon of their
    /// own scratch path, so the daemon runs under the same sanitizer as the tests).
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["DANVAN_DAEMON_BINARY"], !path.isEmpty { return path }
        return packageRoot.appendingPathComponent(".build/debug/danvand").path
    }()

    let directory: String
    /// The state directory: `directory`, or with `fresh` one inside it that does not exist
    /// yet, which the daemon creates and where it puts its default socket.
    let stateDirectory: String
    private let fresh: Bool
    var socket: String { stateDirectory + "/danvand.sock" }
    private(set) var process: Process?
    private(set) var stderrPath: String
    let extraArguments: [String]
    /// Variables added to the daemon's environment at the next `start` (test faults).
    var environment: [String: String] = [:]

    /// Creates a fresh state directory (does not start); with `fresh`, only its parent, and
    /// `start` passes no --socket (the default, `<state-dir>/danvand.sock`, is then used).
    init(extraArguments: [String] = [], fresh: Bool = false) throws {
        let template = NSTemporaryDirectory() + "danvan-test.XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let dir = mkdtemp(&bytes) else { throw DaemonError("mkdtemp failed") }
        directory = String(cString: dir)
        stateDirectory = fresh ? directory + "/state" : directory
        self.fresh = fresh
        stderrPath = directory + "/../" + (directory as NSString).lastPathComponent + ".stderr"
        self.extraArguments = extraArguments
    }

    deinit {
        if let p = process, p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
        try? FileManager.default.removeItem(atPath: directory)
        try? FileManager.default.removeItem(atPath: stderrPath)
    }

    /// Runs `danvand` with `arguments` to completion (verify, import, export, a start that
    /// must fail); as uid/gid 65534 (nobody, through setpriv) when `asNobody`, which needs
    /// `AccessAndLimitsTests.canSwitchUser`.
    func tool(_ arguments: [String], asNobody: Bool = false) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        if asNobody {
            p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", Self.binary] + arguments
        } else {
            p.executableURL = URL(fileURLWithPath: Self.binary)
            p.arguments = arguments
        }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// The configuration file of `start(config:)`, in the state directory.
    var configPath: String { directory + "/danvand.conf" }

    /// Writes `text` as the daemon's configuration file (for a start, or a reload).
    func writeConfig(_ text: String) throws {
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Starts the daemon on the configuration `text` (`writeConfig`), with `arguments`.
    func start(config text: String, arguments: [String] = []) throws {
        try writeConfig(text)
        try start(arguments: ["--config", configPath] + arguments)
    }

    /// Starts the daemon and waits until it answers `hello`.
    func start(arguments: [String] = []) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = ["--state-dir", stateDirectory] + (fresh ? [] : ["--socket", socket]) + ["--log-level", "notice"]
            + extraArguments + arguments
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        p.standardError = FileHandle(forWritingAtPath: stderrPath)
        p.standardOutput = FileHandle.nullDevice
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        try p.run()
        process = p
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if !p.isRunning { throw DaemonError("danvand exited with \(p.terminationStatus): \(stderr)") }
            if let c = try? DanvanConnection(path: socket), (try? c.call("hello")) != nil { return }
            usleep(20_000)
        }
        throw DaemonError("danvand did not answer within 30 s: \(stderr)")
    }

    /// What the daemon wrote to stderr so far.
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// SIGTERM and wait; returns the exit status.
    @discardableResult
    func stop() -> Int32 {
        guard let p = process else { return -1 }
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        process = nil
        return p.terminationStatus
    }

    /// Waits up to `seconds` for the daemon to exit by itself; its exit status, or nil
    /// if it is still running.
    func waitForExit(seconds: Double = 30) -> Int32? {
        guard let p = process else { return nil }
        let deadline = Date().addingTimeInterval(seconds)
        while p.isRunning, Date() < deadline { usleep(10_000) }
        if p.isRunning { return nil }
        p.waitUntilExit()
        process = nil
        return p.terminationStatus
    }

    /// SIGKILL and wait.
    func crash() {
        guard let p = process else { return }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        process = nil
    }

    /// A new connection.
    func connect() throws -> DanvanConnection { try DanvanConnection(path: socket) }

    /// Sends raw bytes, half-closes like `socat`, and returns every reply line.
    func exchange(_ bytes: [UInt8]) throws -> [JSONValue] {
        let c = try connect()
        try c.send(bytes)
        c.finishSending()
        var replies: [JSONValue] = []
        while let line = try c.readLine() { replies.append(try JSONParser.parse(line)) }
        return replies
    }

    /// Sends raw bytes from another thread while reading every reply line, then half-closes,
    /// as `socat` does. A client that sends a large flood before reading anything can stall
    /// for good: its replies fill the socket, and the daemon stops reading a client whose
    /// replies pile up (`max_in_flight`), so the client's own send never finishes.
    func exchangeConcurrently(_ bytes: [UInt8]) throws -> [[UInt8]] {
        let fd = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw DaemonError("socket failed") }
        defer { Glibc.close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socket.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in path.enumerated() { raw[i] = b }
        }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard rc == 0 else { throw DaemonError("connect failed: errno \(errno)") }
        let sender = Thread {
            var offset = 0
            while offset < bytes.count {
                let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n < 0 { if errno == EINTR { continue }; break }
                offset += n
            }
            shutdown(fd, Int32(SHUT_WR))
        }
        sender.start()
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; throw DaemonError("read failed: errno \(errno)") }
            if n == 0 { break }
            received += chunk[..<n]
        }
        while !sender.isFinished { Thread.sleep(forTimeInterval: 0.001) }
        return received.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast().map(Array.init)
    }

    /// `exchange` of text lines.
    func exchange(lines: [String]) throws -> [JSONValue] {
        try exchange(Array((lines.joined(separator: "\n") + "\n").utf8))
    }
}

struct DaemonError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// The JSON of an `events` array entry.
func landEvent(unit: String = "BY", area: String = "10", id: String? = nil) -> String {
    let idPart = id.map { "\"id\":\"\($0)\"," } ?? ""
    return #"{\#(idPart)"type":"land.donated","data":{"unit":"\#(unit)","households":1,"areaM2":\#(area),"purpose":"road","donatedOn":"2023-04-01"}}"#
}

let unitsBatch = #"""
{"id":"u","op":"append","events":[{"type":"unit.registered","data":{"code":"LC","name":"Lào Cai","level":"province"}},{"type":"unit.registered","data":{"code":"BY","name":"Bảo Yên","level":"district","parent":"LC"}},{"type":"unit.registered","data":{"code":"TT1","name":"Tân Tiến","level":"commune","parent":"BY"}},{"type":"unit.registered","data":{"code":"BX","name":"Bát Xát","level":"district","parent":"LC"}},{"type":"unit.registered","data":{"code":"TT2","name":"Tân Tiến","level":"commune","parent":"BX"}}]}
"""#
