import DanvanDomain

/// Everything an operator can set, with the defaults documented in README.md and
/// `deploy/danvand.conf`. Flags override the file; the file overrides defaults.
public struct DaemonConfiguration: Sendable, Hashable {
    /// Directory of the log segments and the lock.
    public var stateDirectory: String
    /// Path of the Unix socket to bind (when not socket-activated).
    public var socketPath: String
    /// Size at which the log rolls to a new segment, bytes.
    public var segmentSize: Int = 64 << 20
    /// Longest request line accepted, bytes; longer gets `too_large` and the connection closes.
    public var maxLineBytes: Int = 1 << 20
    /// Most events in one `append`.
    public var maxBatchEvents: Int = 10_000
    /// Most simultaneous client connections.
    public var maxConnections: Int = 1024
    /// Log level name (trace, debug, info, notice, warning, error, critical).
    public var logLevel: String = "info"
    /// Socket file mode when danvand binds the socket itself.
    public var socketMode: UInt32 = 0o660
    /// Test-only: SIGUSR1 stalls the log writer and SIGUSR2 hangs the event loop, so that the
    /// system tests can watch systemd's watchdog restart a hung daemon. Never in production.
    public var testHooks: Bool = false
    /// Who may read, write and administer (`readers`, `writers`, `admins` keys).
    public var access = AccessPolicy()
    /// A subscriber further behind the log than this many events gets `too_slow`.
    public var maxSubscriberLag: Int = 1_000_000
    /// Requests of one connection read but not yet answered; beyond it danvand stops reading
    /// from that client until it reads its replies.
    public var maxInFlight: Int = 1024
    /// Seconds a client may take to finish a request line it has started (slowloris guard);
    /// 0 waits for ever. Idle time between whole lines is never limited.
    public var lineTimeout: Int = 10
    /// Writes a state snapshot once this many events were committed since the last one (and
    /// at graceful shutdown), so that a restart replays only the log after it; 0 = never.
    public var snapshotEveryEvents: Int = 1_000_000
    /// Most state snapshots kept on disk: the newest and older ones at geometrically spaced
    /// seqs (`SnapshotRetention`), from which `asOf` queries rebuild past states; 1 keeps only
    /// the newest.
    public var snapshotKeep: Int = 8
    /// The province's time zone (IANA name): its `today` for opinions' ages and the day no new
    /// event's own date may pass. Checked when the file is read (`ProvinceCalendar`).
    public var timeZone: String = ProvinceCalendar.defaultIdentifier
    /// How a named period is cut into days when a query does not say (`cutoff`): calendar
    /// periods, or Nghị định 09's 15th-to-14th for a commission that reports to the state's
    /// regime. Changing it changes what `period: "2023-Q2"` means for every client, so it is
    /// echoed in every answer with a period.
    public var periodCutoff: ReportingCutoff = .calendar

    /// Defaults for a run by hand: `./var/danvan`, or `$STATE_DIRECTORY` under systemd.
    public init(environment: [String: String]) {
        if let state = environment["STATE_DIRECTORY"], !state.isEmpty {
            // systemd may pass several colon-separated directories; the first is ours.
            stateDirectory = String(state.split(separator: ":").first ?? Substring(state))
            socketPath = environment["RUNTIME_DIRECTORY"].map { "\($0.split(separator: ":").first ?? "")/danvand.sock" }
                ?? "/run/danvan/danvand.sock"
        } else {
            stateDirectory = "./var/danvan"
            socketPath = "./var/danvan/danvand.sock"
        }
    }

    /// Every key a configuration file may set, in the order of danvand.conf(5): the list an
    /// unknown key is compared with ("did you mean") and the tests hold the manual page and
    /// the shipped deploy/danvand.conf to, so that neither can drift from the code.
    public static let keys = [
        "state_directory", "socket", "socket_mode", "segment_size", "max_line_bytes", "max_batch_events",
        "max_connections", "log_level", "readers", "writers", "admins", "max_subscriber_lag", "max_in_flight",
        "line_timeout", "snapshot_every_events", "snapshot_keep", "time_zone", "period_cutoff", "test_hooks",
    ]

