import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// What `LogRepair.run` did.
public struct RepairReport: Sendable, Hashable, CustomStringConvertible {
    /// Whether anything was cut.
    public var repaired: Bool
    /// The last record kept.
    public var lastGoodSeq: UInt64
    /// The highest seq the damaged log still showed (from `verify`), so `lostEvents` is
    /// at least what was visibly lost.
    public var lastSeqBefore: UInt64
    /// Events cut off (at least; a damaged record's seq cannot be read).
    public var lostEvents: UInt64 { lastSeqBefore > lastGoodSeq ? lastSeqBefore - lastGoodSeq : 0 }
    /// Files written with the cut bytes (`*.broken`), kept for forensics.
    public var brokenFiles: [String]
    /// Where the log was cut.
    public var cutSegment: String?
    /// Byte offset of the cut in `cutSegment`.
    public var cutOffset: Int64?
    /// State snapshots removed because they covered events after the cut.
    public var removedSnapshots: [String] = []

    public var description: String {
        guard repaired else { return "nothing to repair: the log has no corruption (a torn tail is repaired by danvand on start)" }
        return "cut the log at \(cutSegment ?? "?")@\(cutOffset ?? 0) after seq \(lastGoodSeq); \(lostEvents) event(s) lost; the cut bytes are in \(brokenFiles.joined(separator: ", "))"
            + (removedSnapshots.isEmpty ? "" : "; removed \(removedSnapshots.count) state snapshot(s) beyond the cut")
    }
}

/// `danvand repair`: the explicit, never automatic, way out of a corrupted log.
///
/// The log is cut right after the last record that is good and in sequence from the
/// start; the bytes after it (the rest of that segment, and every later segment) are
/// moved to `.broken` files beside the log, never deleted, so that a person can still
/// recover facts from them by hand. Everything is fsynced before it returns. Run it on a
/// stopped daemon (it takes the directory lock) and only after taking a copy: events
/// after the cut are lost to the log.
public enum LogRepair {
    /// Repairs `directory`; the caller holds its `DirectoryLock`.
    public static func run(directory: String, fileSystem: any StorageFileSystem = POSIXFileSystem()) throws(StorageError) -> RepairReport {
        let verify = LogVerifier.verify(directory: directory, fileSystem: fileSystem)
        var report = RepairReport(repaired: false, lastGoodSeq: verify.lastSeq ?? 0, lastSeqBefore: verify.lastSeq ?? 0, brokenFiles: [])
        guard verify.hasCorruption else { return report }

        let names = try SegmentFiles.list(directory: directory, fileSystem: fileSystem)
        var expected: UInt64 = 1
        var cut: (index: Int, offset: Int64)?
        for (index, entry) in names.enumerated() {
            let path = directory + "/" + entry.name
            if entry.firstSeq != expected {
                cut = (index, 0)
                break
            }
            do {
                let file = try fileSystem.open(path, mode: .readOnly)
                defer { file.close() }
                let size = try file.size()
                let header = try SegmentFiles.readPrefix(file, count: LogFormat.segmentHeaderSize)
                if header.withUnsafeBytes({ LogFormat.headerProblem($0) }) != nil {
                    cut = (index, 0)
                    break
                }
                let reader = SegmentReader(file: file, from: Int64(LogFormat.segmentHeaderSize), limit: size)
                let scan = try SegmentScan.run(reader: reader, expectedSeq: expected) { _, _ in }
                expected = scan.lastGoodSeq &+ 1
                if case .end = scan.stop { continue }
                cut = (index, scan.goodEnd)
                break
            } catch {
                throw StorageError.ioError("reading \(path) failed", path: path, errno: error)
            }
        }
        guard let cut else { return report }
        report.repaired = true
        report.lastGoodSeq = expected &- 1
        report.cutSegment = names[cut.index].name
        report.cutOffset = cut.offset

        // The damaged segment: copy its tail to .broken, then truncate it (or move it
        // whole when nothing of it is good).
        let damaged = directory + "/" + names[cut.index].name
        if cut.offset <= Int64(LogFormat.segmentHeaderSize) {
            try moveAside(damaged, fileSystem: fileSystem, report: &report)
        } else {
            try copyTail(of: damaged, from: cut.offset, fileSystem: fileSystem, report: &report)
        }
        for later in names[(cut.index + 1)...] {
            try moveAside(directory + "/" + later.name, fileSystem: fileSystem, report: &report)
        }
        // A snapshot of state beyond the cut describes events the log no longer holds.
        report.removedSnapshots = SnapshotFile.removeBeyond(report.lastGoodSeq, directory: directory, fileSystem: fileSystem)
        do {
            try fileSystem.synchronizeDirectory(directory)
        } catch {
            throw StorageError.syncFailed(path: directory, errno: error)
        }
        return report
    }

    private static func copyTail(of path: String, from offset: Int64, fileSystem: any StorageFileSystem, report: inout RepairReport) throws(StorageError) {
        do {
            let file = try fileSystem.open(path, mode: .readWrite)
            defer { file.close() }
            let size = try file.size()
            let tail = try SegmentFiles.readFully(file, count: Int(size - offset), at: offset)
            let brokenPath = path + ".broken"
            let broken = try fileSystem.open(brokenPath, mode: .createNew)
            defer { broken.close() }
            try SegmentFiles.writeFully(broken, tail, at: 0)
            try SegmentFiles.synchronize(broken, dataOnly: false)
            try file.truncate(to: offset)
            try SegmentFiles.synchronize(file, dataOnly: false)
            report.brokenFiles.append(brokenPath)
        } catch let error as StorageError {
            throw error
        } catch let error as Errno {
            throw StorageError.ioError("cutting \(path) failed", path: path, errno: error)
        } catch {
            throw StorageError.ioError("cutting \(path) failed: \(error)", path: path, errno: .ioError)
        }
    }

    private static func moveAside(_ path: String, fileSystem: any StorageFileSystem, report: inout RepairReport) throws(StorageError) {
        let brokenPath = path + ".broken"
        guard rename(path, brokenPath) == 0 else {
            throw StorageError.ioError("moving \(path) aside failed", path: path, errno: Errno(rawValue: errno))
        }
        report.brokenFiles.append(brokenPath)
    }
}
