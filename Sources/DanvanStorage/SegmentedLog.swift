/// The crash-safe append-only log of danvan: one writer, group commit,
/// concurrent readers through `LogSnapshot`. The format is in `LogFormat`.
///
/// Usage by the server's writer thread:
///
///     let log = try SegmentedLog.open(directory: dir) { report in logger.warning("\(report)") }
///     try log.append(batch1)          // seqs log.lastSeq + 1, ...
///     try log.append(batch2)
///     try log.sync()                  // now acknowledge batch1 and batch2
///
/// ## Threads
/// The log is meant to be owned by one writer thread, which calls `append`,
/// `sync` and `close`; any thread may call `snapshot()` and read the
/// counters. It is `Sendable`, not a non-Sendable single-owner class, because
/// the server must hand it to its dedicated writer thread and let request
/// handlers take snapshots; a non-Sendable class would push every caller into
/// an `@unchecked` wrapper of its own. The conformance is checked by the
/// compiler: the only unchecked piece is the small `Locked` box, and the class
/// lives up to it. Writer calls are serialised by one mutex (so even misuse
/// cannot corrupt the log; a second writer only waits), and the state readers
/// see is published under a second mutex that is never held during I/O, so
/// `snapshot()` never waits for an fsync.
///
/// ## Errors
/// `append` throws `.sequenceGap` or `.invalidArgument` without writing
/// anything; the log stays usable. Any I/O error, and above all a failed
/// fsync (`.syncFailed`), makes the log unusable: every later call rethrows
/// that error. The caller must exit (without retrying the sync) and restart;
/// recovery then reads what is really on disk. Records acknowledged after an
/// earlier successful `sync()` are never affected.
public final class SegmentedLog: Sendable {
    /// The state directory.
    public let directory: String

    /// The size at which the writer starts a new segment.
    public let segmentSize: Int

    /// What recovery found and repaired when the log was opened.
    public let recoveryReport: RecoveryReport

    private let fileSystem: any StorageFileSystem
    private let index: SparseIndex
    private let writer: Locked<WriterState>
    private let published: Locked<PublishedState>
    private let space: SpaceReservation

    /// Everything the writer changes; guarded by `writer`, held during I/O.
    private struct WriterState {
        var activeFile: (any StorageFile)?
        var activeOffset: Int64
        var segments: [SegmentDescriptor]
        var lastSeq: UInt64
        var durableSeq: UInt64
        var totalBytes: Int64
        /// The error that made the log unusable, rethrown by every call.
        var failure: StorageError?
        /// Reused by `append(_ records: [PendingRecord])`.
        var scratch = RecordBatch()
        /// Reused for the index entries of one append.
        var newEntries: [SparseIndex.Entry] = []
    }

    /// What other threads may read; guarded by `published`, never held during I/O.
    private struct PublishedState {
        var lastSeq: UInt64
        var durableSeq: UInt64
        var totalBytes: Int64
        /// All segments; sealed ones have their final `endOffset`.
        var segments: [SegmentDescriptor]
        /// How many of `segments` hold durable records.
        var durableSegmentCount: Int
        /// Where the last durable record ends in `segments[durableSegmentCount - 1]`.
        var durableEndOffset: Int64
    }

    private init(
        directory: String, segmentSize: Int, fileSystem: any StorageFileSystem, index: SparseIndex, recovered: RecoveredLog,
        reservationChunk: Int64
    ) {
        space = SpaceReservation(
            directory: directory, segmentSize: segmentSize, chunk: reservationChunk, fileSystem: fileSystem,
            activePath: recovered.segments[recovered.segments.count - 1].path, activeEnd: recovered.activeOffset)
        self.directory = directory
        self.segmentSize = segmentSize
        self.fileSystem = fileSystem
        self.index = index
        recoveryReport = recovered.report
        writer = Locked(
            WriterState(
                activeFile: recovered.activeFile, activeOffset: recovered.activeOffset, segments: recovered.segments,
                lastSeq: recovered.lastSeq, durableSeq: recovered.lastSeq, totalBytes: recovered.totalBytes
            )
        )
        var segments = recovered.segments
        segments[segments.count - 1].endOffset = recovered.activeOffset
        published = Locked(
            PublishedState(
                lastSeq: recovered.lastSeq, durableSeq: recovered.lastSeq, totalBytes: recovered.totalBytes,
                segments: segments, durableSegmentCount: segments.count, durableEndOffset: recovered.activeOffset
            )
        )
    }

