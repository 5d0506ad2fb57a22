#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value that many threads may read at once and one at a time may change: a pthread
/// read-write lock that prefers writers.
///
/// The projection is read by every query, from both event loops at once, and changed only by
/// the commit turn. Behind a `Mutex`, two loops answering `units` (a few KiB of JSON written
/// under the lock) spent about a third of danvand's CPU contending for it — spinning, then
/// sleeping in the kernel's priority-inheritance futex. Readers here do not exclude each
/// other; writers go first once they wait (glibc's default would let a steady stream of
/// queries starve the commit turn, and with it every append).
final class ReadWriteLock<Value>: @unchecked Sendable {
    private let lock: UnsafeMutablePointer<pthread_rwlock_t>
    /// The value in its own allocation: a reader borrows it in place, without copying it out
    /// of a class property (which would retain its buffers from two threads at once).
    private let value: UnsafeMutablePointer<Value>

    init(_ initial: Value) {
        lock = .allocate(capacity: 1)
        lock.initialize(to: pthread_rwlock_t())
        var attributes = pthread_rwlockattr_t()
        pthread_rwlockattr_init(&attributes)
        #if canImport(Glibc)
        pthread_rwlockattr_setkind_np(&attributes, Int32(PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP))
        #endif
        pthread_rwlock_init(lock, &attributes)
        pthread_rwlockattr_destroy(&attributes)
        value = .allocate(capacity: 1)
        value.initialize(to: initial)
    }

    deinit {
        pthread_rwlock_destroy(lock)
        lock.deinitialize(count: 1)
        lock.deallocate()
        value.deinitialize(count: 1)
        value.deallocate()
    }

    /// Runs `body` on the value, beside any other readers (never beside a writer).
    func withReadLock<T, E: Error>(_ body: (borrowing Value) throws(E) -> T) throws(E) -> T {
        pthread_rwlock_rdlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body(value.pointee)
    }

    /// Runs `body` with the value to itself.
    func withWriteLock<T, E: Error>(_ body: (inout Value) throws(E) -> T) throws(E) -> T {
        pthread_rwlock_wrlock(lock)
        defer { pthread_rwlock_unlock(lock) }
        return try body(&value.pointee)
    }
}
