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

    /// Zeros after the last record are the writer's room (`SpaceReservation`), not a
    /// torn tail: nothing is cut or reported, and the next record goes over them.
    @Test func trailingZeroBytesAreRoomNotATornTail() throws {
        for zeros in [1, 10, 24, 100, 5000] {
            let directory = try Self.makeLog()
            let path = directory.file(Self.second)
            let end = try fileSize(path)
            try writeBytes(try readBytes(path) + [UInt8](repeating: 0, count: zeros), to: path)

            let (log, truncations) = try Self.open(directory)
            #expect(log.lastSeq == 70, "\(zeros) zeros")
            #expect(truncations.isEmpty, "\(zeros) zeros")
            #expect(try fileSize(path) == end + zeros)
            try log.append(makeRecords(71...71))
            try log.sync()
            #expect(try log.snapshot().records() == makeRecords(1...71))
            log.close()
            let (reopened, again) = try Self.open(directory)
            #expect(again.isEmpty)
            #expect(try reopened.snapshot().records() == makeRecords(1...71))
            #expect(try fileSize(path) == max(end + zeros, end + Self.recordBytes))
            reopened.close()
        }
    }

    /// A torn record followed by the writer's room: the record is cut off as a torn
    /// tail (with the room after it), and the log goes on from there.
    @Test func tornRecordBeforeTheRoomIsATornTail() throws {
        let directory = try Self.makeLog()
        let path = directory.file(Self.second)
        var bytes = try readBytes(path)
        let lastStart = Self.offset(ofRecord: 6)
        bytes.replaceSubrange((lastStart + 30)..<bytes.count, with: [UInt8](repeating: 0, count: bytes.count - lastStart - 30))
        try writeBytes(bytes + [UInt8](repeating: 0, count: 4000), to: path)
        let (log, truncations) = try Self.open(directory)
        #expect(log.lastSeq == 69)
        #expect(truncations.count == 1)
        #expect(truncations.first?.offset == Int64(lastStart))
        #expect(try fileSize(path) == lastStart)
    }

    /// Zeros where a record was, with valid records after them, are damage, not
    /// room: refused like any other damage followed by a valid record.
    @Test func zerosFollowedByAValidRecordAreCorruption() throws {
        let directory = try Self.makeLog(count: 10)
        let path = directory.file(Self.first)
        var bytes = try readBytes(path)
        let start = Self.offset(ofRecord: 4)
        bytes.replaceSubrange(start..<(start + Self.recordBytes), with: [UInt8](repeating: 0, count: Self.recordBytes))
        try writeBytes(bytes, to: path)
        let error = try Self.expectRefused(directory, .corrupted)
        #expect(error?.offset == Int64(start))
    }

    /// Zeros after the last record of a sealed segment are its end too: they hold no
    /// record, and the seq chain to the next segment is whole.
    @Test func zerosAfterASealedSegmentAreItsEnd() throws {
        let directory = try Self.makeLog()
        let path = directory.file(Self.first)
        try writeBytes(try readBytes(path) + [UInt8](repeating: 0, count: 300), to: path)
        let (log, truncations) = try Self.open(directory)
        #expect(truncations.isEmpty)
        #expect(try log.snapshot().records() == makeRecords(1...70))
    }

    /// A spare file renamed into place by a roll, with the room reserved in it, and
    /// the crash before its header was written: an incomplete segment, rewritten.
    @Test func zeroFilledNewSegmentIsAnInterruptedStart() throws {
        for header in [[UInt8](), Array(LogFormat.segmentHeader[0..<5])] {
            let directory = try Self.makeLog(count: 63)
            let path = directory.file(Self.second)
            try writeBytes(header + [UInt8](repeating: 0, count: 5000 - header.count), to: path)
            let (log, truncations) = try Self.open(directory)
            #expect(log.lastSeq == 63)
            #expect(truncations.count == 1)
            #expect(truncations.first?.segment == path)
            #expect(try fileSize(path) == 16)
            try log.append(makeRecords(64...64))
            try log.sync()
            #expect(try log.snapshot().records() == makeRecords(1...64))
            log.close()
        }
    }

    /// A new segment whose header is damaged before zeros is not an interrupted start.
    @Test func damagedHeaderBeforeZerosIsRefused() throws {
        let directory = try Self.makeLog(count: 63)
        let path = directory.file(Self.second)
        try writeBytes(Array("DANVANXX".utf8) + [UInt8](repeating: 0, count: 4000), to: path)
        _ = try Self.expectRefused(directory, .badHeader)
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
