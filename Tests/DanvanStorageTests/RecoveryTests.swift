import Foundation
import Testing

@testable import DanvanStorage

/// Recovery on open: torn tails are cut off and reported, everything else
/// that is damaged is refused without touching the files.
///
/// Most tests use 40-byte payloads (64-byte records) and 4 KiB segments:
/// 63 records per segment, so records 1...70 make segment 1 (seqs 1-63) and
/// segment 64 (seqs 64-70).
@Suite struct RecoveryTests {
    static let segmentSize = 4096
    static let recordBytes = 64
    static let first = "00000000000000000001.dvlog"
    static let second = "00000000000000000064.dvlog"

    /// Offset of the `index`-th record (0-based) of a segment of 64-byte records.
    static func offset(ofRecord index: Int) -> Int { 16 + index * recordBytes }

    /// A closed log of records 1...count in 4 KiB segments.
    static func makeLog(count: UInt64 = 70) throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try writeLog(directory, makeRecords(1...count), segmentSize: segmentSize, batchSize: 9)
        return directory
    }

    static func open(_ directory: TemporaryDirectory) throws -> (log: SegmentedLog, truncations: [TruncationReport]) {
        try openLog(directory, segmentSize: segmentSize)
    }

    /// Opens, expecting `code`; checks that no file changed.
    static func expectRefused(
        _ directory: TemporaryDirectory,
        _ code: StorageError.Code,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> StorageError? {
        let before = try directory.contents()
        let error = expectStorageError(code, sourceLocation: sourceLocation) { _ = try open(directory) }
        #expect(try directory.contents() == before, "a refused open modified files", sourceLocation: sourceLocation)
        #expect(error?.isCorruption == true, sourceLocation: sourceLocation)
        return error
    }

    @Test func tornLastRecordIsDroppedAtEveryCutOffset() throws {
        let directory = try Self.makeLog()
        let path = directory.file(Self.second)
        let original = try readBytes(path)
        let lastStart = Self.offset(ofRecord: 6)
        #expect(original.count == lastStart + Self.recordBytes)
        let replacement = PendingRecord(seq: 70, recordedAtMicros: 1, payload: Array("written after recovery".utf8))

        for cut in lastStart..<original.count {
            try writeBytes(Array(original[0..<cut]), to: path)
            let (log, truncations) = try Self.open(directory)
            #expect(log.lastSeq == 69, "cut at \(cut)")
            if cut == lastStart {
                #expect(truncations.isEmpty, "a clean end is not a torn tail")
            } else {
                #expect(truncations.count == 1, "cut at \(cut)")
                #expect(truncations.first?.segment == path)
                #expect(truncations.first?.offset == Int64(lastStart))
                #expect(truncations.first?.bytesDropped == Int64(cut - lastStart))
            }
            #expect(log.recoveryReport.truncations == truncations)
            #expect(try fileSize(path) == lastStart)

            try log.append([replacement])
            try log.sync()
            log.close()
            let (reopened, again) = try Self.open(directory)
            #expect(again.isEmpty)
            #expect(try reopened.snapshot().records() == makeRecords(1...69) + [replacement])
            reopened.close()
        }
    }

    @Test func trailingZeroBytesAreTruncated() throws {
        for zeros in [1, 10, 24, 100, 5000] {
            let directory = try Self.makeLog()
            let path = directory.file(Self.second)
            let end = try fileSize(path)
            try writeBytes(try readBytes(path) + [UInt8](repeating: 0, count: zeros), to: path)

            let (log, truncations) = try Self.open(directory)
            #expect(log.lastSeq == 70, "\(zeros) zeros")
            #expect(truncations == [
                TruncationReport(
                    segment: path, offset: Int64(end), bytesDropped: Int64(zeros), reason: truncations.first?.reason ?? ""
                )
            ])
            #expect(try fileSize(path) == end)
            try log.append(makeRecords(71...71))
            try log.sync()
            #expect(try log.snapshot().records() == makeRecords(1...71))
        }
    }

    @Test func damageInTheLastRecordOfTheLogIsATornTail() throws {
        // Indistinguishable from a torn write: cut off and reported, by design.
        let directory = try Self.makeLog()
        try flipBit(in: directory.file(Self.second), at: Self.offset(ofRecord: 6) + 30)
        let (log, truncations) = try Self.open(directory)
        #expect(log.lastSeq == 69)
        #expect(truncations.count == 1)
        #expect(truncations.first?.offset == Int64(Self.offset(ofRecord: 6)))
    }

    @Test func flippedBitInTheMiddleOfTheLastSegmentIsCorruption() throws {
        let directory = try Self.makeLog(count: 10)
        let path = directory.file(Self.first)
        try flipBit(in: path, at: Self.offset(ofRecord: 4) + 30)  // payload of seq 5
        let error = try Self.expectRefused(directory, .corrupted)
        #expect(error?.path == path)
        #expect(error?.offset == Int64(Self.offset(ofRecord: 4)))
        #expect(error?.message.contains(path) == true)
    }

    @Test func flippedBitInALengthFieldIsCorruption() throws {
        let directory = try Self.makeLog(count: 10)
        let path = directory.file(Self.first)
        try flipBit(in: path, at: Self.offset(ofRecord: 4) + 2, bit: 7)  // length now runs past the end
        let error = try Self.expectRefused(directory, .corrupted)
        #expect(error?.offset == Int64(Self.offset(ofRecord: 4)))
    }

    @Test func flippedBitInANonLastSegmentIsCorruption() throws {
        let directory = try Self.makeLog()
        let path = directory.file(Self.first)
        // The last record of the first segment: at the end of the last segment
        // this would be a torn tail; here it cannot be.
        try flipBit(in: path, at: Self.offset(ofRecord: 62) + 12)
        let error = try Self.expectRefused(directory, .corrupted)
        #expect(error?.path == path)
        #expect(error?.offset == Int64(Self.offset(ofRecord: 62)))
    }

    @Test func truncatedNonLastSegmentIsCorruption() throws {
        let directory = try Self.makeLog()
        let path = directory.file(Self.first)
        let bytes = try readBytes(path)
        try writeBytes(Array(bytes.dropLast(10)), to: path)
        let error = try Self.expectRefused(directory, .corrupted)
        #expect(error?.offset == Int64(Self.offset(ofRecord: 62)))
    }

    @Test func validRecordWithDuplicateSeqIsCorruption() throws {
        let directory = try Self.makeLog(count: 10)
        let path = directory.file(Self.first)
        var bytes = try readBytes(path)
        let duplicate = RecordBatch(makeRecords(4...4)).bytes  // correct CRC, seq 4 again
        let start = Self.offset(ofRecord: 4)
        bytes.replaceSubrange(start..<(start + Self.recordBytes), with: duplicate)
        try writeBytes(bytes, to: path)
        let error = try Self.expectRefused(directory, .corrupted)
        #expect(error?.offset == Int64(start))
        #expect(error?.message.contains("duplicate") == true)
    }

    @Test func missingMiddleSegmentIsASequenceGap() throws {
        let directory = try Self.makeLog(count: 200)  // segments 1, 64, 127, 190
        try FileManager.default.removeItem(atPath: directory.file(Self.second))
        let error = try Self.expectRefused(directory, .corrupted)
        #expect(error?.path == directory.file("00000000000000000127.dvlog"))
        #expect(error?.offset == 0)
        #expect(error?.message.contains("gap") == true)
    }

    @Test func missingFirstSegmentIsCorruption() throws {
        let directory = try Self.makeLog()
        try FileManager.default.removeItem(atPath: directory.file(Self.first))
        let error = try Self.expectRefused(directory, .corrupted)
        #expect(error?.path == directory.file(Self.second))
    }

    @Test func emptySegmentThatIsNotLastIsCorruption() throws {
        let directory = try Self.makeLog(count: 63)  // exactly one full segment
        try writeBytes(LogFormat.segmentHeader, to: directory.file(Self.second))
        try writeBytes(
            LogFormat.segmentHeader + RecordBatch(makeRecords(65...65)).bytes,
            to: directory.file("00000000000000000065.dvlog")
        )
        let error = try Self.expectRefused(directory, .corrupted)
        #expect(error?.path == directory.file(Self.second))
    }

    @Test func headerOnlyLastSegmentIsFine() throws {
        let directory = try Self.makeLog()
        let path = directory.file("00000000000000000071.dvlog")
        try writeBytes(LogFormat.segmentHeader, to: path)
        let (log, truncations) = try Self.open(directory)
        #expect(truncations.isEmpty)
        #expect(log.lastSeq == 70)
        #expect(log.segmentCount == 3)
        try log.append(makeRecords(71...71))
        try log.sync()
        #expect(try fileSize(path) == 16 + Self.recordBytes)
        #expect(try directory.segmentPaths().count == 3)
        #expect(try log.snapshot().records() == makeRecords(1...71))
    }

    @Test func incompleteLastSegmentHeaderIsRewritten() throws {
        let cases: [[UInt8]] = [[], Array(LogFormat.segmentHeader[0..<5]), [UInt8](repeating: 0, count: 16)]
        for content in cases {
            let directory = try Self.makeLog()
            let path = directory.file("00000000000000000071.dvlog")
            try writeBytes(content, to: path)
            let (log, truncations) = try Self.open(directory)
            #expect(log.lastSeq == 70)
            #expect(truncations.count == 1)
            #expect(truncations.first?.segment == path)
            #expect(truncations.first?.offset == 0)
            #expect(truncations.first?.bytesDropped == Int64(content.count))
            #expect(try readBytes(path) == LogFormat.segmentHeader)
            try log.append(makeRecords(71...71))
            try log.sync()
            log.close()
            let (reopened, again) = try Self.open(directory)
            #expect(again.isEmpty)
            #expect(try reopened.snapshot().records() == makeRecords(1...71))
        }
    }

    @Test func garbageLastSegmentHeaderIsRefused() throws {
        let directory = try Self.makeLog()
        try writeBytes(Array("NOT A DANVAN LOG".utf8), to: directory.file("00000000000000000071.dvlog"))
        let error = try Self.expectRefused(directory, .badHeader)
        #expect(error?.path == directory.file("00000000000000000071.dvlog"))
    }

    @Test func badMagicOrVersionInFirstSegmentIsRefused() throws {
        for (offset, bit) in [(0, 1), (8, 1), (12, 0)] {  // magic, version, reserved
            let directory = try Self.makeLog()
            try flipBit(in: directory.file(Self.first), at: offset, bit: bit)
            let error = try Self.expectRefused(directory, .badHeader)
            #expect(error?.path == directory.file(Self.first))
        }
    }

    @Test func lastSegmentNamedPastTheNextSeqIsAGap() throws {
        let directory = try Self.makeLog()
        try writeBytes(LogFormat.segmentHeader, to: directory.file("00000000000000000080.dvlog"))
        let error = try Self.expectRefused(directory, .corrupted)
        #expect(error?.path == directory.file("00000000000000000080.dvlog"))
    }

    @Test func unrelatedFilesAreIgnored() throws {
        let directory = try Self.makeLog()
        try writeBytes([1, 2, 3], to: directory.file("notes.txt"))
        try writeBytes([1, 2, 3], to: directory.file("00000000000000000071.dvlog.bak"))
        let (log, truncations) = try Self.open(directory)
        #expect(truncations.isEmpty)
        #expect(log.lastSeq == 70)
    }
}
