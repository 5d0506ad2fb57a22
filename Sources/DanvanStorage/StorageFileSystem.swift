import SystemPackage

/// One open file of the log, as the log uses it.
///
/// Every byte the writer and the readers move goes through this protocol (and
/// `StorageFileSystem`), so torture tests can inject short writes, EIO and
/// failing fsyncs without touching the log's code. The production
/// implementation is `POSIXFileSystem`'s, which maps each method to one
/// system call.
///
/// A file is used by one thread at a time; it is not `Sendable`.
public protocol StorageFile: AnyObject {
    /// The path the file was opened with, for error messages.
    var path: String { get }

    /// Writes up to `bytes.count` bytes at `offset` (pwrite) and returns how
    /// many were written. May write fewer; the caller loops.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(Errno) -> Int

    /// Reads up to `buffer.count` bytes at `offset` (pread) and returns how
    /// many were read; 0 means end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(Errno) -> Int

    /// The current size of the file in bytes (fstat).
    func size() throws(Errno) -> Int64

    /// Makes the file's data durable: fdatasync when `dataOnly`, fsync
    /// otherwise (use fsync after a size change such as truncate).
    func synchronize(dataOnly: Bool) throws(Errno)

    /// Cuts the file to `size` bytes (ftruncate).
    func truncate(to size: Int64) throws(Errno)

    /// Reserves disk blocks for bytes `offset..<offset + length` and extends
    /// the file over them when it is shorter (`fallocate(fd, 0, ...)`: the
    /// new bytes read as zeros), so that a later write into that range cannot
    /// fail for lack of space. The log reserves ahead of its writer (see
    /// `SegmentedLog.reserve`) so that a full disk refuses an append before it
    /// is admitted, never in the middle of a write other clients' records share.
    ///
    /// Extending the size, not only reserving blocks (`FALLOC_FL_KEEP_SIZE`), is
    /// what makes the log's `fdatasync` cheap: a write inside the file's size
    /// needs no size change made durable with it, and on ext4 here that was 1.4x
    /// the syncs per second of appending past the end (see BENCHMARKS.md). The
    /// zeros after the last record are room, not records (`LogFormat`).
    ///
    /// Throws `.noSpace` (or `.diskQuotaExceeded`) when the space is not
    /// there, `.notSupported` when the file system cannot reserve (then the
    /// log writes without a reservation and an ENOSPC at write time is fatal).
    func allocate(at offset: Int64, length: Int64) throws(Errno)

    /// Closes the file. Errors are ignored: durability is decided by
    /// `synchronize`, never by close.
    func close()
}

/// How `StorageFileSystem.open` opens a file.
public enum StorageOpenMode: Sendable {
    /// An existing file, for reading only.
    case readOnly
    /// An existing file, for reading and writing.
    case readWrite
    /// A new file for reading and writing; fails if the path exists.
    case createNew
}

/// The directory operations of the log, and the factory of its files.
///
/// Sendable because a `LogSnapshot` carries its file system to the reading
/// thread, where it opens the segments it reads.
public protocol StorageFileSystem: Sendable {
    /// Opens `path` as `mode` says.
    func open(_ path: String, mode: StorageOpenMode) throws(Errno) -> any StorageFile

    /// Makes the directory's entries durable (fsync of the directory), so a
    /// created, removed or renamed file survives a crash.
    func synchronizeDirectory(_ path: String) throws(Errno)

    /// The names (not paths) of the entries of directory `path`, without
    /// `.` and `..`, in no particular order.
    func contentsOfDirectory(_ path: String) throws(Errno) -> [String]

    /// Creates directory `path` and any missing parents with mode 0750, and
    /// makes each new entry durable. Returns false if `path` already existed.
    @discardableResult
    func createDirectory(_ path: String) throws(Errno) -> Bool

    /// Renames `source` to `destination` (rename(2), atomic, replacing
    /// nothing the log cares about). The log renames a pre-allocated spare
    /// file into the next segment's name when it rolls; fsync the directory
    /// afterwards to make it durable.
    func rename(_ source: String, to destination: String) throws(Errno)

    /// Removes the file `path` (unlink(2)): spare files left by an earlier run.
    func removeFile(_ path: String) throws(Errno)
}

extension StorageFileSystem {
    /// The POSIX call, for file systems (test doubles) that do not intercept it.
    public func rename(_ source: String, to destination: String) throws(Errno) {
        try POSIXFileSystem().rename(source, to: destination)
    }

    /// The POSIX call, for file systems (test doubles) that do not intercept it.
    public func removeFile(_ path: String) throws(Errno) {
        try POSIXFileSystem().removeFile(path)
    }
}
