import Logging
import Synchronization

/// The daemon-wide log level, shared by every handler, so that `systemctl reload` after
/// editing `log_level` changes what is logged without a restart.
///
/// swift-log treats a handler's level as a value; a `Logger` whose level was set explicitly
/// keeps it (see `LevelControlledLogHandler`), everyone else follows this control.
public final class LogLevelControl: Sendable {
    private let current: Mutex<Logger.Level>

    /// Starts at `level`.
    public init(_ level: Logger.Level) {
        current = Mutex(level)
    }

    /// The level now in force.
    public var level: Logger.Level {
        get { current.withLock { $0 } }
        set { current.withLock { $0 = newValue } }
    }
}

/// Wraps a handler so that its level follows a `LogLevelControl` unless set explicitly.
public struct LevelControlledLogHandler<Wrapped: LogHandler>: LogHandler {
    private var wrapped: Wrapped
    private let control: LogLevelControl
    private var explicitLevel: Logger.Level?

    /// Wraps `wrapped`.
    public init(_ wrapped: Wrapped, control: LogLevelControl) {
        self.wrapped = wrapped
        self.control = control
    }

    public var logLevel: Logger.Level {
        get { explicitLevel ?? control.level }
        set { explicitLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        wrapped.log(event: event)
    }
}
