import Synchronization

/// The configuration in force, shared between the socket server (which reads the limits for
/// every new connection) and the reload service (which replaces it on SIGHUP).
public final class LiveConfiguration: Sendable {
    private let value: Mutex<DaemonConfiguration>

    /// Starts with `configuration`.
    public init(_ configuration: DaemonConfiguration) {
        value = Mutex(configuration)
    }

    /// The configuration now in force.
    public var current: DaemonConfiguration {
        value.withLock { $0 }
    }

    /// Replaces the configuration; connections accepted from now on see the new limits.
    public func replace(with configuration: DaemonConfiguration) {
        value.withLock { $0 = configuration }
    }
}
