#if canImport(Glibc)
import Glibc
#endif

/// Lines from a file descriptor as they arrive, so a script can be piped in slowly.
struct LineReader {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var done = false

    init(fd: Int32) { self.fd = fd }

    /// The next line without its newline, nil at the end.
    mutating func next() -> String? {
        while true {
            if let nl = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<nl], as: UTF8.self)
                buffer.removeSubrange(...nl)
                return line
            }
            if done {
                guard !buffer.isEmpty else { return nil }
                let line = String(decoding: buffer, as: UTF8.self)
                buffer.removeAll()
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 14)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { done = true; continue }
            buffer.append(contentsOf: chunk[..<n])
        }
    }
}
