/// What `systemctl reload` (SIGHUP) can change in a running daemon, and what it cannot.
///
/// Limits and the log level take effect at once (limits for connections accepted from then
/// on). The state directory, the socket, the segment size, the socket mode, the test hooks and
/// the snapshot interval are fixed by what was opened or bound at start; a change to them is reported as needing a
/// restart instead of being silently ignored.
extension DaemonConfiguration {
    /// One setting whose value differs between the running and the re-read configuration.
    public struct Change: Sendable, Hashable, CustomStringConvertible {
        /// Configuration file key.
        public var key: String
        /// Value in force.
        public var old: String
        /// Value in the file.
        public var new: String

        public var description: String { "\(key): \(old) -> \(new)" }
    }

    /// The result of comparing the running configuration with the re-read one.
    public struct ReloadOutcome: Sendable, Hashable {
        /// The configuration to run with from now on.
        public var configuration: DaemonConfiguration
        /// Changes now in force.
        public var applied: [Change]
        /// Changes that wait for `systemctl restart danvand`.
        public var needRestart: [Change]
    }

    /// Takes the reloadable settings of `file` and reports the others.
    public func reloaded(from file: DaemonConfiguration) -> ReloadOutcome {
        var next = self
        var applied: [Change] = []
        var needRestart: [Change] = []

        func reloadable<T: Equatable>(_ key: String, _ path: WritableKeyPath<DaemonConfiguration, T>, _ show: (T) -> String) {
            guard self[keyPath: path] != file[keyPath: path] else { return }
            applied.append(Change(key: key, old: show(self[keyPath: path]), new: show(file[keyPath: path])))
            next[keyPath: path] = file[keyPath: path]
        }
        func fixed<T: Equatable>(_ key: String, _ path: KeyPath<DaemonConfiguration, T>, _ show: (T) -> String) {
            guard self[keyPath: path] != file[keyPath: path] else { return }
            needRestart.append(Change(key: key, old: show(self[keyPath: path]), new: show(file[keyPath: path])))
        }

        reloadable("log_level", \.logLevel) { $0 }
        reloadable("max_line_bytes", \.maxLineBytes) { String($0) }
        reloadable("max_batch_events", \.maxBatchEvents) { String($0) }
        reloadable("max_connections", \.maxConnections) { String($0) }
        reloadable("max_subscriber_lag", \.maxSubscriberLag) { String($0) }
        reloadable("max_in_flight", \.maxInFlight) { String($0) }
        reloadable("line_timeout", \.lineTimeout) { String($0) }
        reloadable("period_cutoff", \.periodCutoff) { $0.rawValue }
        reloadable("access", \.access) { policy in
            Role.allCases.map { "\($0.rawValue)s=" + (policy.rules[$0] ?? []).map(\.description).joined(separator: ",") }.joined(separator: " ")
        }
        fixed("state_directory", \.stateDirectory) { $0 }
        fixed("socket", \.socketPath) { $0 }
        fixed("segment_size", \.segmentSize) { String($0) }
        fixed("socket_mode", \.socketMode) { "0" + String($0, radix: 8) }
        fixed("test_hooks", \.testHooks) { String($0) }
        fixed("snapshot_every_events", \.snapshotEveryEvents) { String($0) }
        fixed("snapshot_keep", \.snapshotKeep) { String($0) }
        fixed("time_zone", \.timeZone) { $0 }
        return ReloadOutcome(configuration: next, applied: applied, needRestart: needRestart)
    }
}
