#if canImport(Glibc)
import Glibc
#endif

/// A blocking NDJSON client over a Unix stream socket, as cheap as a client can be
/// (one thread per connection, waiting in `poll` for each reply):
/// requests go out as pre-serialised bytes, replies are split on `\n` in a reused
/// buffer and only checked for `"ok":true`, never parsed.
///
/// Not thread-safe: each load thread owns its own client.
final class UnixLineClient {
    private let fd: Int32
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0

    /// Connects to `path`; throws when nothing listens there.
    init(path: String) throws(BenchError) {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .system("socket") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            close(fd)
            throw BenchError("socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            let error = BenchError.system("connect \(path)")
            close(fd)
            throw error
        }
        self.fd = fd
        buffer = .allocate(byteCount: 1 << 20, alignment: 16)
    }

    deinit {
        close(fd)
        buffer.deallocate()
    }

    /// Writes all of `bytes`.
    func send(_ bytes: [UInt8]) throws(BenchError) {
        let failed = bytes.withUnsafeBytes { writeAll($0) }
        if failed { throw .system("write") }
    }

    /// Writes all of `bytes`; true when `write` failed (see `errno`).
    private func writeAll(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return true
            }
            offset += n
        }
        return false
    }

    /// Reads the next reply line and tells whether it is a success (`"ok":true`).
    func receiveReply() throws(BenchError) -> Bool {
        let line = try receiveLine()
        return ReplyCheck.isSuccess(line)
    }

    /// Reads the next line (without its `\n`); valid until the next read.
    func receiveLine() throws(BenchError) -> UnsafeRawBufferPointer {
        while true {
            if end > start, let base = buffer.baseAddress,
               let found = memchr(base + start, 0x0A, end - start) {
                let lineEnd = base.distance(to: found)
                let line = UnsafeRawBufferPointer(start: base + start, count: lineEnd - start)
                start = lineEnd + 1
                return line
            }
            try fill()
        }
    }

    private func fill() throws(BenchError) {
        if start > 0 {
            let pending = end - start
            if pending > 0 { memmove(buffer.baseAddress!, buffer.baseAddress! + start, pending) }
            start = 0
            end = pending
        }
        if end == buffer.count {
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
            bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<end]))
            buffer.deallocate()
            buffer = bigger
        }
        while true {
            // Waits in poll(POLLIN), not in a blocking read: a reader blocked in read() on
            // a Unix socket is woken each time the daemon consumes one of its requests (the
            // kernel's write-space wake-up is not filtered by event for it) and goes back to
            // sleep, a wasted context switch per request that the daemon pays inside its own
            // read(). poll's wake-ups are filtered (POLLOUT does not wake a POLLIN waiter),
            // as are epoll's, which redis-benchmark waits in.
            let n = recv(fd, buffer.baseAddress! + end, buffer.count - end, Int32(MSG_DONTWAIT))
            if n > 0 {
                end += n
                return
            }
            if n == 0 { throw BenchError("the daemon closed the connection") }
            if errno == EAGAIN || errno == EWOULDBLOCK {
                var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                if poll(&waiting, 1, -1) < 0, errno != EINTR { throw .system("poll") }
                continue
            }
            if errno != EINTR { throw .system("read") }
        }
    }
}

/// The one check a load client makes on a reply.
enum ReplyCheck {
    private static let ok = Array(#""ok":true"#.utf8)

    /// Whether `line` holds `"ok":true`.
    static func isSuccess(_ line: UnsafeRawBufferPointer) -> Bool {
        let n = ok.count
        guard line.count >= n else { return false }
        for i in 0...(line.count - n) where line[i] == 0x22 {
            var j = 1
            while j < n && line[i + j] == ok[j] { j += 1 }
            if j == n { return true }
        }
        return false
    }
}
