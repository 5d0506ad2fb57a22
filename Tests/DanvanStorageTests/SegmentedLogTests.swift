import Foundation
import Testing

@testable import DanvanStorage

/// Appending, syncing, rolling, reopening and reading, on real files.
@Suite struct SegmentedLogTests {
    @Test func newLogIsEmptyWithOneSegment() throws {
        let directory = try TemporaryDirectory()
        let (log, truncations) = try openLog(directory)
        #expect(log.lastSeq == 0)
        #expect(log.durableSeq == 0)
        #expect(log.segmentCount == 1)
        #expect(log.totalBytes == 16)
        #expect(log.recoveryReport.createdNewLog)
        #expect(truncations.isEmpty)
        #expect(try directory.segmentPaths() == [directory.file("00000000000000000001.dvlog")])
        #expect(try readBytes(directory.file("00000000000000000001.dvlog")) == LogFormat.segmentHeader)
        var called = false
        try log.snapshot().forEach { _ in
            called = true
            return true
        }
        #expect(!called)
    }

    @Test func appendSyncReopenReturnsIdenticalRecords() throws {
        let directory = try TemporaryDirectory()
        let records = makeRecords(1...1000) { seq in Int(seq * 7919 % 301) }
        try writeLog(directory, records, batchSize: 37)

        let (log, truncations) = try openLog(directory)
        #expect(truncations.isEmpty)
        #expect(log.lastSeq == 1000)
        #expect(log.durableSeq == 1000)
        #expect(log.recoveryReport.recordCount == 1000)
        #expect(!log.recoveryReport.createdNewLog)
        let expectedBytes = 16 + records.reduce(0) { $0 + recordSize($1) }
        #expect(log.totalBytes == Int64(expectedBytes))
        #expect(try fileSize(directory.file("00000000000000000001.dvlog")) == expectedBytes)
        #expect(try log.snapshot().records() == records)

        // Appending after reopen continues the sequence.
        try log.append(makeRecords(1001...1001))
        try log.sync()
        #expect(try log.snapshot().records(from: 1000) == [records[999]] + makeRecords(1001...1001))
    }

    @Test func segmentsRollAtConfiguredSizeAndReadsCrossBoundaries() throws {
        let directory = try TemporaryDirectory()
        let segmentSize = 4096
        // 100-byte payloads: 124-byte records, (4096 - 16) / 124 = 32 per segment.
        let records = makeRecords(1...500) { _ in 100 }
        try writeLog(directory, records, segmentSize: segmentSize, batchSize: 7)

        let paths = try directory.segmentPaths()
        #expect(paths.count == 16)  // ceil(500 / 32)
        for (index, path) in paths.enumerated() {
            let firstSeq = UInt64(index * 32 + 1)
            #expect(path == directory.file(LogFormat.segmentFileName(firstSeq: firstSeq)))
            let size = try fileSize(path)
            #expect(size <= segmentSize)
            #expect(size == 16 + 124 * min(32, 500 - index * 32))
        }
        let (log, _) = try openLog(directory, segmentSize: segmentSize)
        #expect(log.segmentCount == 16)
        #expect(try log.snapshot().records() == records)
    }

    @Test func rollingMidBatchKeepsOrder() throws {
        let directory = try TemporaryDirectory()
        let (log, _) = try openLog(directory, segmentSize: 4096)
        let records = makeRecords(1...300) { _ in 100 }
        try log.append(records)  // one batch spanning 10 segments
        #expect(log.segmentCount == 10)
        #expect(log.durableSeq == 288)  // every roll synced the segment it sealed
        #expect(try log.snapshot().records() == Array(records[0..<288]))
        try log.sync()
        #expect(try log.snapshot().records() == records)
    }

