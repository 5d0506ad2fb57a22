import DanvanClient

/// A one-line progress bar on stderr for long imports: done/total, events per second
/// and the time left. Drawn only on a terminal, at most ten times a second.
final class ProgressBar {
    private let total: Int
    private let label: String
    private let enabled: Bool
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant?

    /// A bar for `total` items; draws nothing when not `enabled`.
    init(total: Int, label: String, enabled: Bool) {
        self.total = total
        self.label = label
        self.enabled = enabled
        started = clock.now
    }

    /// Seconds since the bar started.
    var elapsed: Double { Self.seconds(clock.now - started) }

    /// Redraws with `done` items finished.
    func update(done: Int, force: Bool = false) {
        guard enabled else { return }
        let now = clock.now
        if !force, let last = lastDraw, now - last < .milliseconds(100) { return }
        lastDraw = now
        let width = max(40, min(Terminal.columns(2) ?? 80, 120))
        Terminal.write("\r" + Self.line(label: label, done: done, total: total, seconds: elapsed, width: width) + "\u{1B}[K", to: 2)
    }

    /// Clears the bar's line.
    func finish() {
        guard enabled else { return }
        Terminal.write("\r\u{1B}[K", to: 2)
    }

    /// The text of the bar: "import [#####-----] 4,200/8,684 events  3,512 events/s  ETA 0:01".
    static func line(label: String, done: Int, total: Int, seconds: Double, width: Int) -> String {
        let rate = seconds > 0 ? Double(done) / seconds : 0
        let counts = "\(NumberFormat.grouped(done))/\(NumberFormat.grouped(total)) events"
        let speed = "\(NumberFormat.grouped(Int(rate.rounded()))) events/s"
        let eta: String
        if done >= total {
            eta = "done"
        } else if rate > 0 {
            eta = "ETA " + clockText(Int((Double(total - done) / rate).rounded(.up)))
        } else {
            eta = "ETA --:--"
        }
        let tail = " \(counts)  \(speed)  \(eta)"
        // One column is left spare: writing the last column makes some terminals wrap.
        let barWidth = max(10, width - DisplayWidth.of(label) - DisplayWidth.of(tail) - 4)
        let filled = total > 0 ? min(barWidth, barWidth * done / total) : barWidth
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled)
        return "\(label) [\(bar)]\(tail)"
    }

    /// "1:05" or "1:02:03".
    static func clockText(_ seconds: Int) -> String {
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
