/// Which state snapshots to keep once a new one is durable. The newest alone makes a
/// restart fast; older ones at spaced seqs make an `asOf` query cheap, since the state at a
/// point is rebuilt from the newest snapshot not after it. Points near the end are asked the
/// most (last month's report), so the spacing is geometric from the newest snapshot.
///
/// The rule, applied to the snapshots on disk with the new one:
/// 1. the newest is kept;
/// 2. every other one falls in the bucket of its age (the newest's seq minus its own) rounded
///    down to a power of two, `[1, 2)`, `[2, 4)`, `[4, 8)`, …; the oldest in each bucket is
///    kept, the others deleted (keeping the oldest is what leaves one in every bucket as the
///    log grows: the next one moves up into the bucket it leaves behind);
/// 3. when more than `keep` remain, the oldest go until `keep` are left.
///
/// With a snapshot every 1M events and `keep` 8 that leaves, at 10M events, those at 10M, 9M,
/// 8M, 7M, 5M and 1M, and at 100M eight from 49M on: a point P is rebuilt from a snapshot less
/// than five times (P's distance from the newest + one interval) behind it, and replays from
/// the first event only before the oldest kept.
/// Pure: the caller deletes the files.
public struct SnapshotRetention: Sendable, Hashable {
    /// Most snapshots kept (at least 1: the newest).
    public var keep: Int

    /// Only the newest (danvan before `asOf`, and `snapshot_keep = 1`).
    public static let newestOnly = SnapshotRetention(keep: 1)

    /// A retention keeping at most `keep` snapshots (1 when less is given).
    public init(keep: Int) {
        self.keep = max(1, keep)
    }

    /// The seqs among `existing` and `new` to delete now that `new` is written. `existing`
    /// may hold `new` and needs no order.
    public func toDelete(existing: [UInt64], new: UInt64) -> [UInt64] {
        let all = Set(existing).union([new]).sorted(by: >)
        guard let newest = all.first else { return [] }
        var oldestInBucket: [Int: UInt64] = [:]
        for seq in all.dropFirst() {
            let bucket = UInt64.bitWidth - 1 - (newest - seq).leadingZeroBitCount
            oldestInBucket[bucket] = min(oldestInBucket[bucket] ?? seq, seq)
        }
        let kept = ([newest] + oldestInBucket.values.sorted(by: >)).prefix(keep)
        let keptSet = Set(kept)
        return all.filter { !keptSet.contains($0) }
    }
}
