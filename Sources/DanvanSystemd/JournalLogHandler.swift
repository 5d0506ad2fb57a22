import Logging

#if canImport(Glibc)
import Glibc
#endif

/// A swift-log handler that writes structured journal entries (see `JournalEntry`).
///
/// Used when stderr is the journal anyway (`Journal.stderrIsJournalStream`): the same lines
/// arrive, but with `PRIORITY`, code location and `DANVAN_*` fields an operator can filter
/// on. If journald refuses an entry, the line goes to stderr so that nothing is lost.
public struct JournalLogHandler: LogHandler {
    /// `SYSLOG_IDENTIFIER` of every entry (the program name, "danvand").
    public let identifier: String

    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    /// Creates a handler; `identifier` names the program in the journal.
    public init(identifier: String, metadataProvider: Logger.MetadataProvider? = LoggingSystem.metadataProvider) {
        self.identifier = identifier
        self.metadataProvider = metadataProvider
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit = event.metadata { merged.merge(explicit) { _, new in new } }
        let entry = JournalEntry(
            level: event.level, message: event.message.description, metadata: merged, error: event.error,
            identifier: identifier, file: event.file, line: event.line, function: event.function)
        if !Journal.send(entry) {
            let text = entry.fields.first { $0.name == "MESSAGE" }?.value ?? event.message.description
            let line = "<\(JournalEntry.priority(event.level))>\(identifier): \(text)\n"
            _ = line.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
        }
    }
}
