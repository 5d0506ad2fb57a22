#if canImport(Glibc)
import Glibc
#endif

/// Names the calling thread for the kernel (`/proc/PID/task/*/comm`), which `top -H`, `ps -L`,
/// perf and gdb show.
///
/// Foundation's `Thread.name` does not reach the kernel on Linux here: danvand's own threads
/// showed up as `oot.default-qos`, the tail of the name of the dispatch thread that started
/// them, which hid the commit thread from an operator reading `top -H` or a profile. Swift's
/// Glibc module does not export `pthread_setname_np` (a GNU extension), so the name is
/// written where that function writes it, `/proc/thread-self/comm`.
enum ThreadName {
    /// Sets the calling thread's name; Linux keeps the first 15 bytes. Best effort: a
    /// failure (no /proc) leaves the name as it was.
    static func set(_ name: String) {
        #if os(Linux)
        let fd = open("/proc/thread-self/comm", O_WRONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array(name.utf8.prefix(15))
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        #endif
    }
}
