import DanvanDomain
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Who is on the other end of a Unix socket, from the kernel (`SO_PEERCRED`), not
/// from anything the client says. The stored actor of every event comes from here.
public struct PeerCredentials: Sendable, Hashable {
    /// Process id.
    public var pid: Int32
    /// User id.
    public var uid: UInt32
    /// Group id.
    public var gid: UInt32

    /// Reads the credentials of a connected Unix socket channel.
    static func of(_ channel: Channel) -> EventLoopFuture<PeerCredentials> {
        guard let provider = channel as? SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
        }
        let future: EventLoopFuture<KernelUCred> = provider.unsafeGetSocketOption(
            level: NIOBSDSocket.OptionLevel(rawValue: SOL_SOCKET), name: NIOBSDSocket.Option(rawValue: SO_PEERCRED))
        return future.map { PeerCredentials(pid: $0.pid, uid: $0.uid, gid: $0.gid) }
    }

    /// The actor stored with events: uid and the user name it resolves to.
    public var actor: Actor {
        Actor(uid: uid, user: UserNames.name(of: uid))
    }
}

/// uid → user name through NSS (getpwuid_r), for the stored actor.
enum UserNames {
    static func name(of uid: UInt32) -> String {
        var pwd = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        let rc = getpwuid_r(uid, &pwd, &buffer, buffer.count, &result)
        guard rc == 0, result != nil, let name = pwd.pw_name else { return String(uid) }
        return String(cString: name)
    }
}

/// `struct ucred` from <sys/socket.h>, which Glibc's module hides behind `_GNU_SOURCE`:
/// same layout (pid_t, uid_t, gid_t).
struct KernelUCred: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
