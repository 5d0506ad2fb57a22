import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A real PostgreSQL primary (and, when asked, a streaming replica) on loopback under a temporary
/// directory, through `Scripts/pg-cluster.sh`; destroyed with the object.
final class PostgresCluster: @unchecked Sendable {
    static let shipRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = shipRoot.appendingPathComponent("Scripts/pg-cluster.sh").path

    /// Whether a PostgreSQL server is installed here (Scripts/install-deps.sh installs it).
    static var available: Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).contains {
            FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/initdb")
        }
    }

    let directory: String
    let primaryPort: Int
    private(set) var replicaPort: Int?

    init() throws {
        var template = Array((NSTemporaryDirectory() + "danvan-ship-pg.XXXXXX").utf8CString)
        guard let dir = mkdtemp(&template) else { throw TestError("mkdtemp failed") }
        directory = String(cString: dir)
        primaryPort = try freePort()
        try Self.run(["init", directory, String(primaryPort)])
        try psql("CREATE DATABASE national")
    }

    deinit { try? Self.run(["destroy", directory]) }

    /// Adds a streaming replica of the primary.
    func addReplica() throws {
        let port = try freePort()
        try Self.run(["replica", directory, String(primaryPort), String(port)])
        replicaPort = port
    }

    /// Stops a server (`primary` or `replica`).
    func stop(_ name: String) throws { try Self.run(["stop", directory, name]) }
    /// Starts a stopped server again.
    func start(_ name: String) throws { try Self.run(["start", directory, name, String(name == "primary" ? primaryPort : replicaPort ?? 0)]) }
    /// Promotes the replica.
    func promote() throws { try Self.run(["promote", directory, "replica"]) }

    /// The shipper's URL: the primary, then the replica when there is one.
    var url: String {
        let hosts = ["127.0.0.1:\(primaryPort)"] + (replicaPort.map { ["127.0.0.1:\($0)"] } ?? [])
        return "postgresql://postgres@\(hosts.joined(separator: ","))/national?target_session_attrs=read-write&connect_timeout=2"
    }

    /// Runs `sql` with psql on `port` (the primary by default) in the national database and
    /// returns its unaligned output lines.
    @discardableResult
    func psql(_ sql: String, port: Int? = nil, database: String? = nil) throws -> [String] {
        let r = try spawnAndWait("/usr/bin/psql", ["-X", "-h", "127.0.0.1", "-p", String(port ?? primaryPort), "-U", "postgres",
                       "-d", database ?? (sql.hasPrefix("CREATE DATABASE") ? "postgres" : "national"),
                       "-v", "ON_ERROR_STOP=1", "-At", "-c", sql])
        guard r.status == 0 else { throw TestError("psql \(sql.prefix(120)): \(r.stderr)") }
        return r.stdout.split(separator: "\n").map(String.init)
    }
    /// One value.
    func value(_ sql: String, port: Int? = nil) throws -> String {
        try psql(sql, port: port).first ?? ""
    }

    static func run(_ arguments: [String]) throws {
        let r = try spawnAndWait("/bin/bash", [script] + arguments)
        guard r.status == 0 else {
            throw TestError("pg-cluster.sh \(arguments.joined(separator: " ")): \(r.stderr)")
        }
    }
}

/// A loopback TCP port nobody listens on now.
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw TestError("socket failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let rc = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard rc == 0 else { throw TestError("bind failed") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let rc2 = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard rc2 == 0 else { throw TestError("getsockname failed") }
    return Int(UInt16(bigEndian: address.sin_port))
}

struct TestError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
