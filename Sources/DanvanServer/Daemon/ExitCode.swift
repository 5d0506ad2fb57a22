/// danvand's exit codes (sysexits.h), documented in README.md, `danvand --help` and danvand(8).
///
/// systemd restarts the daemon after a failure unless its code is listed in the unit's
/// `RestartPreventExitStatus=` (64 65 73 75 77): those are the failures a restart cannot
/// fix, which a person has to. `StartupProblem` decides which start-up failure gets which.
public enum ExitCode {
    /// Clean stop.
    public static let ok: Int32 = 0
    /// Bad flags or configuration, including a socket path that can never be bound (too long).
    public static let usage: Int32 = 64
    /// The log is corrupted: a bad record followed by valid data. Never repaired automatically.
    public static let corrupted: Int32 = 65
    /// The socket could not be bound: another process listens on it (it may go away).
    public static let socketFailed: Int32 = 69
    /// Other storage failure (write error, unreadable files); a restart recovers.
    public static let storageFailed: Int32 = 71
    /// EX_CANTCREAT: a file or directory danvand must create cannot be, whatever the retries:
    /// something else is in the way, a directory is missing, the file system is read-only.
    public static let cannotCreate: Int32 = 73
    /// fsync/fdatasync failed: exited without acknowledging; restart recovers.
    public static let syncFailed: Int32 = 74
    /// Another danvand holds the state directory.
    public static let locked: Int32 = 75
    /// EX_NOPERM: danvand's user may not write where it must (state directory, socket directory).
    public static let noPermission: Int32 = 77
}
