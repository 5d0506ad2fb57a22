import Foundation

/// A child process started with posix_spawn, as a shell would start it: an empty
/// signal mask and default signal actions.
///
/// Foundation's `Process` passes on the blocked signals of the test runner's worker
/// thread (SIGINT and SIGTERM included), and its `waitUntilExit` can hang when tests
/// run in parallel; both would make these tests flaky, so children are spawned and
/// reaped here with `waitpid` on their own pid.
final class Child: @unchecked Sendable {
    let pid: pid_t
    private var exitStatus: Int32?

    /// Starts `program` with `arguments`; standard streams from/to the given paths
    /// (nil: /dev/null). `environment` replaces the environment when given.
    init(_ program: String, _ arguments: [String], stdin: String? = nil, stdout: String? = nil, stderr: String? = nil,
         environment: [String: String]? = nil) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin ?? "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout ?? "/dev/null", O_WRONLY | O_APPEND, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderr ?? "/dev/null", O_WRONLY | O_APPEND, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGPIPE, SIGHUP, SIGQUIT, SIGCHLD] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        guard rc == 0 else { throw TestFailure("cannot start \(program): \(String(cString: strerror(rc)))") }
        self.pid = pid
    }

    deinit {
        if isRunning {
            kill(pid, SIGKILL)
            _ = wait(timeout: 10)
        }
    }

    /// Whether it has not exited yet (reaps it when it has).
    var isRunning: Bool {
        if exitStatus != nil { return false }
        var status: Int32 = 0
        let r = waitpid(pid, &status, WNOHANG)
        if r == pid {
            // Exited: the code; killed by a signal: 128 + the signal, as shells report it.
            exitStatus = status & 0x7F == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
            return false
        }
        return r == 0
    }

    /// The exit status, once it has exited.
    var status: Int32? {
        _ = isRunning
        return exitStatus
    }

    /// Sends a signal.
    func signal(_ s: Int32) { kill(pid, s) }

    /// Waits up to `timeout` seconds for it to exit; its status, or nil if still running.
    func wait(timeout: Double) -> Int32? {
        _ = eventually(timeout: timeout) { !isRunning }
        return status
    }
}
