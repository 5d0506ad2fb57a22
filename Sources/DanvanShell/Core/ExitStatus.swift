/// danvanctl's exit statuses, psql-style, so scripts can tell a refusal from an outage.
public enum ExitStatus: Int32, Sendable {
    /// Everything asked was done.
    case ok = 0
    /// The daemon answered with an error (unknown unit, refused event, ...), or the
    /// input could not be used (a file that cannot be read, a line that is not JSON).
    case failed = 1
    /// Could not connect to danvand, or the connection broke.
    case connection = 2
    /// A script (`--bail`) stopped at its first failing command.
    case scriptStopped = 3
    /// The command line itself is wrong (unknown command or flag, missing argument).
    case usage = 64
    /// Interrupted by Ctrl-C (one-shot `import`).
    case interrupted = 130

    /// The text of `danvanctl --help` and the man page's EXIT STATUS.
    public static let documentation = """
        Exit status:
          0    ok
          1    the server answered with an error, or the input was refused
          2    could not connect to danvand, or the connection broke
          3    a script (--bail) stopped at its first failing command
          64   the command line is wrong
          130  interrupted (Ctrl-C during import)
        """
}
