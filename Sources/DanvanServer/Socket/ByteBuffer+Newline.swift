import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension ByteBuffer {
    /// Where the first `\n` is among the readable bytes, counted from the reader index,
    /// looking from `offset` on; nil when there is none.
    ///
    /// `memchr` reads a 512-event request (~80 KiB) word by word; the per-byte iteration of
    /// `readableBytesView.firstIndex(of:)` it replaces was ~3% of danvand's CPU under batches.
    func firstNewline(from offset: Int = 0) -> Int? {
        withUnsafeReadableBytes { bytes in
            guard offset < bytes.count, let base = bytes.baseAddress else { return nil }
            guard let hit = memchr(base + offset, Int32(UInt8(ascii: "\n")), bytes.count - offset) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
    }
}
