import Foundation
import SystemPackage
import Testing

@testable import DanvanStorage

/// `SegmentedLog.reserve`: a full disk refuses a batch before it is written, never in
/// the middle of a write; preallocation changes no file size and no recovery.
@Suite struct SpaceReservationTests {
    static func framed(_ records: [PendingRecord]) -> RecordBatch {
        var batch = RecordBatch()
        for r in records { batch.append(seq: r.seq, recordedAtMicros: r.recordedAtMicros, payload: r.payload) }
        return batch
    }

    /// Random rounds on a small in-memory disk: every batch is reserved first; a batch
    /// refused with `.diskFull` is not appended and leaves the log usable; a reserved
    /// batch's write never fails; freeing space (a filler file) lets reservations
    /// succeed again; everything appended is there after a reopen.
    @Test func reservedWritesNeverHitENOSPCAndRefusalsLeaveNothing() throws {
        let rounds = 150
        var refusals = 0
        var appended = 0
        var freedAndResumed = 0
        for round in 0..<rounds {
            var rng = SeededGenerator(seed: UInt64(round) &+ 0xD15C_F011)
            let fs = PowerCutFileSystem()
            _ = try fs.createDirectory("/state")
            let filler = Int.random(in: 2_000...20_000, using: &rng)
            try fs.createDurableFile("/state/filler", count: filler)
            fs.capacity = filler + Int.random(in: 3_000...40_000, using: &rng)
            let segmentSize = [512, 2048, 8192, 1 << 20].randomElement(using: &rng) ?? 2048
            let log = try SegmentedLog.open(
                directory: "/state", segmentSize: segmentSize, fileSystem: fs,
                reservationChunk: Int64([4096, 8192].randomElement(using: &rng) ?? 4096)) { _ in }
            var written: [PendingRecord] = []
            var freed = false
            var refusedSinceFree = false
            for step in 0..<80 {
                let batch = PowerCutTests.randomBatch(after: UInt64(written.count), using: &rng)
                let framed = Self.framed(batch)
                do {
                    try log.reserve(framed)
                } catch {
                    #expect(error.code == .diskFull, "round \(round) step \(step): \(error)")
                    #expect(log.lastSeq == UInt64(written.count))
                    refusals += 1
                    refusedSinceFree = true
                    if !freed, Bool.random(using: &rng) {
                        try fs.removeFile("/state/filler")
                        freed = true
                    }
                    continue
                }
                if freed, refusedSinceFree { freedAndResumed += 1 }
                refusedSinceFree = false
                try log.append(framed)  // must not throw: the space is reserved
                if Bool.random(using: &rng) { try log.sync() }
                written += batch
                appended += batch.count
            }
            try log.sync()
            log.close()
            let reopened = try SegmentedLog.open(directory: "/state", segmentSize: segmentSize, fileSystem: fs) { _ in }
            #expect(try reopened.snapshot().records() == written, "round \(round)")
            #expect(!(try fs.contentsOfDirectory("/state")).contains { $0.hasSuffix(SpaceReservation.spareSuffix) },
                    "spare files are removed at open")
        }
        print("disk full (in memory): \(rounds) rounds, \(appended) records appended, \(refusals) batches refused with diskFull, \(freedAndResumed) resumed after freeing space")
        #expect(refusals > 100)
        #expect(freedAndResumed > 10)
    }

    /// Without a reservation the same small disk fails in the middle of a write: the
    /// failure the reservation exists to avoid (and proof the in-memory disk enforces
    /// its capacity).
    @Test func withoutReservationAFullDiskFailsTheWrite() throws {
        let fs = PowerCutFileSystem()
        _ = try fs.createDirectory("/state")
        fs.capacity = 2_000
        let log = try SegmentedLog.open(directory: "/state", segmentSize: 1 << 20, fileSystem: fs) { _ in }
        let error = expectStorageError(.ioError) {
            try log.append(makeRecords(1...100) { _ in 100 })
        }
        #expect(error?.errno == .noSpace)
        #expect(fs.enospcCount > 0)
    }

    /// On the real file system: reserving allocates blocks past the end of the active
    /// segment and extends it with zeros (so its syncs need no size change); a reopen
    /// reads the records and takes the zeros after them for room, not a torn tail.
    @Test func preallocatedRoomIsZerosThatRecoveryDoesNotCut() throws {
        let directory = try TemporaryDirectory()
        let (log, _) = try openLog(directory, segmentSize: 8 << 20)
        let path = directory.file("00000000000000000001.dvlog")
        let records = makeRecords(1...100) { _ in 200 }
        try log.reserve(Self.framed(records))
        #expect(try fileSize(path) == 1 << 20)
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_blocks * 512 >= 16 + 100 * 224)
        try log.append(records)
        try log.sync()
        log.close()
        let (reopened, truncations) = try openLog(directory, segmentSize: 8 << 20)
        #expect(truncations.isEmpty)
        #expect(try fileSize(path) == 1 << 20)
        #expect(reopened.totalBytes == Int64(16 + 100 * 224))
        #expect(reopened.recoveryReport.recordCount == 100)
        #expect(try reopened.snapshot().records() == records)
    }

    /// A reservation across segments prepares spare files; the roll renames them into
    /// place; they never show as segments, and stale ones go at the next open.
    @Test func sparesBecomeSegmentsAndStaleOnesAreRemoved() throws {
        let directory = try TemporaryDirectory()
        let (log, _) = try openLog(directory, segmentSize: 4096)
        let records = makeRecords(1...100) { _ in 100 }  // 124 bytes: 32 a segment, 4 segments
        try log.reserve(Self.framed(Array(records[0..<70])))
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(names.filter { $0.hasSuffix(".dvspare") }.count == 2, "\(names)")
        #expect(try directory.segmentPaths().count == 1)
        try log.append(Array(records[0..<70]))
        #expect(try directory.segmentPaths().count == 3)
        let after = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(after.filter { $0.hasSuffix(".dvspare") }.isEmpty, "\(after)")
        // A spare that will not be used before the process stops.
        try log.reserve(Self.framed(Array(records[70..<100])))
        try log.append(Array(records[70..<100]))
        try log.reserve(Self.framed(makeRecords(101...140) { _ in 100 }))
        try log.sync()
        log.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).contains { $0.hasSuffix(".dvspare") })
        let (reopened, _) = try openLog(directory, segmentSize: 4096)
        #expect(!(try FileManager.default.contentsOfDirectory(atPath: directory.path)).contains { $0.hasSuffix(".dvspare") })
        #expect(try reopened.snapshot().records() == records)
        let verify = LogVerifier.verify(directory: directory.path)
        #expect(verify.isClean, "\(verify)")
    }

    /// The room reserved in a segment is cut off when it is sealed: every segment but
    /// the last ends exactly at its last record (invariant 3 of `LogFormat`), the last
    /// one keeps its room, and verify finds nothing to report in either.
    @Test func sealedSegmentsEndAtTheirLastRecord() throws {
        let directory = try TemporaryDirectory()
        let (log, _) = try openLog(directory, segmentSize: 4096)
        let records = makeRecords(1...100) { _ in 100 }  // 124 bytes: 32 a segment
        for start in stride(from: 0, to: 100, by: 10) {
            let batch = Array(records[start..<(start + 10)])
            try log.reserve(Self.framed(batch))
            try log.append(batch)
            try log.sync()
        }
        let paths = try directory.segmentPaths()
        #expect(paths.count == 4)
        for path in paths.dropLast() { #expect(try fileSize(path) == 16 + 32 * 124, "\(path)") }
        if let last = paths.last { #expect(try fileSize(last) == 4096) }
        let verify = LogVerifier.verify(directory: directory.path)
        #expect(verify.isClean, "\(verify)")
        log.close()
        let (reopened, truncations) = try openLog(directory, segmentSize: 4096)
        #expect(truncations.isEmpty)
        #expect(try reopened.snapshot().records() == records)
    }
}
