import Logging

/// Chooses where the daemon logs: structured journal entries under systemd, plain stderr
/// lines otherwise (a terminal, a test, a container without journald).
public enum DaemonLogging {
    /// Where log entries go.
    public enum Destination: String, Sendable {
        /// `sd_journal_sendv`, with `DANVAN_*` fields.
        case journal
        /// One text line per entry on stderr.
        case standardError = "stderr"
    }

    /// The destination for this process: the journal when stderr is already connected to it.
    public static func destination(environment: [String: String]) -> Destination {
        Journal.stderrIsJournalStream(environment: environment) ? .journal : .standardError
    }

    /// Bootstraps swift-log once for the process; every handler follows `control`.
    /// Returns the destination chosen, to be logged at start.
    @discardableResult
    public static func bootstrap(
        identifier: String, control: LogLevelControl, environment: [String: String]
    ) -> Destination {
        let destination = destination(environment: environment)
        LoggingSystem.bootstrap { label in
            switch destination {
            case .journal:
                return LevelControlledLogHandler(JournalLogHandler(identifier: identifier), control: control)
            case .standardError:
                return LevelControlledLogHandler(StreamLogHandler.standardError(label: label), control: control)
            }
        }
        return destination
    }
}
