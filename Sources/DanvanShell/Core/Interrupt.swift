import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C as a flag instead of a process kill, so that it cancels the running command
/// or `\watch` and the interactive shell carries on.
///
/// The handler only sets an atomic flag (async-signal-safe); every wait in danvanctl
/// (socket reads, `\watch` and `follow` pauses, the line editor) polls in slices of at
/// most a tenth of a second and checks it, so it works whichever thread the signal hits.
/// Presses are counted, so that a command can finish what is in flight on the first
/// (`import` waits for its batch's reply) and give up on the second.
public enum Interrupt {
    private static let presses = Atomic<Int>(0)
    private static let resized = Atomic<Bool>(false)

    /// Routes SIGINT to the flag (and SIGWINCH to `takeResize`). Idempotent.
    public static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in _ = Interrupt.presses.wrappingAdd(1, ordering: .relaxed) }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGINT, &action, nil)
        var winch = sigaction()
        winch.__sigaction_handler.sa_handler = { _ in Interrupt.resized.store(true, ordering: .relaxed) }
        sigemptyset(&winch.sa_mask)
        winch.sa_flags = SA_RESTART
        sigaction(SIGWINCH, &winch, nil)
        // A parent may have started us with these blocked (some process launchers do).
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGWINCH)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGHUP)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Whether Ctrl-C was pressed since the last `clear()`.
    public static var isSet: Bool { presses.load(ordering: .relaxed) > 0 }

    /// How many times Ctrl-C was pressed since the last `clear()`.
    public static var count: Int { presses.load(ordering: .relaxed) }

    /// Forgets an earlier Ctrl-C (before each prompt and each command).
    public static func clear() { presses.store(0, ordering: .relaxed) }

    /// Whether the terminal was resized since the last call.
    static func takeResize() -> Bool { resized.exchange(false, ordering: .relaxed) }

    /// Sleeps `seconds` in slices, returning false early when Ctrl-C is pressed.
    public static func sleep(seconds: Double) -> Bool {
        let clock = ContinuousClock()
        let end = clock.now.advanced(by: .milliseconds(Int64(seconds * 1000)))
        while clock.now < end {
            if isSet { return false }
            let left = clock.now.duration(to: end)
            let ms = min(100, max(1, Int(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)))
            usleep(UInt32(ms) * 1000)
        }
        return !isSet
    }
}
