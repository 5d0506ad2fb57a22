import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// Opens a PostgreSQL session as a `DatabaseURL` says: each host in turn, keeping the first whose
/// session fits `target_session_attrs` (a read-write one is the primary, so after a failover the
/// promoted replica is found by itself).
public struct PostgresTarget: Sendable {
    /// The URL.
    public let url: DatabaseURL

    /// A target.
    public init(url: DatabaseURL) { self.url = url }

    /// An open session and the host it is on.
    public struct Session: Sendable {
        /// The connection.
        public let connection: PostgresConnection
        /// `host:port` of the server.
        public let host: String
    }

    /// Connects; throws `PostgresTargetError` listing why each host was passed over.
    public func connect(logger: Logger) async throws -> Session {
        var reasons: [String] = []
        for (index, endpoint) in url.endpoints.enumerated() {
            let name = endpoint.unixSocketPath ?? "\(endpoint.host):\(endpoint.port)"
            let connection: PostgresConnection
            do {
                connection = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: try configuration(endpoint),
                    id: index, logger: logger)
            } catch {
                reasons.append("\(name): \(Self.describe(error))")
                continue
            }
            do {
                if try await acceptable(connection, logger: logger) {
                    return Session(connection: connection, host: name)
                }
                reasons.append("\(name): not a \(url.targetSessionAttributes.rawValue) session (a standby)")
            } catch {
                reasons.append("\(name): \(Self.describe(error))")
            }
            connection.close().whenComplete { _ in _ = connection }
        }
        throw PostgresTargetError(description: reasons.joined(separator: "; "))
    }

    private func acceptable(_ connection: PostgresConnection, logger: Logger) async throws -> Bool {
        switch url.targetSessionAttributes {
        case .any:
            return true
        case .readWrite:
            let rows = try await connection.query("SELECT current_setting('transaction_read_only')", logger: logger)
            for try await value in rows.decode(String.self) { return value == "off" }
            return false
        case .primary:
            let rows = try await connection.query("SELECT pg_is_in_recovery()", logger: logger)
            for try await value in rows.decode(Bool.self) { return !value }
            return false
        }
    }

    private func configuration(_ endpoint: DatabaseURL.Endpoint) throws -> PostgresConnection.Configuration {
        var configuration: PostgresConnection.Configuration
        if let path = endpoint.unixSocketPath {
            configuration = .init(unixSocketPath: path, username: url.user, password: url.password, database: url.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            switch url.sslMode {
            case .disable: tls = .disable
            case .prefer: tls = .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
            configuration = .init(host: endpoint.host, port: endpoint.port, username: url.user, password: url.password,
                                  database: url.database, tls: tls)
        }
        configuration.options.connectTimeout = .seconds(Int64(url.connectTimeoutSeconds))
        configuration.options.additionalStartupParameters = [("application_name", url.applicationName ?? "danvan-ship")]
        return configuration
    }

    /// A PostgreSQL error as one line: the server's message when there is one.
    public static func describe(_ error: any Error) -> String {
        if let e = error as? PSQLError {
            if let message = e.serverInfo?[.message] {
                return message + (e.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
            }
            if let underlying = e.underlying { return "\(e.code): \(underlying)" }
            return "\(e.code)"
        }
        if let e = error as? DeadlineExceeded { return e.description }
        if let e = error as? PostgresTransactionError {
            if let inner = e.closureError ?? e.commitError ?? e.beginError { return describe(inner) }
        }
        return "\(error)"
    }
}

/// No host of the URL gave an acceptable session.
public struct PostgresTargetError: Error, CustomStringConvertible {
    /// Why each host was passed over.
    public let description: String
}
