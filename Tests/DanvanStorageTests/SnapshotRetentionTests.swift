import Testing

@testable import DanvanStorage

/// Which state snapshots stay on disk when a new one is written (`SnapshotRetention`),
/// decision by decision, with seqs in units of one snapshot interval (1 = 1M events).
@Suite struct SnapshotRetentionTests {
    let eight = SnapshotRetention(keep: 8)

    @Test func theFirstSnapshotDeletesNothing() {
        #expect(eight.toDelete(existing: [], new: 1).isEmpty)
        #expect(eight.toDelete(existing: [1], new: 1).isEmpty)  // the new one already listed
    }

    @Test func newestOnlyDeletesEveryOlderOne() {
        #expect(SnapshotRetention.newestOnly.toDelete(existing: [3, 1, 2], new: 4).sorted() == [1, 2, 3])
        #expect(SnapshotRetention(keep: 0) == .newestOnly)
    }

    /// Ages (newest's seq minus a snapshot's) 1 | 2–3 | 4–7 | 8–15: one per bucket, the oldest.
    @Test func oneSnapshotPerPowerOfTwoOfAgeTheOldestOfEach() {
        // New 4: ages 1 (3), 2 (2), 3 (1); 2 and 1 share the bucket 2–3: the older, 1, stays.
        #expect(eight.toDelete(existing: [1, 2, 3], new: 4) == [2])
        // New 5 after that: ages 1 (4), 2 (3), 4 (1): one in each of three buckets.
        #expect(eight.toDelete(existing: [1, 3, 4], new: 5).isEmpty)
        // New 6: ages 1 (5), 2 (4), 3 (3), 5 (1): 4 and 3 share 2–3, 3 stays.
        #expect(eight.toDelete(existing: [1, 3, 4, 5], new: 6) == [4])
    }

    /// Applied at every write from the first, the spread the documentation promises: at 10M
    /// events with a snapshot every 1M, those at 10M, 9M, 8M, 7M, 5M and 1M; at 100M, eight
    /// from 49M on.
    @Test func writingOneSnapshotPerIntervalLeavesAGeometricSpread() {
        let m: UInt64 = 1_000_000
        var onDisk: [UInt64] = []
        func write(_ seq: UInt64) {
            let doomed = Set(eight.toDelete(existing: onDisk, new: seq))
            onDisk = (onDisk + [seq]).filter { !doomed.contains($0) }
        }
        for n in UInt64(1)...10 { write(n * m) }
        #expect(onDisk == [1, 5, 7, 8, 9, 10].map { $0 * m })
        for n in UInt64(11)...100 {
            write(n * m)
            #expect(onDisk.count <= 8)
            // A point between two kept snapshots replays from the older one: less than five
            // times the point's own distance from the newest, plus one interval.
            let newest = n * m
            for (older, newer) in zip(onDisk, onDisk.dropFirst()) {
                #expect(newer - older <= 5 * (newest - newer + m))
            }
        }
        #expect(onDisk == [49, 73, 89, 93, 97, 98, 99, 100].map { $0 * m })
    }

    /// Beyond `keep`, the oldest go: the newest and the recent buckets stay.
    @Test func beyondTheLimitTheOldestGo() {
        let three = SnapshotRetention(keep: 3)
        // Ages 1 (9), 3 (7), 5 (5), 9 (1): four buckets, three kept.
        #expect(three.toDelete(existing: [1, 5, 7, 9], new: 10) == [5, 1])
    }

    /// In real seqs the buckets are the same powers of two.
    @Test func realSeqs() {
        let m: UInt64 = 1_000_000
        // Ages 3M (bucket 2^21), 2M (2^20), 1M (2^19): three buckets, all kept.
        #expect(eight.toDelete(existing: [m, 2 * m, 3 * m], new: 4 * m).isEmpty)
        // New 5M: the snapshots at 2M and 1M (ages 3M and 4M) share 2^21..2^22; 1M stays.
        #expect(eight.toDelete(existing: [m, 2 * m, 3 * m, 4 * m], new: 5 * m) == [2 * m])
        // A stop's snapshot a few events after the last one: both young, in different buckets.
        #expect(eight.toDelete(existing: [4 * m, 4 * m + 10], new: 4 * m + 12).isEmpty)
    }

    /// A snapshot beyond the new one (never written by danvand, which cuts them at a repair)
    /// is the newest: the rule stays the same.
    @Test func theNewestOfAllIsKept() {
        #expect(SnapshotRetention.newestOnly.toDelete(existing: [9], new: 5) == [5])
    }
}
