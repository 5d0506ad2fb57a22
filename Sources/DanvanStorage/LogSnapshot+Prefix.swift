extension LogSnapshot {
    /// The same view ending at `seq` (or at its own end, if that comes first): what a log
    /// holding only its first `seq` records would show. `asOf` queries replay it the way a
    /// start replays the whole log, so a state built from it is the state of a daemon that
    /// was fed only that prefix.
    ///
    /// Reading stops at the new `lastSeq` (`forEach` never passes it), so the physical end
    /// of the segments is kept as it is.
    public func prefix(through seq: UInt64) -> LogSnapshot {
        LogSnapshot(
            directory: directory, fileSystem: fileSystem, index: index, segments: segments, segmentCount: segmentCount,
            lastSegmentEnd: lastSegmentEnd, lastSeq: min(seq, lastSeq))
    }
}
