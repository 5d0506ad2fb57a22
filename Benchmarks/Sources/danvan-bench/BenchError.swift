#if canImport(Glibc)
import Glibc
#endif

/// A failure that ends a scenario: what went wrong, for a person.
struct BenchError: Error, CustomStringConvertible {
    /// What went wrong.
    var description: String

    init(_ description: String) {
        self.description = description
    }

    /// The failure of the system call `call`, with `errno`'s text.
    static func system(_ call: String) -> BenchError {
        BenchError("\(call): \(String(cString: strerror(errno)))")
    }
}
