extension String {
    /// Runs `body` on the string's UTF-8 bytes, in place for native strings (every string this
    /// module creates), copying only for bridged or otherwise non-contiguous ones.
    ///
    /// The writer, the encoder and the number checks all work on bytes; this is their one way in.
    @inline(__always)
    func withUTF8Bytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let result = utf8.withContiguousStorageIfAvailable({ body(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        var copy = self
        return copy.withUTF8 { body(UnsafeRawBufferPointer($0)) }
    }
}
