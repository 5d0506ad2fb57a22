import DanvanJSON
import DanvanProtocol

#if canImport(Glibc)
import Glibc
#endif

/// A blocking client connection to danvand's Unix socket, for `danvanctl`, scripts and tests.
///
/// Blocking I/O is the right tool for a command-line client that does one thing at a
/// time; the daemon, which serves many, uses SwiftNIO.
public final class DanvanConnection {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var nextID = 1
    /// The socket path.
    public let path: String
    /// Asked while waiting for the daemon; when it returns true the wait stops with
    /// `ClientError.cancelled`. `danvanctl` sets it so that Ctrl-C cancels a command
    /// without killing the shell. Nil waits without interruption.
    public var cancellation: (() -> Bool)?

    /// Connects to `path`.
    public init(path: String) throws(ClientError) {
        self.path = path
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw ClientError.connect(path: path, errno: errno) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            _ = Glibc.close(fd)
            throw ClientError.connect(path: path, errno: ENAMETOOLONG)
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if rc != 0 {
            let e = errno
            _ = Glibc.close(fd)
            throw ClientError.connect(path: path, errno: e)
        }
        self.fd = fd
    }

    private var isClosed = false

    deinit { close() }

    /// Closes the connection now (also done when the object goes away).
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        _ = Glibc.close(fd)
    }

    /// Sends raw bytes (a line should end with `\n`).
    public func send(_ bytes: [UInt8]) throws(ClientError) {
        var offset = 0
        while offset < bytes.count {
            // MSG_NOSIGNAL: a daemon that went away is an error to report, not a SIGPIPE
            // that kills the interactive shell.
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR {
                    if cancellation?() == true { throw ClientError.cancelled }
                    continue
                }
                throw ClientError.broken(path: path, errno: errno)
            }
            offset += n
        }
    }

    /// Closes the sending side, as `socat` does at the end of its input.
    public func finishSending() {
        shutdown(fd, Int32(SHUT_WR))
    }

    /// The next line from the daemon (without `\n`), or nil at end of stream.
    public func readLine() throws(ClientError) -> [UInt8]? {
        var scanned = 0
        while true {
            if let nl = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<nl])
                buffer.removeSubrange(...nl)
                return line
            }
            scanned = buffer.count
            try waitReadable()
            var chunk = [UInt8](repeating: 0, count: 65536)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw ClientError.broken(path: path, errno: errno)
            }
            if n == 0 {
                if buffer.isEmpty { return nil }
                let line = buffer
                buffer.removeAll()
                return line
            }
            buffer.append(contentsOf: chunk[..<n])
        }
    }

    /// Returns once the socket has bytes (or end of stream) to read. With a
    /// `cancellation` check, waits in short slices and asks it between them, so that a
    /// signal delivered to another thread still cancels within a tenth of a second.
    private func waitReadable() throws(ClientError) {
        guard let cancellation else { return }
        while true {
            if cancellation() { throw ClientError.cancelled }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let n = poll(&p, 1, 100)
            if n > 0 { return }
            if n < 0, errno != EINTR { throw ClientError.broken(path: path, errno: errno) }
        }
    }

    /// Sends one request and waits for its reply.
    public func request(_ op: String, _ params: JSONObject = JSONObject()) throws(ClientError) -> Reply.Parsed {
        let id = nextID
        nextID += 1
        var line = Request(id: .int(id), op: op, params: params).line
        line.append(UInt8(ascii: "\n"))
        try send(line)
        guard let reply = try readLine() else { throw ClientError.closed(path: path) }
        do {
            return try Reply.parse(reply)
        } catch {
            throw ClientError.badReply(String(decoding: reply, as: UTF8.self))
        }
    }

    /// Sends a request and returns its `result`, turning an error reply into `ClientError.server`.
    public func call(_ op: String, _ params: JSONObject = JSONObject()) throws(ClientError) -> JSONValue {
        let reply = try request(op, params)
        switch reply.outcome {
        case .success(let result): return result
        case .failure(let error): throw ClientError.server(error)
        }
    }
}

/// A client-side failure, with a message that says what to do.
public enum ClientError: Error, CustomStringConvertible {
    /// Could not connect.
    case connect(path: String, errno: Int32)
    /// The connection broke.
    case broken(path: String, errno: Int32)
    /// The daemon closed the connection.
    case closed(path: String)
    /// The daemon sent something that is not a reply.
    case badReply(String)
    /// The daemon answered with an error.
    case server(ProtocolError)
    /// The caller's `cancellation` check asked to stop waiting; the connection is then
    /// out of step with its replies and should be dropped.
    case cancelled

    public var description: String {
        switch self {
        case .connect(let path, let e):
            if e == EACCES {
                return "cannot connect to \(path): \(String(cString: strerror(e))); members of the socket's group (danvan when installed from deploy/) may connect: try sudo usermod -aG danvan $USER, then log in again"
            }
            return "cannot connect to \(path): \(String(cString: strerror(e))); is danvand running? try: systemctl status danvand.socket, or pass --socket PATH"
        case .broken(let path, let e):
            return "the connection to \(path) broke: \(String(cString: strerror(e)))"
        case .closed(let path):
            return "danvand closed the connection on \(path)"
        case .badReply(let line):
            return "unexpected reply from danvand: \(line.prefix(200))"
        case .server(let error):
            return "\(error.code.name): \(error.message)"
        case .cancelled:
            return "cancelled"
        }
    }
}
