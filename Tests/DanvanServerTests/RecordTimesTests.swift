import DanvanStorage
import Foundation
import Testing

@testable import DanvanServer

/// The moment → seq lookup of time-based `asOf` against a brute-force search over the same
/// records, on a log whose times repeat and run backwards (a restored history, a clock
/// step), in blocks small enough that a short log has many.
@Suite struct RecordTimesTests {
    @Test func theLastRecordAtOrBeforeAMomentWhateverTheOrderOfTimes() throws {
        let directory = NSTemporaryDirectory() + "danvan-times-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = try SegmentedLog.open(directory: directory, segmentSize: 64 << 10, onTruncate: { _ in })
        defer { log.close() }
        var random = SystemRandomNumberGenerator()
        var times: [Int64] = []
        for seq in UInt64(1)...200 {
            // Mostly rising, sometimes equal to the last, sometimes stepping back.
            let last = times.last ?? 1_000
            let t = switch Int.random(in: 0..<6, using: &random) {
            case 0: last
            case 1: last - Int64.random(in: 1...50, using: &random)
            default: last + Int64.random(in: 1...20, using: &random)
            }
            times.append(t)
            try log.append([PendingRecord(seq: seq, recordedAtMicros: t, payload: [1, 2, 3])])
        }
        _ = try log.sync()
        let whole = log.snapshot()
        func brute(_ micros: Int64, through limit: Int) -> UInt64 {
            UInt64((times.prefix(limit).lastIndex { $0 <= micros }).map { $0 + 1 } ?? 0)
        }
        for blockSize in [1, 3, 8, 4096] as [UInt64] {
            var index = RecordTimes(blockSize: blockSize)
            // Asked first on a prefix, then on the whole log, then on a prefix again (the
            // blocks then reach past the view's end).
            for limit in [57, 200, 130, 1, 0, 199] {
                let view = whole.prefix(through: UInt64(limit))
                for micros in [Int64.min, 0, 999, 1_000, times[0]] + (0..<40).map({ _ in times.randomElement() ?? 0 }) + [(times.max() ?? 0) + 1] {
                    for m in [micros, micros &- 1, micros &+ 1] {
                        #expect(try index.lastSeq(recordedAtOrBefore: m, in: view) == brute(m, through: limit),
                                "block \(blockSize), limit \(limit), micros \(m)")
                    }
                }
            }
        }
        #expect(try RecordTimes.recordedAt(seq: 17, in: whole) == times[16])
        #expect(try RecordTimes.recordedAt(seq: 201, in: whole) == nil)
        #expect(try RecordTimes.recordedAt(seq: 0, in: whole) == nil)
    }
}