    @Test func recordLargerThanSegmentGetsItsOwnSegment() throws {
        let directory = try TemporaryDirectory()
        let (log, _) = try openLog(directory, segmentSize: 4096)
        let small = makeRecords(1...3) { _ in 10 }
        let large = makeRecords(4...4) { _ in 10_000 }
        let after = makeRecords(5...5) { _ in 10 }
        try log.append(small)
        try log.append(large)
        try log.append(after)
        try log.sync()
        let paths = try directory.segmentPaths()
        #expect(paths.map { ($0 as NSString).lastPathComponent } == [
            "00000000000000000001.dvlog", "00000000000000000004.dvlog", "00000000000000000005.dvlog",
        ])
        #expect(try fileSize(paths[1]) == 16 + 24 + 10_000)
        #expect(try log.snapshot().records() == small + large + after)
        log.close()
        let (reopened, _) = try openLog(directory, segmentSize: 4096)
        #expect(try reopened.snapshot().records() == small + large + after)
    }

    @Test func readingFromAnySeqUsesTheSparseIndex() throws {
        let directory = try TemporaryDirectory()
        let records = makeRecords(1...1000) { seq in Int(seq % 50) }
        try writeLog(directory, records, segmentSize: 4096, batchSize: 13)

        let (log, _) = try openLog(directory, segmentSize: 4096)
        let snapshot = log.snapshot()
        #expect(snapshot.index.count == 16)  // seqs 1, 65, ..., 961
        for start in UInt64(1)...1000 {
            var seen: [PendingRecord] = []
            try snapshot.forEach(from: start, through: start + 2) { record in
                seen.append(PendingRecord(seq: record.seq, recordedAtMicros: record.recordedAtMicros, payload: record.payloadBytes))
                return true
            }
            let upper = Int(min(start + 2, 1000))
            #expect(seen == Array(records[Int(start - 1)..<upper]), "from \(start)")
        }
        // Stopping early.
        var count = 0
        try snapshot.forEach(from: 10) { _ in
            count += 1
            return count < 5
        }
        #expect(count == 5)
        // Out of range reads nothing.
        #expect(try snapshot.records(from: 1001).isEmpty)
        #expect(try snapshot.records(from: 0, through: 1) == [records[0]])
    }

    @Test func indexEntriesPointAtTheirRecords() throws {
        let directory = try TemporaryDirectory()
        let (log, _) = try openLog(directory, segmentSize: 4096)
        try log.append(makeRecords(1...700) { seq in Int(seq % 90) })
        try log.sync()
        let snapshot = log.snapshot()
        var checked = 0
        for seq in stride(from: UInt64(1), through: 700, by: 64) {
            let entry = try #require(snapshot.index.entry(atOrBefore: seq + 5))
            #expect(entry.seq == seq)
            let path = directory.file(LogFormat.segmentFileName(firstSeq: entry.segmentFirstSeq))
            let bytes = try readBytes(path)
            let storedSeq = bytes.withUnsafeBytes { RecordHeader($0, at: Int(entry.offset)).seq }
            #expect(storedSeq == seq)
            checked += 1
        }
        #expect(checked == 11)
    }

    @Test func snapshotSeesOnlyDurableRecords() throws {
        let directory = try TemporaryDirectory()
        let (log, _) = try openLog(directory)
        try log.append(makeRecords(1...10))
        try log.sync()
        try log.append(makeRecords(11...15))
        #expect(log.lastSeq == 15)
        #expect(log.durableSeq == 10)
        let before = log.snapshot()
        #expect(before.lastSeq == 10)
        #expect(try before.records().count == 10)
        #expect(try before.records(from: 1, through: 15).count == 10)
        #expect(try log.sync() == 15)
        #expect(try before.records().count == 10)  // a snapshot does not move
        #expect(try log.snapshot().records() == makeRecords(1...15))
    }

    @Test func sequenceGapWritesNothingAndKeepsTheLogUsable() throws {
        let directory = try TemporaryDirectory()
        let (log, _) = try openLog(directory)
        try log.append(makeRecords(1...3))
        let path = directory.file("00000000000000000001.dvlog")
        let size = try fileSize(path)

        _ = expectStorageError(.sequenceGap) { try log.append(makeRecords(5...6)) }
        _ = expectStorageError(.sequenceGap) { try log.append(makeRecords(3...4)) }
        _ = expectStorageError(.sequenceGap) { try log.append(makeRecords(4...5) + makeRecords(7...7)) }
        #expect(try fileSize(path) == size)
        #expect(log.lastSeq == 3)

        try log.append(makeRecords(4...4))
        try log.sync()
        #expect(try log.snapshot().records() == makeRecords(1...4))
    }

    @Test func shortWritesAreCompleted() throws {
        let directory = try TemporaryDirectory()
        let fileSystem = FaultyFileSystem()
        fileSystem.faults.withLock { $0.maxWriteChunk = 7 }
        let (log, _) = try openLog(directory, segmentSize: 4096, fileSystem: fileSystem)
        let records = makeRecords(1...100) { seq in Int(seq) }
        try log.append(records)
        try log.sync()
        #expect(fileSystem.faults.withLock { $0.shortWrites } > 100)
        log.close()
        let (reopened, _) = try openLog(directory, segmentSize: 4096)
        #expect(try reopened.snapshot().records() == records)
    }

    @Test func syncFailureIsFatalForEveryLaterCall() throws {
        let directory = try TemporaryDirectory()
        let fileSystem = FaultyFileSystem()
        let (log, _) = try openLog(directory, fileSystem: fileSystem)
        try log.append(makeRecords(1...5))
        try log.sync()
        try log.append(makeRecords(6...6))
        fileSystem.faults.withLock { $0.failSyncs = true }
        let error = expectStorageError(.syncFailed) { try log.sync() }
        #expect(error?.isFatal == true)
        #expect(error?.errno == .ioError)
        #expect(log.durableSeq == 5)

        // Even with the disk "healthy" again, the log refuses everything.
        fileSystem.faults.withLock { $0.failSyncs = false }
        _ = expectStorageError(.syncFailed) { try log.sync() }
        _ = expectStorageError(.syncFailed) { try log.append(makeRecords(7...7)) }
        #expect(log.snapshot().lastSeq == 5)
    }

    @Test func syncFailureWhileRollingIsFatal() throws {
        let directory = try TemporaryDirectory()
        let fileSystem = FaultyFileSystem()
        let (log, _) = try openLog(directory, segmentSize: 4096, fileSystem: fileSystem)
        try log.append(makeRecords(1...32) { _ in 100 })  // exactly fills the first segment
        fileSystem.faults.withLock { $0.failSyncs = true }
        _ = expectStorageError(.syncFailed) { try log.append(makeRecords(33...33) { _ in 100 }) }
        fileSystem.faults.withLock { $0.failSyncs = false }
        _ = expectStorageError(.syncFailed) { try log.append(makeRecords(33...33) { _ in 100 }) }
        #expect(try directory.segmentPaths().count == 1)
    }

    @Test func writeFailureMakesTheLogUnusable() throws {
        let directory = try TemporaryDirectory()
        let fileSystem = FaultyFileSystem()
        let (log, _) = try openLog(directory, fileSystem: fileSystem)
        try log.append(makeRecords(1...2))
        fileSystem.faults.withLock { $0.failWrites = true }
        _ = expectStorageError(.ioError) { try log.append(makeRecords(3...3)) }
        fileSystem.faults.withLock { $0.failWrites = false }
        _ = expectStorageError(.ioError) { try log.append(makeRecords(3...3)) }
        _ = expectStorageError(.ioError) { try log.sync() }
    }

    @Test func closedLogRefusesCalls() throws {
        let directory = try TemporaryDirectory()
        let (log, _) = try openLog(directory)
        log.close()
        _ = expectStorageError(.closed) { try log.append(makeRecords(1...1)) }
        _ = expectStorageError(.closed) { try log.sync() }
    }

    @Test func segmentSizeBelowMinimumIsRejected() throws {
        let directory = try TemporaryDirectory()
        _ = expectStorageError(.invalidArgument) { _ = try openLog(directory, segmentSize: 39) }
        #expect(try directory.segmentPaths().isEmpty)
    }

    /// Readers on other threads replay snapshots while the writer appends,
    /// rolls and syncs; every record they see must be complete and in order.
    @Test func concurrentReadersSeeConsistentPrefixes() async throws {
        let directory = try TemporaryDirectory()
        let (log, _) = try openLog(directory, segmentSize: 64 << 10)
        let total: UInt64 = 20_000
        let length: @Sendable (UInt64) -> Int = { Int($0 % 200) }

        let readers = (0..<2).map { _ in
            Task.detached { () throws -> Int in
                var replays = 0
                while true {
                    let snapshot = log.snapshot()
                    var expected: UInt64 = 1
                    try snapshot.forEach { record in
                        #expect(record.seq == expected)
                        #expect(record.payloadBytes == payload(seq: record.seq, length: length(record.seq)))
                        expected += 1
                        return true
                    }
                    #expect(expected == snapshot.lastSeq + 1)
                    replays += 1
                    if snapshot.lastSeq == total { return replays }
                }
            }
        }
        var next: UInt64 = 1
        while next <= total {
            let end = min(next + 99, total)
            try log.append(makeRecords(next...end, length: length))
            try log.sync()
            next = end + 1
        }
        for reader in readers {
            #expect(try await reader.value >= 1)
        }
        #expect(log.segmentCount > 10)
    }
}
