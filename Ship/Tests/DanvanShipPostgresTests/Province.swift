import DanvanClient
import DanvanJSON
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real `danvand` (the main package's `.build/debug/danvand`, or `DANVAN_DAEMON_BINARY`) on a
/// temporary state directory, loaded from an NDJSON log with `danvand import`.
final class Province: @unchecked Sendable {
    static let repositoryRoot = PostgresCluster.shipRoot.deletingLastPathComponent()
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["DANVAN_DAEMON_BINARY"], !path.isEmpty { return path }
        return repositoryRoot.appendingPathComponent(".build/debug/danvand").path
    }()
    static let sample = repositoryRoot.appendingPathComponent("Samples/lao-cai.ndjson").path

    let code: String
    let directory: String
    var socket: String { directory + "/danvand.sock" }
    private var process: Process?

    /// A daemon holding `log` (the sample by default), its ids moved to `idPrefix` (two hex
    /// digits) when given, so that several provinces made from one sample have distinct ids.
    init(code: String, log: String = Province.sample, idPrefix: String? = nil) throws {
        self.code = code
        var template = Array((NSTemporaryDirectory() + "danvan-ship-d.XXXXXX").utf8CString)
        guard let dir = mkdtemp(&template) else { throw TestError("mkdtemp failed") }
        directory = String(cString: dir)
        var file = log
        if let idPrefix {
            let text = try String(contentsOfFile: log, encoding: .utf8)
            let regex = try NSRegularExpression(pattern: "\"([0-9a-f]{2})([0-9a-f]{6}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\"")
            let moved = regex.stringByReplacingMatches(in: text, range: NSRange(text.startIndex..., in: text), withTemplate: "\"\(idPrefix)$2\"")
            file = directory + "/log.ndjson"
            try moved.write(toFile: file, atomically: true, encoding: .utf8)
        }
        let r = try spawnAndWait(Self.binary, ["import", "--state-dir", directory, file])
        guard r.status == 0 else { throw TestError("danvand import exited with \(r.status): \(r.stderr)") }
        try start()
    }

    deinit {
        if let p = process, p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Starts danvand and waits until it answers.
    func start() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = ["run", "--state-dir", directory, "--socket", socket, "--log-level", "warning"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        process = p
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if !p.isRunning { throw TestError("danvand exited with \(p.terminationStatus)") }
            if let c = try? DanvanConnection(path: socket), (try? c.call("hello")) != nil { return }
            usleep(20_000)
        }
        throw TestError("danvand did not answer within 30 s")
    }

    /// SIGKILL and wait.
    func crash() {
        guard let p = process else { return }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        process = nil
    }

    /// The last durable seq.
    func lastSeq() throws -> Int64 {
        try DanvanConnection(path: socket).call("status")["seq"]?.int64Value ?? -1
    }

    /// Every (seq, id) of the log, in order.
    func ids() throws -> [(Int64, String)] {
        let c = try DanvanConnection(path: socket)
        var out: [(Int64, String)] = []
        var from: Int64 = 1
        while true {
            let params: JSONObject = ["fromSeq": .int(from), "limit": 10_000]
            let result = try c.call("read", params)
            guard case .array(let events)? = result["events"] else { break }
            for e in events {
                out.append((e["seq"]?.int64Value ?? -1, e["id"]?.stringValue ?? ""))
            }
            guard let next = result["nextSeq"]?.int64Value, let last = result["lastSeq"]?.int64Value, next <= last else { break }
            from = next
        }
        return out
    }

    /// Appends `count` land donations at unit `unit` in batches of `batch`, each with a new id.
    func appendLand(count: Int, unit: String = "BY", batch: Int = 1000, area: String = "1.25") throws {
        let c = try DanvanConnection(path: socket)
        var left = count
        while left > 0 {
            let n = min(batch, left)
            let events = (0..<n).map { _ in
                #"{"id":"\#(UUID().uuidString.lowercased())","type":"land.donated","data":{"unit":"\#(unit)","households":1,"areaM2":\#(area),"purpose":"road","donatedOn":"2024-06-01"}}"#
            }
            let line = #"{"id":1,"op":"append","events":[\#(events.joined(separator: ","))]}"# + "\n"
            try c.send(Array(line.utf8))
            guard let reply = try c.readLine(), String(decoding: reply, as: UTF8.self).contains("\"ok\":true") else {
                throw TestError("append failed")
            }
            left -= n
        }
    }

    /// danvand's `summary` for `params`.
    func summary(_ params: JSONObject) throws -> JSONValue {
        var p = params
        p.members.insert(("projection", .string("summary")), at: 0)
        return try DanvanConnection(path: socket).call("query", p)
    }
}
