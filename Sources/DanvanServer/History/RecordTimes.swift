import DanvanStorage

/// Where a moment falls in the log: the last seq whose `recordedAt` is at or before it, for an
/// `asOf` given as a time.
///
/// Record times are not in seq order in every log: the wall clock may step back, and the
/// offline `danvand import` keeps the `recordedAt` of the history it restores. So the answer
/// is looked up, not bisected: the log is cut into blocks of `blockSize` seqs, each with the
/// lowest and highest time recorded in it; the last block whose lowest time is at or before
/// the moment holds the answer (unless every qualifying record of it lies beyond the view's
/// end), and only that block's records are read. The blocks are built from the log the first
/// time a time is asked (a read of the whole log, like recovery: about a second at 10M
/// events), then extended as the log grows; at 10M events they take 40 KB.
struct RecordTimes: Sendable {
    /// Seqs per block (4096 in the daemon; small in tests, so that a short log has many).
    let blockSize: UInt64

    /// The lowest and highest `recordedAt` of each complete block: block k holds seqs
    /// `k * blockSize + 1 ... (k + 1) * blockSize`.
    private var blocks: [(low: Int64, high: Int64)] = []
    /// The block after them, up to `covered`.
    private var partial: (low: Int64, high: Int64)?
    /// The last seq the blocks cover.
    private(set) var covered: UInt64 = 0

    init(blockSize: UInt64 = 4096) {
        self.blockSize = max(1, blockSize)
    }

    /// Takes in the records of `log` beyond `covered`.
    mutating func extend(to log: LogSnapshot) throws {
        guard log.lastSeq > covered else { return }
        var blocks = self.blocks
        var partial = self.partial
        var covered = self.covered
        let blockSize = self.blockSize
        try log.forEach(from: covered + 1) { record in
            let t = record.recordedAtMicros
            let block = partial.map { (min($0.low, t), max($0.high, t)) } ?? (t, t)
            covered = record.seq
            if covered % blockSize == 0 {
                blocks.append(block)
                partial = nil
            } else {
                partial = block
            }
            return true
        }
        (self.blocks, self.partial, self.covered) = (blocks, partial, covered)
    }

    /// The last seq of `log` (at most its `lastSeq`) whose `recordedAt` is at or before
    /// `micros`; 0 when there is none (the moment is before the first event).
    mutating func lastSeq(recordedAtOrBefore micros: Int64, in log: LogSnapshot) throws -> UInt64 {
        try extend(to: log)
        let limit = log.lastSeq
        guard limit > 0 else { return 0 }
        var k = (limit - 1) / blockSize
        while true {
            let low = k < UInt64(blocks.count) ? blocks[Int(k)].low : (partial?.low ?? .max)
            if low <= micros {
                var found: UInt64 = 0
                try log.forEach(from: k * blockSize + 1, through: min((k + 1) * blockSize, limit)) { record in
                    if record.recordedAtMicros <= micros { found = record.seq }
                    return true
                }
                if found > 0 { return found }
            }
            if k == 0 { return 0 }
            k -= 1
        }
    }

    /// The `recordedAt` of the record `seq` of `log`; nil when the log does not hold it.
    static func recordedAt(seq: UInt64, in log: LogSnapshot) throws -> Int64? {
        guard seq >= 1, seq <= log.lastSeq else { return nil }
        var micros: Int64?
        try log.forEach(from: seq, through: seq) { record in
            micros = record.recordedAtMicros
            return false
        }
        return micros
    }
}
