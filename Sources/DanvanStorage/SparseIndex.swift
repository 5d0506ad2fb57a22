/// Where to find every `LogFormat.indexStride`-th record, so a reader can
/// start at any seq without scanning the log from the beginning.
///
/// Recovery fills it, `SegmentedLog.append` extends it, and readers on other
/// threads look up in it, so it is a class with its own lock. Entries are only
/// ever appended, in seq order; an entry exists only for a record that is
/// completely written. With the default stride an entry costs 24 bytes per 64
/// records: about 4 MB of memory for 10 million records.
final class SparseIndex: Sendable {
    /// The position of one record.
    struct Entry: Equatable, Sendable {
        var seq: UInt64
        /// The first seq of the segment holding the record (its name).
        var segmentFirstSeq: UInt64
        /// Byte offset of the record in that segment.
        var offset: Int64
    }

    private let entries = Locked<[Entry]>([])

    /// Whether `seq` is one of the seqs the index keeps.
    @inline(__always)
    static func isIndexed(_ seq: UInt64) -> Bool {
        (seq &- 1) % LogFormat.indexStride == 0
    }

    /// Adds positions; `newEntries` must come after every entry already there.
    func append(contentsOf newEntries: [Entry]) {
        guard !newEntries.isEmpty else { return }
        entries.withLock { $0.append(contentsOf: newEntries) }
    }

    /// The entry with the greatest seq not above `seq`, if any.
    func entry(atOrBefore seq: UInt64) -> Entry? {
        entries.withLock { entries in
            var low = 0
            var high = entries.count  // first index whose seq > target
            while low < high {
                let middle = (low + high) / 2
                if entries[middle].seq <= seq { low = middle + 1 } else { high = middle }
            }
            return low == 0 ? nil : entries[low - 1]
        }
    }

    /// The number of entries, for tests and statistics.
    var count: Int { entries.withLock { $0.count } }
}
