import Foundation
import SystemPackage
import Testing

@testable import DanvanStorage

/// "A crash that drops every write not yet fsynced": the log on `PowerCutFileSystem`,
/// random appends and syncs, then a power cut that loses, keeps a prefix of, or tears
/// the unsynced writes and directory entries, then recovery. Seeded and bounded: each
/// round can be replayed from its seed.
@Suite struct PowerCutTests {
    static let directory = "/state"

    /// Appends a random batch after `written`; returns the records.
    static func randomBatch(after last: UInt64, using rng: inout SeededGenerator) -> [PendingRecord] {
        let count = Int.random(in: 1...12, using: &rng)
        let maxLength = Bool.random(using: &rng) ? 40 : 700
        return makeRecords((last + 1)...(last + UInt64(count))) { seq in
            Int(seq &* 7919 % UInt64(maxLength + 1))
        }
    }

    @Test func everySyncedRecordSurvivesAPowerCut() throws {
        let rounds = 400
        var cuts = 0
        var lostUnsynced = 0
        var keptUnsynced = 0
        for round in 0..<rounds {
            var rng = SeededGenerator(seed: UInt64(round) &* 0x1234_5678_9ABC_DEF1 &+ 17)
            let fs = PowerCutFileSystem()
            let segmentSize = [256, 1024, 4096, 1 << 20].randomElement(using: &rng) ?? 4096
            let chunk = Int64([4096, 16384].randomElement(using: &rng) ?? 4096)
            var written: [PendingRecord] = []  // everything appended, by seq - 1
            var durable: UInt64 = 0
            var log = try SegmentedLog.open(
                directory: Self.directory, segmentSize: segmentSize, fileSystem: fs, reservationChunk: chunk) { _ in }
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                for _ in 0..<Int.random(in: 1...15, using: &rng) {
                    let batch = Self.randomBatch(after: UInt64(written.count), using: &rng)
                    var framed = RecordBatch()
                    for r in batch { framed.append(seq: r.seq, recordedAtMicros: r.recordedAtMicros, payload: r.payload) }
                    // Half the batches go through a reservation first (spare segments, renames).
                    if Bool.random(using: &rng) { try log.reserve(framed) }
                    try log.append(framed)
                    written += batch
                    if Int.random(in: 0..<3, using: &rng) == 0 { durable = try log.sync() }
                    #expect(log.durableSeq >= durable)
                    durable = log.durableSeq  // a roll makes the sealed segment durable too
                }
                let cut = PowerCutFileSystem.Cut.allCases.randomElement(using: &rng) ?? .dropAll
                fs.powerCut(cut, using: &rng)
                cuts += 1
                log = try SegmentedLog.open(
                    directory: Self.directory, segmentSize: segmentSize, fileSystem: fs, reservationChunk: chunk) { _ in }
                let recovered = try log.snapshot().records()
                let context = "round \(round), cut \(cut), durable \(durable), written \(written.count), recovered \(recovered.count)"
                #expect(recovered.count >= Int(durable), "a synced record was lost: \(context)")
                #expect(recovered.count <= written.count, "\(context)")
                #expect(recovered == Array(written.prefix(recovered.count)), "not an intact gap-free prefix: \(context)")
                #expect(log.lastSeq == UInt64(recovered.count), "\(context)")
                lostUnsynced += written.count - recovered.count
                keptUnsynced += recovered.count - Int(durable)
                // The lost tail is gone for good; the log continues after what it has.
                written = recovered
                durable = UInt64(recovered.count)
                let more = Self.randomBatch(after: durable, using: &rng)
                try log.append(more)
                durable = try log.sync()
                written += more
                #expect(durable == UInt64(written.count), "\(context)")
            }
            log.close()
            #expect(try SegmentedLog.open(directory: Self.directory, segmentSize: segmentSize, fileSystem: fs) { _ in }
                .snapshot().records() == written, "round \(round)")
        }
        print("power cuts: \(rounds) rounds, \(cuts) cuts, \(lostUnsynced) unsynced records lost, \(keptUnsynced) kept, no synced record lost")
        #expect(cuts >= rounds)
        #expect(lostUnsynced > 0, "the cuts must really drop unsynced writes")
        #expect(keptUnsynced > 0, "and sometimes keep some")
    }
}
