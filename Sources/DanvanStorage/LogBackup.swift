import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// What a backup copied.
public struct BackupReport: Sendable, Hashable {
    /// The directory written.
    public var directory: String
    /// The last seq in the copy.
    public var lastSeq: UInt64
    /// Segment files copied.
    public var segments: Int
    /// Bytes copied.
    public var bytes: Int64
}

extension LogSnapshot {
    /// Copies the log as of this snapshot into `destination` (created, or an existing empty
    /// directory), while the daemon goes on serving, and verifies the copy.
    ///
    /// Consistent without stopping anything because of the log's invariants: sealed
    /// segments never change, and the active one never changes below the durable end the
    /// snapshot holds, so copying each segment up to its end in the snapshot gives exactly
    /// the log at `lastSeq`. Every file and the directory are fsynced; then the copy is
    /// checked with `LogVerifier` and must hold records 1 through `lastSeq` with no problem.
    public func backup(to destination: String) throws(StorageError) -> BackupReport {
        var st = stat()
        if stat(destination, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else {
                throw StorageError.invalidArgument("backup destination \(destination) exists and is not a directory")
            }
            let existing = (try? fileSystem.contentsOfDirectory(destination)) ?? []
            guard existing.isEmpty else {
                throw StorageError.invalidArgument("backup destination \(destination) is not empty; choose a new directory")
            }
        } else {
            do {
                _ = try fileSystem.createDirectory(destination)
            } catch {
                throw StorageError.ioError("creating the backup directory", path: destination, errno: error)
            }
        }
        var bytes: Int64 = 0
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        for i in 0..<segmentCount {
            let segment = segments[i]
            let end = i == segmentCount - 1 ? lastSegmentEnd : segment.endOffset
            let target = destination + "/" + LogFormat.segmentFileName(firstSeq: segment.firstSeq)
            try copySegment(from: segment.path, to: target, end: end, buffer: buffer)
            bytes += end
        }
        do {
            try fileSystem.synchronizeDirectory(destination)
        } catch {
            throw StorageError.syncFailed(path: destination, errno: error)
        }
        let check = LogVerifier.verify(directory: destination, fileSystem: fileSystem)
        guard check.isClean, (check.lastSeq ?? 0) == lastSeq else {
            throw StorageError.corrupted(
                segment: destination, offset: 0,
                reason: "the backup does not verify (\(check.description)); the original log is untouched")
        }
        return BackupReport(directory: destination, lastSeq: lastSeq, segments: segmentCount, bytes: bytes)
    }

    private func copySegment(from path: String, to target: String, end: Int64, buffer: UnsafeMutableRawBufferPointer) throws(StorageError) {
        let source: any StorageFile
        let copy: any StorageFile
        do {
            source = try fileSystem.open(path, mode: .readOnly)
        } catch {
            throw StorageError.ioError("opening \(path) for the backup", path: path, errno: error)
        }
        defer { source.close() }
        do {
            copy = try fileSystem.open(target, mode: .createNew)
        } catch {
            throw StorageError.ioError("creating \(target)", path: target, errno: error)
        }
        defer { copy.close() }
        var offset: Int64 = 0
        while offset < end {
            let want = Int(min(Int64(buffer.count), end - offset))
            let n: Int
            do {
                n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<want]), at: offset)
            } catch {
                throw StorageError.ioError("reading \(path) for the backup", path: path, errno: error)
            }
            guard n > 0 else {
                throw StorageError.ioError("\(path) ended before its durable end", path: path, errno: .ioError)
            }
            try SegmentFiles.writeFully(copy, UnsafeRawBufferPointer(rebasing: buffer[..<n]), at: offset)
            offset += Int64(n)
        }
        try SegmentFiles.synchronize(copy, dataOnly: false)
    }
}
