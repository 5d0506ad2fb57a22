#if canImport(Glibc)
import Glibc
#endif

/// A subscription on danvand's Unix socket, read with blocking calls: run them off the
/// cooperative pool (`Shipper` uses NIO's thread pool), one call at a time.
///
/// It reads only when asked (`readEvents`), so while a batch is being written nothing is read:
/// the socket's buffer fills and danvand, which keeps no queue for a subscriber, simply stops
/// sending to it: a slow database slows the subscription, never danvand's appends.
public final class DanvandSubscription: @unchecked Sendable {
    // @unchecked: its state is used by one caller at a time (the shipper awaits each call).
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    /// The socket path.
    public let path: String

    /// Connects to `path` and sends `subscribe` from `fromSeq`; returns after danvand's reply.
    public init(path: String, fromSeq: Int64) throws(SubscriptionError) {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SubscriptionError("socket(): \(String(cString: strerror(errno)))") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            _ = Glibc.close(fd)
            throw SubscriptionError("socket path too long: \(path)")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (i, b) in bytes.enumerated() { raw[i] = b }
        }
        let rc = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if rc != 0 {
            let message = String(cString: strerror(errno))
            _ = Glibc.close(fd)
            throw SubscriptionError("cannot connect to \(path): \(message); is danvand running?")
        }
        try send(Array("{\"id\":\"ship\",\"op\":\"subscribe\",\"fromSeq\":\(fromSeq)}\n".utf8))
    }

    deinit { close() }

    /// Closes the connection (ends the subscription).
    public func close() {
        if fd >= 0 { _ = Glibc.close(fd) }
        fd = -1
    }

    private func send(_ bytes: [UInt8]) throws(SubscriptionError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SubscriptionError("sending to \(path): \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    /// Up to `max` lines: those already received, or else waits up to `idleMilliseconds` for
    /// the first one (none then: an empty array, so the caller can check for a stop).
    /// Throws when danvand closed the connection or it broke.
    public func readLines(max: Int, idleMilliseconds: Int32) throws(SubscriptionError) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var waited = false
        while lines.count < max {
            if let line = nextBufferedLine() {
                lines.append(line)
                continue
            }
            // Nothing whole in the buffer: take what the socket has now; wait only for the first line.
            let timeout: Int32 = lines.isEmpty && !waited ? idleMilliseconds : 0
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                throw SubscriptionError("poll on \(path): \(String(cString: strerror(errno)))")
            }
            if ready == 0 {
                if lines.isEmpty && !waited { waited = true; continue }
                break
            }
            try fill()
        }
        return lines
    }

    private func nextBufferedLine() -> [UInt8]? {
        guard let nl = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        let line = Array(buffer[start..<nl])
        start = nl + 1
        if start > 1 << 20 || start == buffer.count {
            buffer.removeSubrange(..<start)
            start = 0
        }
        return line
    }

    private func fill() throws(SubscriptionError) {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SubscriptionError("reading from \(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { throw SubscriptionError("danvand closed the connection on \(path)") }
            buffer.append(contentsOf: chunk[..<n])
            return
        }
    }
}

/// The subscription failed: danvand is not there, closed, or the connection broke.
public struct SubscriptionError: Error, Equatable, CustomStringConvertible {
    /// What happened.
    public let description: String
    /// An error.
    public init(_ description: String) { self.description = description }
}