    deinit {
        writer.withLock { state in
            state.activeFile?.close()
            state.activeFile = nil
        }
    }

    /// Opens the log in `directory`, creating the directory and a first
    /// segment if there is none, and runs recovery (see `LogFormat`).
    ///
    /// - Parameters:
    ///   - directory: the state directory; hold its `DirectoryLock` first.
    ///   - segmentSize: the size at which to start a new segment (at least
    ///     `LogFormat.segmentHeaderSize + LogFormat.recordHeaderSize`).
    ///   - fileSystem: the disk; tests pass a fault-injecting one.
    ///   - reservationChunk: how much `reserve` preallocates at a time (1 MiB:
    ///     one fallocate per MiB of appends; small enough for a nearly full disk).
    ///   - onTruncate: called once per repair of a torn tail, before open
    ///     returns; the same reports are in `recoveryReport`.
    /// - Throws: `.corrupted` or `.badHeader` when the log is damaged in a way
    ///   that is not a torn tail (nothing is modified then); `.syncFailed`
    ///   (fatal) or `.ioError` when the disk fails.
    public static func open(
        directory: String,
        segmentSize: Int = LogFormat.defaultSegmentSize,
        fileSystem: any StorageFileSystem = POSIXFileSystem(),
        reservationChunk: Int64 = 1 << 20,
        onTruncate: (TruncationReport) -> Void
    ) throws(StorageError) -> SegmentedLog {
        let minimum = LogFormat.segmentHeaderSize + LogFormat.recordHeaderSize
        guard segmentSize >= minimum else {
            throw StorageError.invalidArgument("segment size \(segmentSize) is too small; it must be at least \(minimum) bytes")
        }
        let index = SparseIndex()
        let recovered = try LogRecovery.run(directory: directory, fileSystem: fileSystem, index: index, onTruncate: onTruncate)
        do throws(StorageError) {
            try SpaceReservation.removeStaleSpares(directory: directory, fileSystem: fileSystem)
        } catch {
            recovered.activeFile.close()
            throw error
        }
        return SegmentedLog(
            directory: directory, segmentSize: segmentSize, fileSystem: fileSystem, index: index, recovered: recovered,
            reservationChunk: reservationChunk
        )
    }

    /// The seq of the last record written (0 when the log is empty). Records
    /// up to here are readable by this process's page cache, not necessarily
    /// durable.
    public var lastSeq: UInt64 { published.withLock { $0.lastSeq } }

    /// The seq of the last record covered by a successful sync: the highest
    /// seq that may be acknowledged.
    public var durableSeq: UInt64 { published.withLock { $0.durableSeq } }

    /// The number of segment files.
    public var segmentCount: Int { published.withLock { $0.segments.count } }

    /// The total size of the segment files in bytes, headers included.
    public var totalBytes: Int64 { published.withLock { $0.totalBytes } }

    /// Appends `records` (see `append(_: RecordBatch)`).
    public func append(_ records: [PendingRecord]) throws(StorageError) {
        try writer.withLock { (state: inout WriterState) throws(StorageError) in
            var batch = state.scratch
            state.scratch = RecordBatch()
            batch.removeAll(keepingCapacity: true)
            for record in records {
                batch.append(seq: record.seq, recordedAtMicros: record.recordedAtMicros, payload: record.payload)
            }
            defer {
                // Keep the buffer for the next call unless one huge batch
                // would pin its memory for the life of the log.
                if batch.byteCount <= 8 << 20 { state.scratch = batch }
            }
            try appendLocked(batch, state: &state)
        }
    }

    /// Reserves disk space for `batch`'s records, to be appended after every
    /// batch reserved before (call it in the order the batches will be
    /// appended). When it returns, appending those records cannot fail for
    /// lack of space on a file system that honours `fallocate` (see
    /// `SpaceReservation` for the design and its limits). Writes nothing; any
    /// thread may call it, the writer need not wait.
    ///
    /// - Throws: `.diskFull` when there is no room: nothing was written or
    ///   reserved for the batch and the log stays fully usable, so the caller
    ///   refuses the append and may retry once space is freed; `.ioError` when
    ///   reserving failed otherwise (also harmless to the log).
    public func reserve(_ batch: RecordBatch) throws(StorageError) {
        try space.claim(batch)
    }

