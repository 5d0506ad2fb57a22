#if canImport(Glibc)
import Glibc
#endif

/// Where danvand's socket is, so that `danvanctl` works without flags both on a
/// server (systemd socket activation) and in a checkout (a daemon run by hand).
public enum SocketPath {
    /// The socket systemd creates for `danvand.socket`.
    public static let system = "/run/danvan/danvand.sock"
    /// The socket `danvand` binds when run by hand from the repository root.
    public static let local = "./var/danvan/danvand.sock"
    /// The environment variable that names a socket when `--socket` is not given.
    public static let environmentVariable = "DANVAN_SOCKET"

    /// Why a path was chosen; error messages say it so a wrong guess is easy to spot.
    public enum Origin: Sendable, Equatable {
        /// `--socket PATH`.
        case flag
        /// `$DANVAN_SOCKET`.
        case environment
        /// The systemd path, which exists.
        case system
        /// The local default (the systemd path does not exist).
        case local
    }

    /// The socket to use: `--socket`, else `$DANVAN_SOCKET`, else the systemd path when it
    /// exists, else the local default.
    public static func resolve(flag: String?, environment: [String: String]) -> (path: String, origin: Origin) {
        if let flag, !flag.isEmpty { return (flag, .flag) }
        if let env = environment[environmentVariable], !env.isEmpty { return (env, .environment) }
        if access(system, F_OK) == 0 { return (system, .system) }
        return (local, .local)
    }
}