    /// The values of `log_level`, least severe first.
    public static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Applies the settings of a configuration file.
    public mutating func apply(_ file: ConfigFile) throws(ConfigError) {
        for entry in file.entries {
            guard Self.keys.contains(entry.key) else {
                throw ConfigError(line: entry.line, "unknown key '\(entry.key)'\(NameSuggestion.hint(for: entry.key, among: Self.keys)); the keys are listed in danvand.conf(5) (man 5 danvand.conf)")
            }
            func int(_ range: ClosedRange<Int>) throws(ConfigError) -> Int {
                guard let v = ConfigFile.parseSize(entry.value), range.contains(v) else {
                    throw ConfigError(line: entry.line, "'\(entry.key)' must be a number from \(range.lowerBound) to \(range.upperBound) (suffixes K, M, G allowed), got '\(entry.value)'")
                }
                return v
            }
            switch entry.key {
            case "state_directory": stateDirectory = entry.value
            case "socket": socketPath = entry.value
            case "segment_size": segmentSize = try int(4096...(1 << 34))
            case "max_line_bytes": maxLineBytes = try int(1024...(1 << 30))
            case "max_batch_events": maxBatchEvents = try int(1...1_000_000)
            case "max_connections": maxConnections = try int(1...1_000_000)
            case "max_subscriber_lag": maxSubscriberLag = try int(1...(1 << 40))
            case "max_in_flight": maxInFlight = try int(1...1_000_000)
            case "line_timeout": lineTimeout = try int(0...86_400)
            case "snapshot_every_events": snapshotEveryEvents = try int(0...(1 << 40))
            case "snapshot_keep": snapshotKeep = try int(1...64)
            case "readers", "writers", "admins":
                let role: Role = entry.key == "readers" ? .reader : entry.key == "writers" ? .writer : .admin
                switch AccessPolicy.principals(entry.value) {
                case .success(let list): access.rules[role] = list
                case .failure(let error):
                    throw ConfigError(line: entry.line, "'\(entry.key)': '\(error.text)' is not a principal; write user:NAME, group:NAME, uid:N or gid:N, separated by commas")
                }
            case "socket_mode":
                guard let mode = UInt32(entry.value, radix: 8), mode <= 0o777 else {
                    throw ConfigError(line: entry.line, "'socket_mode' must be an octal mode like 0660")
                }
                socketMode = mode
            case "log_level":
                guard Self.logLevels.contains(entry.value) else {
                    throw ConfigError(line: entry.line, "'log_level' must be one of \(Self.logLevels.joined(separator: ", ")), got '\(entry.value)'\(NameSuggestion.hint(for: entry.value, among: Self.logLevels))")
                }
                logLevel = entry.value
            case "time_zone":
                guard ProvinceCalendar(identifier: entry.value) != nil else {
                    throw ConfigError(line: entry.line, "'time_zone' must be an IANA time zone name like Asia/Ho_Chi_Minh (see timedatectl list-timezones), got '\(entry.value)'")
                }
                timeZone = entry.value
            case "period_cutoff":
                guard let cutoff = ReportingCutoff(rawValue: entry.value) else {
                    let names = ReportingCutoff.allCases.map(\.rawValue)
                    throw ConfigError(line: entry.line, "'period_cutoff' must be calendar (calendar months, quarters and years) or decree09 (from the 15th of the month before to the 14th, Nghị định 09/2019/NĐ-CP), got '\(entry.value)'\(NameSuggestion.hint(for: entry.value, among: names))")
                }
                periodCutoff = cutoff
            case "test_hooks":
                switch entry.value.lowercased() {
                case "true", "yes", "on", "1": testHooks = true
                case "false", "no", "off", "0": testHooks = false
                default: throw ConfigError(line: entry.line, "'test_hooks' must be true or false")
                }
            default:
                // A key of `keys` this switch forgot: the tests apply every key, so this is caught there.
                throw ConfigError(line: entry.line, "key '\(entry.key)' is known but not handled; this is a bug of danvand")
            }
        }
    }
}