    /// Writes `batch`'s already framed records after the last record,
    /// with one write system call per segment touched (looping over short
    /// writes). Starts new segments as needed, possibly in the middle of the
    /// batch. The records are not durable until `sync()` returns.
    ///
    /// - Throws: `.sequenceGap` when the batch's first seq is not
    ///   `lastSeq + 1` or its seqs are not consecutive, `.invalidArgument`
    ///   for an oversized payload (in both cases nothing is written and the
    ///   log stays usable); `.ioError` or `.syncFailed` when the disk fails
    ///   (the log is unusable from then on).
    public func append(_ batch: RecordBatch) throws(StorageError) {
        try writer.withLock { (state: inout WriterState) throws(StorageError) in
            try appendLocked(batch, state: &state)
        }
    }

    /// Makes every record appended so far durable (fdatasync of the active
    /// segment; earlier segments were synced when they were sealed) and
    /// returns the new `durableSeq`.
    ///
    /// - Throws: `.syncFailed`, which is FATAL: exit, do not retry. See
    ///   `StorageError.Code.syncFailed`.
    @discardableResult
    public func sync() throws(StorageError) -> UInt64 {
        try writer.withLock { (state: inout WriterState) throws(StorageError) -> UInt64 in
            let file = try usableFile(&state)
            if state.durableSeq == state.lastSeq { return state.durableSeq }
            do throws(StorageError) {
                try SegmentFiles.synchronize(file, dataOnly: true)
            } catch {
                state.failure = error
                throw error
            }
            state.durableSeq = state.lastSeq
            publishDurable(state)
            return state.durableSeq
        }
    }

    /// Closes the active segment. Does not sync: call `sync()` first to make
    /// the last records durable. Every later call throws `.closed`.
    public func close() {
        writer.withLock { state in
            state.activeFile?.close()
            state.activeFile = nil
            if state.failure == nil { state.failure = .closed(directory: directory) }
        }
    }

    /// A reader of the records durable now (seq ≤ `durableSeq`), for any
    /// thread, valid for as long as the log's files exist. It does not see
    /// records appended or synced later: take a new snapshot for those.
    public func snapshot() -> LogSnapshot {
        published.withLock { state in
            LogSnapshot(
                directory: directory,
                fileSystem: fileSystem,
                index: index,
                segments: state.segments,
                segmentCount: state.durableSegmentCount,
                lastSegmentEnd: state.durableEndOffset,
                lastSeq: state.durableSeq
            )
        }
    }

    // MARK: - Writer internals (called with `writer` held)

    private func usableFile(_ state: inout WriterState) throws(StorageError) -> any StorageFile {
        if let failure = state.failure { throw failure }
        guard let file = state.activeFile else { throw StorageError.closed(directory: directory) }
        return file
    }

    private func appendLocked(_ batch: RecordBatch, state: inout WriterState) throws(StorageError) {
        _ = try usableFile(&state)
        if let problem = batch.problem { throw problem }
        if batch.isEmpty { return }
        guard batch.firstSeq == state.lastSeq + 1 else {
            throw StorageError.sequenceGap(expected: state.lastSeq + 1, got: batch.firstSeq)
        }
        do throws(StorageError) {
            try writeLocked(batch, state: &state)
        } catch {
            state.failure = error
            throw error
        }
    }

