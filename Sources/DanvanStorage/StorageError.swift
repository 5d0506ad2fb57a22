import SystemPackage

/// An error of the storage layer, for a program to branch on (`code`) and for a
/// person to act on (`message`).
///
/// Shaped like swift-service-lifecycle's `ServiceGroupError`: a struct with an
/// extensible `Code` rather than an enum, so adding a code later does not
/// break exhaustive `switch`es in other modules, and so the error can carry
/// context (path, offset, errno) that every code shares.
///
/// Two families need special handling by the caller:
/// - `isFatal` (`.syncFailed`): the process must exit, never retry. See
///   `Code.syncFailed`.
/// - `isCorruption` (`.corrupted`, `.badHeader`): the log refuses to open and
///   has modified nothing; a person must look at the named segment.
public struct StorageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of a `StorageError`, stable across releases: log it, match on
    /// it, map it to exit codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case locked
            case corrupted
            case badHeader
            case syncFailed
            case ioError
            case sequenceGap
            case invalidArgument
            case closed
            case diskFull
        }

        private let base: Base

        private init(_ base: Base) {
            self.base = base
        }

        /// The stable name of the code, e.g. `syncFailed`.
        public var description: String { base.rawValue }

        /// Another process (or another `DirectoryLock` in this one) holds the
        /// state directory's lock. Stop the other danvand or use another
        /// state directory.
        public static let locked = Code(.locked)

        /// A record is damaged and is not a torn tail, or the seq chain is
        /// broken. Nothing was modified. A person must inspect the segment.
        public static let corrupted = Code(.corrupted)

        /// A segment header is damaged or of an unknown format version.
        /// Nothing was modified.
        public static let badHeader = Code(.badHeader)

        /// fsync or fdatasync failed. FATAL: the process must exit and must
        /// not retry the sync. Linux may drop the dirty pages of a failed
        /// writeback and report the error only once, so a second fsync can
        /// return success with the data lost (PostgreSQL's "fsyncgate",
        /// 2018). Records not covered by an earlier successful sync may be
        /// lost; the log in this process refuses every further call, and the
        /// next start recovers from what is really on disk.
        public static let syncFailed = Code(.syncFailed)

        /// A read, write, open, truncate or directory operation failed
        /// (`errno` says why). After a failed write the log refuses further
        /// calls: the active segment may end in a partial record, which the
        /// next start's recovery cuts off.
        public static let ioError = Code(.ioError)

        /// `append` was given a record whose seq is not the next one. Nothing
        /// was written; the log is still usable.
        public static let sequenceGap = Code(.sequenceGap)

        /// A parameter is out of range (segment size too small, payload too
        /// large). Nothing was written; the log is still usable.
        public static let invalidArgument = Code(.invalidArgument)

        /// The log was closed; open it again to continue.
        public static let closed = Code(.closed)

        /// `SegmentedLog.reserve` found no room for the records on the state
        /// directory's file system (ENOSPC or EDQUOT while reserving). Nothing
        /// was written and the log is still usable: free space and retry.
        /// Only reservations report this; an ENOSPC from a write is an
        /// `.ioError` (fatal to the writer, like any write failure).
        public static let diskFull = Code(.diskFull)
    }

    /// What went wrong, for programs.
    public let code: Code

    /// The operating system's error, when a system call failed.
    public let errno: Errno?

    /// The file or directory concerned, when there is one.
    public let path: String?

    /// The byte offset inside `path` where the problem is, for corruption.
    public let offset: Int64?

    /// What went wrong and what to do about it, for a person.
    public let message: String

    /// Builds an error from its parts; prefer the named constructors below.
    public init(code: Code, message: String, path: String? = nil, offset: Int64? = nil, errno: Errno? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.offset = offset
        self.errno = errno
    }

    /// "code: message", the form to log.
    public var description: String { "\(code): \(message)" }

    /// True for `.syncFailed`: the caller must exit without retrying.
    public var isFatal: Bool { code == .syncFailed }

    /// True for `.corrupted` and `.badHeader`: the data on disk is damaged and
    /// a person must decide what to do; nothing was modified.
    public var isCorruption: Bool { code == .corrupted || code == .badHeader }

    /// The lock file `path` is held by another open file description.
    public static func locked(path: String) -> StorageError {
        StorageError(
            code: .locked,
            message: "another danvand holds the lock on \(path); stop it or choose another --state-dir",
            path: path,
            errno: .wouldBlock
        )
    }

    /// Segment `segment` is damaged at `offset` in a way that is not a torn tail.
    public static func corrupted(segment: String, offset: Int64, reason: String) -> StorageError {
        StorageError(
            code: .corrupted,
            message: "log segment \(segment) is corrupted at offset \(offset): \(reason). Nothing was modified and no data was dropped; "
                + "list every damaged record with `danvand verify` (LogVerifier), then restore the segment from a backup before starting again",
            path: segment,
            offset: offset
        )
    }

    /// Segment `segment` has a header this version cannot accept.
    public static func badHeader(segment: String, reason: String) -> StorageError {
        StorageError(
            code: .badHeader,
            message: "log segment \(segment) has a bad header: \(reason). Nothing was modified; "
                + "check that the state directory belongs to this danvan version and restore the segment from a backup if it is damaged",
            path: segment,
            offset: 0
        )
    }

    /// fsync/fdatasync of `path` failed with `errno`.
    public static func syncFailed(path: String, errno: Errno) -> StorageError {
        StorageError(
            code: .syncFailed,
            message: "fsync of \(path) failed: \(errno). Records written since the last successful sync may be lost. "
                + "This is fatal: exit now and do not retry; the next start recovers from what is on disk",
            path: path,
            errno: errno
        )
    }

    /// The system call `operation` on `path` failed with `errno`.
    public static func ioError(_ operation: String, path: String, errno: Errno) -> StorageError {
        StorageError(
            code: .ioError,
            message: "\(operation) of \(path) failed: \(errno)",
            path: path,
            errno: errno
        )
    }

    /// Reserving `bytes` bytes in `path` failed for lack of space.
    public static func diskFull(path: String, bytes: Int64, errno: Errno) -> StorageError {
        StorageError(
            code: .diskFull,
            message: "no space left to reserve \(bytes) bytes for the log in \(path) (\(errno)); nothing was written. "
                + "Free space in the file system of the state directory; the same append can then be retried as is",
            path: path,
            errno: errno
        )
    }

    /// `append` got `got` where `expected` was the next seq.
    public static func sequenceGap(expected: UInt64, got: UInt64) -> StorageError {
        StorageError(
            code: .sequenceGap,
            message: "append got seq \(got) but the next seq of the log is \(expected); nothing was written (records must have consecutive seqs)"
        )
    }

    /// A parameter was out of range.
    public static func invalidArgument(_ reason: String) -> StorageError {
        StorageError(code: .invalidArgument, message: reason)
    }

    /// The log was used after `close()`.
    public static func closed(directory: String) -> StorageError {
        StorageError(code: .closed, message: "the log in \(directory) was closed; open it again", path: directory)
    }
}
