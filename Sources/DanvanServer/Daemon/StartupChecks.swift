#if canImport(Glibc)
import Glibc
#endif

/// What danvand checks before it creates anything (state directory, lock file, socket):
/// a start that cannot succeed fails at once, with a message naming the path, and leaves no
/// empty state directory or lock file behind, and does not replay a large log first only to
/// find that its socket can never be bound.
///
/// The checks look at the paths with the permissions of the running process (effective
/// ids, as the kernel will); they create and modify nothing. The operations that follow can
/// still fail (a race, a case not checked here): `StartupProblem` maps those errors too.
public enum StartupChecks {
    /// The problem with using `path` as the state directory, or nil. `create` says whether a
    /// missing directory is made (serving, import) or is itself the problem (export, repair).
    public static func stateDirectory(_ path: String, create: Bool) -> StartupProblem? {
        if let kind = fileKind(path) {
            guard kind == S_IFDIR else { return .stateDirectoryBlocked(directory: path, blocker: path) }
            if let problem = writable(path, directory: path) { return problem }
            let lock = path + "/LOCK"
            if fileKind(lock) != nil, let problem = writable(lock, directory: path, mode: R_OK | W_OK) { return problem }
            return nil
        }
        guard create else { return .noStateDirectory(path: path) }
        // mkdir -p: the nearest existing ancestor must be a directory danvand may write.
        var ancestor = parent(of: path)
        while fileKind(ancestor) == nil, ancestor != parent(of: ancestor) { ancestor = parent(of: ancestor) }
        guard fileKind(ancestor) == S_IFDIR else { return .stateDirectoryBlocked(directory: path, blocker: ancestor) }
        return writable(ancestor, directory: path)
    }

    /// The problem with reading the log in `path` without writing anything (`danvand verify`,
    /// which must work on a read-only copy): only that it is there and is a directory.
    public static func stateDirectoryToRead(_ path: String) -> StartupProblem? {
        switch fileKind(path) {
        case nil: .noStateDirectory(path: path)
        case S_IFDIR: nil
        default: .stateDirectoryBlocked(directory: path, blocker: path)
        }
    }

    /// The problem with binding a socket at `path`, or nil. A socket file left by a dead
    /// danvand is not one (it is replaced at bind time); a live one is. A socket in the state
    /// directory (the default by hand) may be in a directory not made yet: danvand creates it,
    /// and `stateDirectory(_:create:)` checks that it can.
    public static func socket(_ path: String, stateDirectory: String) -> StartupProblem? {
        guard path.utf8.count <= StartupProblem.socketPathLimit else { return .socketPathTooLong(path: path) }
        let directory = parent(of: path)
        if fileKind(directory) == nil, trimmed(directory) == trimmed(stateDirectory) { return nil }
        guard fileKind(directory) == S_IFDIR else { return .socketDirectoryMissing(socket: path, directory: directory) }
        if faccessat(AT_FDCWD, directory, W_OK | X_OK, AT_EACCESS) != 0 {
            return errno == EROFS ? .readOnlyFileSystem(path: directory) : .socketDirectoryNotWritable(socket: path, directory: directory)
        }
        return StaleSocket.problem(at: path)
    }

    /// The directory part of `path` (`.` for a bare name, `/` for the root).
    public static func parent(of path: String) -> String {
        let trimmed = trimmed(path)
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// `path` without its trailing slashes (but `/` stays `/`).
    private static func trimmed(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }

    /// `S_IFDIR`, `S_IFREG`, `S_IFSOCK`... of what `path` names (links followed), nil when
    /// nothing is there or it cannot be reached.
    static func fileKind(_ path: String) -> mode_t? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return st.st_mode & S_IFMT
    }

    private static func writable(_ path: String, directory: String, mode: Int32 = W_OK | X_OK) -> StartupProblem? {
        guard faccessat(AT_FDCWD, path, mode, AT_EACCESS) != 0 else { return nil }
        return errno == EROFS ? .readOnlyFileSystem(path: path) : .stateDirectoryNotWritable(directory: directory, denied: path)
    }
}
