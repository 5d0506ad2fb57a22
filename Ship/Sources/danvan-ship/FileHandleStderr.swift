#if canImport(Glibc)
import Glibc
#endif

/// Writes to standard error without Foundation.
enum FileHandleStderr {
    /// Writes `text` as is.
    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
