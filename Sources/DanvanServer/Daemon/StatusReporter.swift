import Logging
import ServiceLifecycle

/// Keeps the service manager's status line current (`systemctl status danvand` shows it),
/// and says `STOPPING=1` the moment graceful shutdown begins.
///
/// It is the last service of the group, so that it is the first one told to shut down.
public struct StatusReporter: Service {
    let interval: Duration
    let statusLine: @Sendable () async -> String
    let notifier: any ServiceManagerNotifier

    /// Creates the reporter; `statusLine` is recomputed every `interval` and sent when it changed.
    public init(interval: Duration = .seconds(2), statusLine: @escaping @Sendable () async -> String, notifier: any ServiceManagerNotifier) {
        self.interval = interval
        self.statusLine = statusLine
        self.notifier = notifier
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { [self] in
                var last = ""
                while true {
                    try await Task.sleep(for: interval)
                    let line = await statusLine()
                    if line != last {
                        notifier.status(line)
                        last = line
                    }
                }
            }
        } catch is CancellationError {}
        notifier.stopping(status: "stopping: finishing client replies and syncing the log")
    }

    /// The status line of a serving daemon, e.g. "serving 8684 events (seq 8684), 2 clients".
    public static func servingLine(engine: Engine) async -> String {
        let figures = engine.figures()
        let clients = figures.clients == 1 ? "1 client" : "\(figures.clients) clients"
        return "serving \(figures.events) events (seq \(figures.seq)), \(clients)"
    }
}
