import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real `danvan-ship` process (this package's `.build/debug/danvan-ship`, or
/// `DANVAN_SHIP_BINARY`), its standard error kept in a file.
final class ShipProcess: @unchecked Sendable {
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["DANVAN_SHIP_BINARY"], !path.isEmpty { return path }
        return PostgresCluster.shipRoot.appendingPathComponent(".build/debug/danvan-ship").path
    }()

    let arguments: [String]
    let logPath: String
    private var process: Process?

    init(socket: String, province: String, database: String, batchSize: Int = 1000, extra: [String] = []) {
        arguments = ["run", "--socket", socket, "--province", province, "--database", database,
                     "--batch-size", String(batchSize), "--log-level", "info"] + extra
        logPath = NSTemporaryDirectory() + "danvan-ship-\(province)-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
    }

    deinit {
        if let p = process, p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
        try? FileManager.default.removeItem(atPath: logPath)
    }

    func start() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = arguments
        p.standardOutput = FileHandle.nullDevice
        guard let handle = FileHandle(forWritingAtPath: logPath) else { throw TestError("cannot open \(logPath)") }
        handle.seekToEndOfFile()
        p.standardError = handle
        try p.run()
        process = p
    }

    var isRunning: Bool { process?.isRunning ?? false }

    /// The exit status once it has exited by itself (nil while it runs).
    var exitStatus: Int32? {
        guard let p = process, !p.isRunning else { return nil }
        p.waitUntilExit()
        return p.terminationStatus
    }

    /// kill -9.
    func crash() {
        guard let p = process else { return }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        process = nil
    }

    /// SIGTERM; the exit status.
    @discardableResult
    func stop() -> Int32 {
        guard let p = process else { return -1 }
        kill(p.processIdentifier, SIGTERM)
        p.waitUntilExit()
        process = nil
        return p.terminationStatus
    }

    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }
}

/// Waits until `condition` holds, up to `seconds`; whether it did.
@discardableResult
func waitUntil(seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        usleep(50_000)
    }
    return try condition()
}
