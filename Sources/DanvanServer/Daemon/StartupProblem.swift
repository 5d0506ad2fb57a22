import DanvanStorage
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// A reason danvand cannot start or open its state directory, and the one place that decides
/// its exit code and its one-line message (the path and what to do).
///
/// The exit code tells systemd whether a restart can help: what only a person can fix (a path
/// that can never be bound, something in the way, a missing directory, a permission) gets a
/// code of the unit's `RestartPreventExitStatus=` (64, 73, 77), so that systemd does not
/// restart the daemon in vain, once a second, into the same failure.
public enum StartupProblem: Error, Sendable, Hashable, CustomStringConvertible {
    /// The socket path is longer than `socketPathLimit`.
    case socketPathTooLong(path: String)
    /// The directory the socket would be created in does not exist or is not a directory.
    case socketDirectoryMissing(socket: String, directory: String)
    /// danvand's user may not create the socket in its directory.
    case socketDirectoryNotWritable(socket: String, directory: String)
    /// Something that is not a socket sits at the socket path; danvand never removes it.
    case notASocket(path: String)
    /// Another process listens on the socket path.
    case socketInUse(path: String)
    /// `blocker` (the state directory itself or one of its parents) is not a directory.
    case stateDirectoryBlocked(directory: String, blocker: String)
    /// danvand's user may not write `denied` (the state directory, the parent it would be
    /// created in, or its lock file).
    case stateDirectoryNotWritable(directory: String, denied: String)
    /// `path` must be written but is on a read-only file system.
    case readOnlyFileSystem(path: String)
    /// An offline tool (export, repair) was pointed at a state directory that does not exist.
    case noStateDirectory(path: String)
    /// Locking, recovering or opening the log of `directory` failed.
    case storage(StorageError, directory: String)
    /// Binding the socket failed with `errno` after the checks passed (a race, or a case
    /// they do not know).
    case bindFailed(path: String, errno: Int32)

    /// The longest socket path danvand can bind, in bytes: SwiftNIO's `SocketAddress` takes at
    /// most 103 (the `sun_path` of every platform it supports, macOS's 104 with the final NUL;
    /// Linux's holds 108), and refuses a longer one only after the log has been opened. The
    /// checks hold paths to it before anything is created.
    public static let socketPathLimit = 103

    /// danvand's exit code for this problem (see `ExitCode`).
    public var exitCode: Int32 {
        switch self {
        case .socketPathTooLong, .noStateDirectory: ExitCode.usage
        case .socketDirectoryMissing, .notASocket, .stateDirectoryBlocked, .readOnlyFileSystem: ExitCode.cannotCreate
        case .socketDirectoryNotWritable, .stateDirectoryNotWritable: ExitCode.noPermission
        case .socketInUse: ExitCode.socketFailed
        case .storage(let error, let directory):
            Self.storageProblem(error, directory: directory)?.exitCode
                ?? (error.code == .locked ? ExitCode.locked
                    : error.isCorruption || error.code == .sequenceGap ? ExitCode.corrupted : ExitCode.storageFailed)
        case .bindFailed(let path, let errno):
            Self.bindProblem(path, errno: errno)?.exitCode ?? ExitCode.socketFailed
        }
    }

    /// One line for the operator: what is wrong, with which path, and what to do.
    public var message: String {
        switch self {
        case .socketPathTooLong(let path):
            "the socket path \(path) is \(path.utf8.count) bytes long, but a Unix socket path may have at most "
                + "\(Self.socketPathLimit) bytes here: pass a shorter "
                + "--socket PATH (the default is <state-dir>/danvand.sock), or set 'socket = PATH' in the configuration file"
        case .socketDirectoryMissing(let socket, let directory):
            "cannot create the socket \(socket): its directory \(directory) does not exist or is not a directory; "
                + "create it, or pass --socket (or set 'socket =') with a path in an existing directory"
        case .socketDirectoryNotWritable(let socket, let directory):
            "\(Self.user) may not create the socket \(socket) in \(directory): give that user write access to "
                + "\(directory), or pass --socket (or set 'socket =') with a path in a directory it may write"
        case .notASocket(let path):
            "\(path) exists and is not a socket; danvand replaces only a socket left by a danvand that died: "
                + "move that file away, or pass another --socket (or set 'socket =')"
        case .socketInUse(let path):
            "another process is listening on \(path); stop it or choose another --socket"
        case .stateDirectoryBlocked(let directory, let blocker):
            "cannot use \(directory) as the state directory: \(blocker) is not a directory; move it away, "
                + "or pass another --state-dir (or set 'state_directory =')"
        case .stateDirectoryNotWritable(let directory, let denied):
            "\(Self.user) may not write \(denied)\(denied == directory ? "" : " (for the state directory \(directory))"): "
                + "give that user write access (chown or chmod), or pass another --state-dir (or set 'state_directory =')"
        case .readOnlyFileSystem(let path):
            "\(path) is on a read-only file system; danvand must write there: remount it read-write, "
                + "or choose another --state-dir or --socket"
        case .noStateDirectory(let path):
            "there is no state directory at \(path) (nothing was created); pass --state-dir with the directory of an existing log"
        case .storage(let error, let directory):
            if let problem = Self.storageProblem(error, directory: directory) {
                problem.message
            } else if error.isCorruption || error.code == .sequenceGap {
                "\(error.description); the log is corrupted and danvand will not start on it: "
                    + "run 'danvand verify --state-dir \(directory)' and restore from a backup"
            } else {
                error.description
            }
        case .bindFailed(let path, let errno):
            Self.bindProblem(path, errno: errno)?.message
                ?? "cannot listen on \(path): \(Errno(rawValue: errno)); check the path, or pass another --socket"
        }
    }

    public var description: String { message }

    /// A storage error whose errno is one of the problems above: a permission, a read-only
    /// file system, a file in the way. Nil for the others (their code decides).
    private static func storageProblem(_ error: StorageError, directory: String) -> StartupProblem? {
        guard error.code == .ioError, let errno = error.errno else { return nil }
        let path = error.path ?? directory
        switch errno {
        case .permissionDenied, .notPermitted: return .stateDirectoryNotWritable(directory: directory, denied: path)
        case .readOnlyFileSystem: return .readOnlyFileSystem(path: path)
        case .notDirectory, .fileExists: return .stateDirectoryBlocked(directory: directory, blocker: path)
        default: return nil
        }
    }

    /// A bind errno that is one of the problems above.
    private static func bindProblem(_ path: String, errno: Int32) -> StartupProblem? {
        let directory = StartupChecks.parent(of: path)
        switch errno {
        case EACCES, EPERM: return .socketDirectoryNotWritable(socket: path, directory: directory)
        case ENOENT, ENOTDIR: return .socketDirectoryMissing(socket: path, directory: directory)
        case EROFS: return .readOnlyFileSystem(path: directory)
        case EADDRINUSE: return .socketInUse(path: path)
        case ENAMETOOLONG: return .socketPathTooLong(path: path)
        default: return nil
        }
    }

    /// "danvand runs as uid 999 (danvan), which": who lacks the permission.
    private static var user: String {
        let uid = geteuid()
        return "danvand runs as uid \(uid) (\(UserNames.name(of: uid))), which"
    }
}

extension StartupError {
    /// The error that ends start-up for `problem`, with its exit code and message.
    public init(_ problem: StartupProblem) {
        self.init(problem.exitCode, problem.message)
    }
}
