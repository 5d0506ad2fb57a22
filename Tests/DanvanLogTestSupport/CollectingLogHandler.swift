import Logging
import Synchronization

/// Every line logged through `CollectingLogHandler`, as "level message key=value ..." (the
/// metadata sorted by key), for tests that check what was logged and at which level.
public final class LogLines: Sendable {
    let lines = Mutex<[String]>([])
    /// An empty record.
    public init() {}
    /// Every line so far.
    public var all: [String] { lines.withLock { $0 } }
}

/// A log handler that keeps every line in `box`, at every level (a test-support target shared
/// by the test targets that check what is logged).
public struct CollectingLogHandler: LogHandler {
    let box: LogLines
    public var logLevel: Logger.Level = .trace
    public var metadata: Logger.Metadata = [:]
    /// A handler that keeps every line in `box`.
    public init(box: LogLines) { self.box = box }
    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    public func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        box.lines.withLock { $0.append(([event.level.rawValue, event.message.description] + fields).joined(separator: " ")) }
    }
}
