import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive lock on a state directory, so two danvand processes never
/// write the same log.
///
/// The lock is `flock(LOCK_EX | LOCK_NB)` on `<directory>/LOCK`. flock locks
/// belong to the open file description, so they are released by the kernel
/// when the process dies however it dies (no stale lock files to clean up),
/// and two `DirectoryLock`s in one process conflict too. The LOCK file itself
/// is never removed: removing it would let a second process lock a new inode
/// while the first still holds the old one.
///
/// Sendable so the daemon can keep it wherever its lifetime is managed;
/// `release()` may be called from any thread, once or more.
public final class DirectoryLock: Sendable {
    /// The locked state directory.
    public let directory: String

    /// The path of the lock file, `<directory>/LOCK`.
    public let lockPath: String

    private let descriptor: Locked<Int32>

    private init(directory: String, lockPath: String, descriptor: Int32) {
        self.directory = directory
        self.lockPath = lockPath
        self.descriptor = Locked(descriptor)
    }

    deinit {
        release()
    }

    /// Creates `directory` (mode 0750) if it is missing, and takes its lock.
    ///
    /// Throws `.locked` at once, without waiting, when another holder has it:
    /// waiting would hide a second daemon started by mistake.
    public static func acquire(directory: String) throws(StorageError) -> DirectoryLock {
        let lockPath = directory + "/LOCK"
        do {
            try POSIXFileSystem().createDirectory(directory)
        } catch {
            throw StorageError.ioError("creating state directory", path: directory, errno: error)
        }
        let fd: Int32
        do {
            fd = try retryingOnInterrupt { systemOpen(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o640) }
        } catch {
            throw StorageError.ioError("opening lock file", path: lockPath, errno: error)
        }
        do {
            _ = try retryingOnInterrupt { flock(fd, LOCK_EX | LOCK_NB) }
        } catch {
            _ = systemClose(fd)
            if error == .wouldBlock { throw StorageError.locked(path: lockPath) }
            throw StorageError.ioError("locking", path: lockPath, errno: error)
        }
        return DirectoryLock(directory: directory, lockPath: lockPath, descriptor: fd)
    }

    /// Releases the lock (closing the descriptor drops the flock). Idempotent;
    /// also done on deinit.
    public func release() {
        descriptor.withLock { fd in
            if fd >= 0 {
                _ = systemClose(fd)
                fd = -1
            }
        }
    }

    /// Whether this object still holds the lock.
    public var isHeld: Bool {
        descriptor.withLock { $0 >= 0 }
    }
}
