import CSystemd

#if canImport(Glibc)
import Glibc
#endif

/// Socket activation (`sd_listen_fds(3)`): systemd binds `/run/danvan/danvand.sock` itself
/// (danvand.socket), queues the first clients, and hands the listening socket to danvand as
/// fd 3 with `$LISTEN_FDS`/`$LISTEN_PID`/`$LISTEN_FDNAMES`. Adopting it instead of binding
/// means no client is refused while the daemon starts or restarts.
public enum SocketActivation {
    /// One descriptor passed by the service manager.
    public struct PassedSocket: Sendable, Hashable {
        /// The descriptor (3, 4, ...).
        public var descriptor: CInt
        /// Its name from `$LISTEN_FDNAMES` (`FileDescriptorName=` in the socket unit), or "unknown".
        public var name: String

        /// Creates a description of a passed descriptor.
        public init(descriptor: CInt, name: String) {
            self.descriptor = descriptor
            self.name = name
        }
    }

    /// The listening socket to adopt.
    public struct ListeningSocket: Sendable, Hashable {
        /// The descriptor.
        public var descriptor: CInt
        /// The path it is bound to, for logs ("" when the kernel does not say).
        public var path: String
        /// Its name from `$LISTEN_FDNAMES`.
        public var name: String
    }

    /// The passed descriptors cannot be used; danvand refuses to start rather than bind a
    /// second socket nobody connects to.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// What is wrong and what to change in the unit.
        public var description: String
    }

    /// The descriptors passed to this process. Empty when not socket-activated. The
    /// `LISTEN_*` variables are removed so that no child process would take them too.
    public static func passedSockets() throws(Failure) -> [PassedSocket] {
        var names: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
        let count = sd_listen_fds_with_names(1, &names)
        defer {
            if let names {
                var i = 0
                while let name = names[i] {
                    free(name)
                    i += 1
                }
                free(names)
            }
        }
        guard count >= 0 else {
            throw Failure(description: "invalid socket activation variables (LISTEN_FDS, LISTEN_PID): \(String(cString: strerror(-count)))")
        }
        return (0..<Int(count)).map { i in
            let name = names?[i].map { String(cString: $0) } ?? "unknown"
            return PassedSocket(descriptor: SD_LISTEN_FDS_START + CInt(i), name: name)
        }
    }

    /// The listening Unix stream socket passed by systemd, or nil when not socket-activated.
    ///
    /// With one descriptor, it is taken whatever its name. With several, the one named
    /// `preferredName` (`FileDescriptorName=danvand`) is taken and the others are left alone.
    public static func listeningUnixSocket(preferredName: String = "danvand") throws(Failure) -> ListeningSocket? {
        let passed = try passedSockets()
        guard !passed.isEmpty else { return nil }
        let chosen = try choose(from: passed, preferredName: preferredName)
        guard isListeningUnixStream(chosen.descriptor) else {
            throw Failure(description: "the socket passed by systemd (fd \(chosen.descriptor), name \(chosen.name)) is not a listening Unix stream socket; use ListenStream=/path in danvand.socket")
        }
        return ListeningSocket(descriptor: chosen.descriptor, path: boundPath(of: chosen.descriptor), name: chosen.name)
    }

    /// Picks the descriptor to serve on (pure, for tests).
    static func choose(from passed: [PassedSocket], preferredName: String) throws(Failure) -> PassedSocket {
        if passed.count == 1 { return passed[0] }
        let named = passed.filter { $0.name == preferredName }
        guard named.count == 1 else {
            let names = passed.map(\.name).joined(separator: ", ")
            throw Failure(description: "systemd passed \(passed.count) sockets (\(names)) and \(named.count) of them is named '\(preferredName)'; set FileDescriptorName=\(preferredName) on exactly one")
        }
        return named[0]
    }

    /// `sd_is_socket_unix(fd, SOCK_STREAM, listening)`: the check `sd_listen_fds(3)` asks for.
    public static func isListeningUnixStream(_ descriptor: CInt) -> Bool {
        sd_is_socket_unix(descriptor, CInt(SOCK_STREAM.rawValue), 1, nil, 0) > 0
    }

    /// The path a Unix socket is bound to (`getsockname`), "" for unnamed or abstract sockets.
    public static func boundPath(of descriptor: CInt) -> String {
        var address = sockaddr_un()
        var length = socklen_t(MemoryLayout<sockaddr_un>.size)
        let rc = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard rc == 0 else { return "" }
        let pathOffset = MemoryLayout.offset(of: \sockaddr_un.sun_path) ?? MemoryLayout<sa_family_t>.size
        let pathLength = Int(length) - pathOffset
        guard pathLength > 0 else { return "" }
        return withUnsafeBytes(of: &address.sun_path) { raw in
            let bytes = raw.prefix(pathLength)
            guard bytes.first != 0 else { return "" }
            return String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
