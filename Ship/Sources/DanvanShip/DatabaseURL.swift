/// A libpq-style connection URL, parsed: `postgresql://user:pass@h1:p1,h2:p2/db?target_session_attrs=read-write`.
///
/// postgres-nio connects to one host; libpq's multi-host form (a comma-separated host list, tried
/// in order until one accepts the session) is read here, and `PostgresTarget` tries each host.
/// Supported query keys: `target_session_attrs` (`any`, `read-write`, `primary`), `sslmode`
/// (`disable`, `prefer`, `require`), `connect_timeout` (seconds), `application_name`, and `host`
/// (a socket directory, as libpq's `host=/run/postgresql`). Any other key is refused, so a
/// misspelt one is never silently ignored.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    /// One host of the list.
    public struct Endpoint: Sendable, Equatable {
        /// A host name or address (brackets of an IPv6 literal removed), or a socket directory
        /// (starting with `/`), as libpq takes it.
        public var host: String
        /// The port (5432 when left out).
        public var port: Int

        /// An endpoint.
        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        /// The socket file of a socket-directory endpoint (`/run/postgresql/.s.PGSQL.5432`), else nil.
        public var unixSocketPath: String? {
            host.hasPrefix("/") ? host + "/.s.PGSQL.\(port)" : nil
        }
    }

    /// Which sessions are acceptable (libpq's `target_session_attrs`).
    public enum TargetSessionAttributes: String, Sendable, Equatable {
        /// Any server that accepts the connection.
        case any
        /// A server whose sessions can write (`transaction_read_only` is off): the primary.
        case readWrite = "read-write"
        /// A server not in recovery (`pg_is_in_recovery()` false).
        case primary
    }

    /// `sslmode`.
    public enum SSLMode: String, Sendable, Equatable {
        /// Plain TCP (the default here: loopback or a trusted network; say `require` otherwise).
        case disable
        /// TLS when the server offers it.
        case prefer
        /// TLS or no connection.
        case require
    }

    /// Where Debian's PostgreSQL puts its socket: the host when none is named.
    public static let defaultSocketDirectory = "/run/postgresql"

    /// The hosts, in the order they are tried.
    public var endpoints: [Endpoint]
    /// The role to log in as (`postgres` when left out).
    public var user: String
    /// The password, when given.
    public var password: String?
    /// The database (the user's name when left out, as libpq does).
    public var database: String
    /// Which sessions are acceptable.
    public var targetSessionAttributes: TargetSessionAttributes
    /// TLS.
    public var sslMode: SSLMode
    /// Seconds to wait for each host.
    public var connectTimeoutSeconds: Int
    /// `application_name`, shown in `pg_stat_activity`.
    public var applicationName: String?

    /// Parses `text`; throws `DatabaseURLError` saying what is wrong and what a URL looks like.
    public init(_ text: String) throws(DatabaseURLError) {
        let schemes = ["postgresql://", "postgres://"]
        guard let scheme = schemes.first(where: { text.hasPrefix($0) }) else {
            throw DatabaseURLError("'\(text)' is not a postgresql:// URL")
        }
        var rest = Substring(text.dropFirst(scheme.count))
        var query = Substring("")
        if let q = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: q)...]
            rest = rest[..<q]
        }
        var path = Substring("")
        if let slash = rest.firstIndex(of: "/") {
            path = rest[rest.index(after: slash)...]
            rest = rest[..<slash]
        }
        var userInfo: Substring?
        if let at = rest.lastIndex(of: "@") {
            userInfo = rest[..<at]
            rest = rest[rest.index(after: at)...]
        }
        var user = "postgres"
        var password: String?
        if let userInfo {
            if let colon = userInfo.firstIndex(of: ":") {
                user = try Self.decode(userInfo[..<colon])
                password = try Self.decode(userInfo[userInfo.index(after: colon)...])
            } else {
                user = try Self.decode(userInfo)
            }
        }
        var endpoints: [Endpoint] = []
        if !rest.isEmpty {
            for part in rest.split(separator: ",", omittingEmptySubsequences: false) {
                endpoints.append(try Self.endpoint(part))
            }
        }
        self.user = user
        self.password = password
        self.database = path.isEmpty ? user : try Self.decode(path)
        self.targetSessionAttributes = .any
        self.sslMode = .disable
        self.connectTimeoutSeconds = 10
        self.applicationName = nil
        var socketDirectory: String?
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = String(kv[0])
            let value = kv.count > 1 ? try Self.decode(kv[1]) : ""
            switch key {
            case "target_session_attrs":
                guard let v = TargetSessionAttributes(rawValue: value) else {
                    throw DatabaseURLError("target_session_attrs '\(value)': use any, read-write or primary")
                }
                targetSessionAttributes = v
            case "sslmode":
                guard let v = SSLMode(rawValue: value) else {
                    throw DatabaseURLError("sslmode '\(value)': use disable, prefer or require")
                }
                sslMode = v
            case "connect_timeout":
                guard let v = Int(value), v > 0 else {
                    throw DatabaseURLError("connect_timeout '\(value)': a whole number of seconds, 1 or more")
                }
                connectTimeoutSeconds = v
            case "application_name":
                applicationName = value
            case "host":
                guard value.hasPrefix("/") else {
                    throw DatabaseURLError("host '\(value)' in the query: a socket directory (absolute path); put host names before the /")
                }
                socketDirectory = value
            default:
                throw DatabaseURLError("unknown key '\(key)' in the URL; the keys are target_session_attrs, sslmode, connect_timeout, application_name, host")
            }
        }
        if let socketDirectory {
            let port = endpoints.first?.port ?? 5432
            endpoints = [Endpoint(host: socketDirectory, port: port)]
        }
        if endpoints.isEmpty { endpoints = [Endpoint(host: Self.defaultSocketDirectory, port: 5432)] }
        self.endpoints = endpoints
    }

    private static func endpoint(_ part: Substring) throws(DatabaseURLError) -> Endpoint {
        var host = part
        var portText: Substring?
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw DatabaseURLError("host '\(part)': an IPv6 address needs its closing ]") }
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty {
                throw DatabaseURLError("host '\(part)': write [address]:port")
            }
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.lastIndex(of: ":") {
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        }
        var port = 5432
        if let portText {
            guard let p = Int(portText), (1...65535).contains(p) else {
                throw DatabaseURLError("port '\(portText)' of host '\(host)': a number from 1 to 65535")
            }
            port = p
        }
        // An empty host is the default socket directory, as in libpq (`postgresql://:5433/db`).
        return Endpoint(host: host.isEmpty ? Self.defaultSocketDirectory : try decode(host), port: port)
    }

    /// Percent-decoding (`%2F` is `/`), refusing a malformed escape.
    private static func decode(_ text: Substring) throws(DatabaseURLError) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var i = text.utf8.startIndex
        let utf8 = text.utf8
        while i < utf8.endIndex {
            let b = utf8[i]
            if b == UInt8(ascii: "%") {
                let h1 = utf8.index(after: i)
                guard h1 < utf8.endIndex, utf8.index(after: h1) < utf8.endIndex,
                      let hi = hexValue(utf8[h1]), let lo = hexValue(utf8[utf8.index(after: h1)]) else {
                    throw DatabaseURLError("a bad % escape in '\(text)'")
                }
                bytes.append(hi << 4 | lo)
                i = utf8.index(i, offsetBy: 3)
            } else {
                bytes.append(b)
                i = utf8.index(after: i)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The URL without its password, for logs.
    public var description: String {
        let hosts = endpoints.map { $0.host.contains(":") ? "[\($0.host)]:\($0.port)" : "\($0.host):\($0.port)" }
        return "postgresql://\(user)@\(hosts.joined(separator: ","))/\(database)?target_session_attrs=\(targetSessionAttributes.rawValue)"
    }
}

/// A connection URL that cannot be used, with what to write instead.
public struct DatabaseURLError: Error, Equatable, CustomStringConvertible {
    /// What is wrong.
    public let description: String
    /// An error saying `message`, with the form of a URL.
    public init(_ message: String) {
        description = message + " (the form: postgresql://USER[:PASSWORD]@HOST[:PORT][,HOST2[:PORT2]...]/DATABASE[?target_session_attrs=read-write])"
    }
}
