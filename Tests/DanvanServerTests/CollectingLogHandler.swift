import Logging
import Synchronization

/// Every line logged through `CollectingLogHandler`, as "level message key=value ..." (the
/// metadata sorted by key), for tests that check what was logged and at which level.
final class LogLines: Sendable {
    let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
}

/// A log handler that keeps every line in `box`, at every level.
struct CollectingLogHandler: LogHandler {
    let box: LogLines
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) {
        let fields = (event.metadata ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        box.lines.withLock { $0.append(([event.level.rawValue, event.message.description] + fields).joined(separator: " ")) }
    }
}