    private func writeLocked(_ batch: RecordBatch, state: inout WriterState) throws(StorageError) {
        let headerSize = Int64(LogFormat.segmentHeaderSize)
        let limit = Int64(segmentSize)
        var rolled = false
        var next = 0
        while next < batch.count {
            // The run of records that fits in the active segment; an empty
            // segment takes at least one record, however large.
            var end = next
            var runBytes: Int64 = 0
            while end < batch.count {
                let size = Int64(batch.recordSize(end))
                let segmentHasRecords = state.activeOffset > headerSize || runBytes > 0
                if segmentHasRecords, state.activeOffset + runBytes + size > limit { break }
                runBytes += size
                end += 1
            }
            if end == next {
                try rollLocked(&state)
                rolled = true
                continue
            }
            let file = try usableFile(&state)
            let range = batch.byteRange(ofRecords: next..<end)
            let offset = state.activeOffset
            let written = batch.bytes.withUnsafeBytes { raw in
                Result { () throws(StorageError) in
                    try SegmentFiles.writeFully(file, UnsafeRawBufferPointer(rebasing: raw[range]), at: offset)
                }
            }
            try written.get()
            // Index the records of the run that the stride selects.
            let segmentFirstSeq = state.segments[state.segments.count - 1].firstSeq
            state.newEntries.removeAll(keepingCapacity: true)
            let runFirstSeq = batch.firstSeq + UInt64(next)
            let runLastSeq = batch.firstSeq + UInt64(end - 1)
            let stride = LogFormat.indexStride
            var seq = runFirstSeq + (stride - (runFirstSeq - 1) % stride) % stride
            while seq <= runLastSeq {
                let recordIndex = Int(seq - batch.firstSeq)
                let offset = state.activeOffset + Int64(batch.byteRange(ofRecords: next..<recordIndex).count)
                state.newEntries.append(SparseIndex.Entry(seq: seq, segmentFirstSeq: segmentFirstSeq, offset: offset))
                seq += stride
            }
            index.append(contentsOf: state.newEntries)
            state.activeOffset += runBytes
            space.didWrite(activeEnd: state.activeOffset)
            state.totalBytes += runBytes
            state.lastSeq = runLastSeq
            next = end
        }
        let lastSeq = state.lastSeq
        let totalBytes = state.totalBytes
        if rolled {
            publishDurable(state)
        }
        published.withLock { published in
            published.lastSeq = lastSeq
            published.totalBytes = totalBytes
        }
    }

    /// Seals the active segment and starts the next one: cut the old segment
    /// at its last record and fsync it, create the new file, write its header, fsync it, fsync the
    /// directory (invariant 4 of `LogFormat`). When `reserve` prepared a spare
    /// file for the segment, "create" is a rename of the spare, and the header
    /// goes into its reserved blocks: a roll needs no new space.
    private func rollLocked(_ state: inout WriterState) throws(StorageError) {
        let old = try usableFile(&state)
        // A sealed segment ends where its last record ends (invariant 3): cut off
        // the room reserved after it, and make the new size durable with the data.
        do {
            try old.truncate(to: state.activeOffset)
        } catch {
            throw StorageError.ioError("cutting the reserved room off the sealed segment", path: old.path, errno: error)
        }
        try SegmentFiles.synchronize(old, dataOnly: false)
        state.durableSeq = state.lastSeq
        let firstSeq = state.lastSeq + 1
        let path = directory + "/" + LogFormat.segmentFileName(firstSeq: firstSeq)
        let (file, descriptor): (any StorageFile, SegmentDescriptor)
        if try space.roll(to: path) {
            (file, descriptor) = try SegmentFiles.adopt(path: path, firstSeq: firstSeq, directory: directory, fileSystem: fileSystem)
        } else {
            (file, descriptor) = try SegmentFiles.create(directory: directory, firstSeq: firstSeq, fileSystem: fileSystem)
        }
        old.close()
        state.segments[state.segments.count - 1].endOffset = state.activeOffset
        state.segments.append(descriptor)
        state.activeFile = file
        state.activeOffset = descriptor.endOffset
        state.totalBytes += descriptor.endOffset
    }

    /// Publishes `durableSeq`, the segment list and where durable data ends.
    private func publishDurable(_ state: WriterState) {
        var segments = state.segments
        segments[segments.count - 1].endOffset = state.activeOffset
        let count: Int
        let end: Int64
        if state.durableSeq == state.lastSeq {
            count = segments.count
            end = state.activeOffset
        } else if segments.count >= 2 {
            // Only a roll publishes with records past the durable seq: those
            // are all in the new active segment, and the durable ones end
            // where the segment the roll synced ends.
            count = segments.count - 1
            end = segments[count - 1].endOffset
        } else {
            count = 1
            end = Int64(LogFormat.segmentHeaderSize)
        }
        let durableSeq = state.durableSeq
        published.withLock { published in
            published.durableSeq = durableSeq
            published.segments = segments
            published.durableSegmentCount = count
            published.durableEndOffset = end
        }
    }
}
