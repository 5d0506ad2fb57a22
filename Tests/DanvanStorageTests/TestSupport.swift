import Foundation
import SystemPackage
import Testing

@testable import DanvanStorage

/// A fresh directory under the system temp directory, removed on deinit.
final class TemporaryDirectory {
    let path: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        let path = base + "/danvan-storage-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        self.path = path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `path/name`.
    func file(_ name: String) -> String { path + "/" + name }

    /// The segment files, as full paths, in seq order.
    func segmentPaths() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path)
            .filter { LogFormat.firstSeq(ofSegmentFileName: $0) != nil }
            .sorted()
            .map { file($0) }
    }

    /// The bytes of every file in the directory, to show that a refused open
    /// modified nothing.
    func contents() throws -> [String: [UInt8]] {
        var result: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: path) {
            result[name] = try readBytes(file(name))
        }
        return result
    }
}

func readBytes(_ path: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
}

func writeBytes(_ bytes: [UInt8], to path: String) throws {
    try Data(bytes).write(to: URL(fileURLWithPath: path))
}

func fileSize(_ path: String) throws -> Int {
    try readBytes(path).count
}

/// A deterministic payload for `seq`, so readers can check content without
/// keeping the records.
func payload(seq: UInt64, length: Int) -> [UInt8] {
    var state = seq &* 0x9E37_79B9_7F4A_7C15 &+ 1
    return (0..<length).map { _ in
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return UInt8(truncatingIfNeeded: state)
    }
}

/// Records `seqs` with `length(seq)` payload bytes and time `seq * 1000`.
func makeRecords(_ seqs: ClosedRange<UInt64>, length: (UInt64) -> Int = { _ in 40 }) -> [PendingRecord] {
    seqs.map { PendingRecord(seq: $0, recordedAtMicros: Int64($0) * 1000, payload: payload(seq: $0, length: length($0))) }
}

/// Opens the log, collecting the truncation callbacks.
func openLog(
    _ directory: TemporaryDirectory,
    segmentSize: Int = LogFormat.defaultSegmentSize,
    fileSystem: any StorageFileSystem = POSIXFileSystem()
) throws -> (log: SegmentedLog, truncations: [TruncationReport]) {
    var truncations: [TruncationReport] = []
    let log = try SegmentedLog.open(directory: directory.path, segmentSize: segmentSize, fileSystem: fileSystem) {
        truncations.append($0)
    }
    return (log, truncations)
}

/// Writes `records` in batches of `batchSize`, syncs, closes.
func writeLog(
    _ directory: TemporaryDirectory,
    _ records: [PendingRecord],
    segmentSize: Int = LogFormat.defaultSegmentSize,
    batchSize: Int = 10
) throws {
    let (log, _) = try openLog(directory, segmentSize: segmentSize)
    var index = 0
    while index < records.count {
        let end = min(index + batchSize, records.count)
        try log.append(Array(records[index..<end]))
        index = end
    }
    try log.sync()
    log.close()
}

/// The size of `record` on disk.
func recordSize(_ record: PendingRecord) -> Int {
    LogFormat.recordHeaderSize + record.payload.count
}

/// Flips bit `bit` of byte `offset` of file `path`.
func flipBit(in path: String, at offset: Int, bit: Int = 3) throws {
    var bytes = try readBytes(path)
    bytes[offset] ^= UInt8(1 << bit)
    try writeBytes(bytes, to: path)
}

/// Runs `body`, which must throw a `StorageError`, and returns the error.
func expectStorageError(
    _ code: StorageError.Code,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) -> StorageError? {
    do {
        try body()
        Issue.record("expected StorageError \(code), nothing was thrown", sourceLocation: sourceLocation)
        return nil
    } catch let error as StorageError {
        #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected StorageError \(code), got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// A file system that forwards to POSIX and injects the faults a test asks
/// for: failing syncs, failing writes, short writes.
final class FaultyFileSystem: StorageFileSystem {
    struct Faults {
        /// Fail every file sync from now on.
        var failSyncs = false
        /// Fail every write from now on.
        var failWrites = false
        /// Write at most this many bytes per call.
        var maxWriteChunk = Int.max
        /// Number of writes that were cut short.
        var shortWrites = 0
    }

    let faults = Locked(Faults())
    private let real = POSIXFileSystem()

    func open(_ path: String, mode: StorageOpenMode) throws(Errno) -> any StorageFile {
        FaultyFile(try real.open(path, mode: mode), faults: faults)
    }

    func synchronizeDirectory(_ path: String) throws(Errno) {
        if faults.withLock({ $0.failSyncs }) { throw Errno.ioError }
        try real.synchronizeDirectory(path)
    }

    func contentsOfDirectory(_ path: String) throws(Errno) -> [String] {
        try real.contentsOfDirectory(path)
    }

    func createDirectory(_ path: String) throws(Errno) -> Bool {
        try real.createDirectory(path)
    }

    func rename(_ source: String, to destination: String) throws(Errno) {
        try real.rename(source, to: destination)
    }

    func removeFile(_ path: String) throws(Errno) {
        try real.removeFile(path)
    }
}

final class FaultyFile: StorageFile {
    private let file: any StorageFile
    private let faults: Locked<FaultyFileSystem.Faults>

    init(_ file: any StorageFile, faults: Locked<FaultyFileSystem.Faults>) {
        self.file = file
        self.faults = faults
    }

    var path: String { file.path }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
        let (fail, chunk) = faults.withLock { ($0.failWrites, $0.maxWriteChunk) }
        if fail { throw Errno.ioError }
        if bytes.count > chunk {
            faults.withLock { $0.shortWrites += 1 }
            return try file.write(UnsafeRawBufferPointer(rebasing: bytes[0..<chunk]), at: offset)
        }
        return try file.write(bytes, at: offset)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
        try file.read(into: buffer, at: offset)
    }

    func size() throws(Errno) -> Int64 { try file.size() }

    func synchronize(dataOnly: Bool) throws(Errno) {
        if faults.withLock({ $0.failSyncs }) { throw Errno.ioError }
        try file.synchronize(dataOnly: dataOnly)
    }

    func truncate(to size: Int64) throws(Errno) { try file.truncate(to: size) }

    func allocate(at offset: Int64, length: Int64) throws(Errno) { try file.allocate(at: offset, length: length) }

    func close() { file.close() }
}
