import DanvanServer
import Foundation
import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under the system temp directory, removed on deinit. Kept short: Unix
/// socket paths are limited to 107 bytes.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let path = "/tmp/dvsd-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        self.path = path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }
}

/// A bound `AF_UNIX` socket of `type` at `path`; `listening` calls `listen` on a stream socket.
func unixSocket(at path: String, type: Int32, listening: Bool = false) -> Int32 {
    let fd = socket(AF_UNIX, type, 0)
    precondition(fd >= 0, "socket: \(errno)")
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
        for (i, byte) in path.utf8.enumerated() { buffer[i] = byte }
    }
    let rc = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    precondition(rc == 0, "bind \(path): \(errno)")
    if listening { precondition(listen(fd, 8) == 0) }
    return fd
}

/// A stand-in for systemd's notification socket: a datagram socket that the code under test
/// finds through `$NOTIFY_SOCKET`.
final class FakeNotifySocket {
    let path: String
    private let fd: Int32

    init(in directory: TemporaryDirectory) {
        path = directory.file("notify.sock")
        fd = unixSocket(at: path, type: Int32(SOCK_DGRAM.rawValue))
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    /// The next datagram, or nil after 2 s.
    func receive() -> String? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = recv(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return nil }
        return String(decoding: buffer[..<n], as: UTF8.self)
    }
}

/// Runs `body` with environment variables set, restoring them afterwards. Only for suites
/// marked `.serialized`: the environment is process-wide.
func withEnvironment<T>(_ values: [String: String?], _ body: () throws -> T) rethrows -> T {
    var saved: [String: String?] = [:]
    for (key, value) in values {
        saved[key] = getenv(key).map { String(cString: $0) }
        if let value { setenv(key, value, 1) } else { unsetenv(key) }
    }
    defer {
        for (key, value) in saved {
            if let value { setenv(key, value, 1) } else { unsetenv(key) }
        }
    }
    return try body()
}

/// A `ServiceManagerNotifier` that records what the services say, and on which thread.
final class RecordingNotifier: ServiceManagerNotifier {
    enum Event: Sendable, Hashable {
        case ready(String)
        case status(String)
        case progress(String)
        case reloading(String)
        case stopping(String)
        /// A watchdog ping; `onLoop` is whether it ran on the watched event loop.
        case watchdog(onLoop: Bool)
    }

    private let recorded = Mutex<[Event]>([])
    private let loop: (any EventLoop)?

    init(loop: (any EventLoop)? = nil) {
        self.loop = loop
    }

    var events: [Event] { recorded.withLock { $0 } }
    var pings: Int { events.filter { if case .watchdog = $0 { true } else { false } }.count }

    private func record(_ event: Event) { recorded.withLock { $0.append(event) } }

    var isActive: Bool { true }
    func ready(status: String) { record(.ready(status)) }
    func status(_ text: String) { record(.status(text)) }
    func progress(_ text: String) { record(.progress(text)) }
    func reloading(status: String) { record(.reloading(status)) }
    func stopping(status: String) { record(.stopping(status)) }
    func watchdog() { record(.watchdog(onLoop: loop?.inEventLoop ?? false)) }
}

/// Polls `condition` every 10 ms for up to `seconds` (generous: the whole test run shares the
/// machine, and this returns as soon as the condition holds).
func eventually(within seconds: Double = 20, _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

/// The repository root, for the files of `deploy/`.
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()
