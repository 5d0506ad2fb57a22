import SystemPackage

/// The state of a log after recovery: what `SegmentedLog` starts from.
struct RecoveredLog {
    var segments: [SegmentDescriptor]
    /// The last segment, open for reading and writing.
    var activeFile: any StorageFile
    /// Where the next record goes in the active segment.
    var activeOffset: Int64
    var lastSeq: UInt64
    var totalBytes: Int64
    var report: RecoveryReport
}

/// Recovery, as specified in `LogFormat`: validate every segment, then repair
/// a torn tail of the last one, or refuse with corruption.
///
/// Validation reads every segment before anything is modified, so a log that
/// is refused is left exactly as it was found.
enum LogRecovery {
    private enum Repair {
        case truncate(offset: Int64, bytesDropped: Int64, reason: String)
        case rewriteHeader(bytesDropped: Int64, reason: String)
    }

    static func run(
        directory: String,
        fileSystem: any StorageFileSystem,
        index: SparseIndex,
        onTruncate: (TruncationReport) -> Void
    ) throws(StorageError) -> RecoveredLog {
        do {
            try fileSystem.createDirectory(directory)
        } catch {
            throw StorageError.ioError("creating state directory", path: directory, errno: error)
        }
        let names = try SegmentFiles.list(directory: directory, fileSystem: fileSystem)
        if names.isEmpty {
            let (file, descriptor) = try SegmentFiles.create(directory: directory, firstSeq: 1, fileSystem: fileSystem)
            let headerSize = Int64(LogFormat.segmentHeaderSize)
            return RecoveredLog(
                segments: [descriptor], activeFile: file, activeOffset: headerSize, lastSeq: 0, totalBytes: headerSize,
                report: RecoveryReport(
                    segmentCount: 1, recordCount: 0, lastSeq: 0, totalBytes: headerSize, truncations: [], createdNewLog: true
                )
            )
        }

        var expectedSeq: UInt64 = 1
        var segments: [SegmentDescriptor] = []
        var entries: [SparseIndex.Entry] = []
        var repair: Repair?
        var recordCount: UInt64 = 0
        var totalBytes: Int64 = 0

        for (position, (firstSeq, name)) in names.enumerated() {
            let path = directory + "/" + name
            let isLast = position == names.count - 1
            if firstSeq != expectedSeq {
                let reason: String
                if position == 0 {
                    reason = "the first segment starts at seq \(firstSeq), expected 1: earlier segments are missing"
                } else if firstSeq > expectedSeq {
                    reason = "segment starts at seq \(firstSeq) but the previous segment ends at seq \(expectedSeq - 1): sequence gap (a segment is missing or misnamed)"
                } else {
                    reason = "segment starts at seq \(firstSeq) but the previous segment already reaches seq \(expectedSeq - 1): duplicate seqs"
                }
                throw StorageError.corrupted(segment: path, offset: 0, reason: reason)
            }
            let file: any StorageFile
            do {
                file = try fileSystem.open(path, mode: .readOnly)
            } catch {
                throw StorageError.ioError("opening segment", path: path, errno: error)
            }
            defer { file.close() }
            let scan: SegmentScan
            let size: Int64
            do {
                size = try file.size()
                let header = try SegmentFiles.readPrefix(file, count: LogFormat.segmentHeaderSize)
                if let problem = header.withUnsafeBytes({ LogFormat.headerProblem($0) }) {
                    if isLast, try SegmentFiles.isInterruptedStart(file, size: size, header: header) {
                        repair = .rewriteHeader(bytesDropped: size, reason: problem + " (crash while the segment was being started)")
                        segments.append(
                            SegmentDescriptor(firstSeq: firstSeq, path: path, endOffset: Int64(LogFormat.segmentHeaderSize))
                        )
                        totalBytes += Int64(LogFormat.segmentHeaderSize)
                        break
                    }
                    throw StorageError.badHeader(segment: path, reason: problem)
                }
                let reader = SegmentReader(file: file, from: Int64(LogFormat.segmentHeaderSize), limit: size)
                scan = try SegmentScan.run(reader: reader, expectedSeq: expectedSeq) { seq, offset in
                    if SparseIndex.isIndexed(seq) {
                        entries.append(SparseIndex.Entry(seq: seq, segmentFirstSeq: firstSeq, offset: offset))
                    }
                }
                switch scan.stop {
                case .end:
                    if scan.records == 0, !isLast {
                        throw StorageError.corrupted(
                            segment: path, offset: Int64(LogFormat.segmentHeaderSize),
                            reason: "segment holds no record but is not the last segment"
                        )
                    }
                case .unexpectedSeq(let offset, let found, let expected):
                    throw StorageError.corrupted(
                        segment: path, offset: offset,
                        reason: "record has seq \(found), expected \(expected): \(found > expected ? "sequence gap" : "duplicate seq")"
                    )
                case .damaged(let offset, let reason):
                    guard isLast else {
                        throw StorageError.corrupted(
                            segment: path, offset: offset,
                            reason: reason + "; the segment is not the last one, so this cannot be a torn write"
                        )
                    }
                    let rest = try reader.remainingBytes()
                    if let valid = Resync.findValidRecord(in: rest, fileOffset: offset, from: 1, afterSeq: scan.lastGoodSeq) {
                        throw StorageError.corrupted(
                            segment: path, offset: offset,
                            reason: reason + "; a valid record (seq \(valid.seq)) follows at offset \(valid.offset), so this is not a torn tail"
                        )
                    }
                    repair = .truncate(offset: offset, bytesDropped: size - offset, reason: reason)
                }
            } catch let error as Errno {
                throw StorageError.ioError("reading segment", path: path, errno: error)
            } catch let error as StorageError {
                throw error
            } catch {
                throw StorageError.ioError("reading segment", path: path, errno: .ioError)
            }
            recordCount += scan.records
            expectedSeq = scan.lastGoodSeq + 1
            segments.append(SegmentDescriptor(firstSeq: firstSeq, path: path, endOffset: scan.goodEnd))
            totalBytes += scan.goodEnd
        }

        // Everything is validated; only now modify the last segment.
        guard let last = segments.last else {
            throw StorageError.ioError("listing", path: directory, errno: .noSuchFileOrDirectory)
        }
        let active: any StorageFile
        do {
            active = try fileSystem.open(last.path, mode: .readWrite)
        } catch {
            throw StorageError.ioError("opening segment", path: last.path, errno: error)
        }
        var truncations: [TruncationReport] = []
        do throws(StorageError) {
            switch repair {
            case .truncate(let offset, let bytesDropped, let reason):
                do {
                    try active.truncate(to: offset)
                } catch {
                    throw StorageError.ioError("truncating torn tail", path: last.path, errno: error)
                }
                try SegmentFiles.synchronize(active, dataOnly: false)
                truncations.append(TruncationReport(segment: last.path, offset: offset, bytesDropped: bytesDropped, reason: reason))
            case .rewriteHeader(let bytesDropped, let reason):
                do {
                    try active.truncate(to: 0)
                } catch {
                    throw StorageError.ioError("truncating incomplete segment", path: last.path, errno: error)
                }
                try SegmentFiles.writeHeader(to: active, directory: directory, fileSystem: fileSystem)
                truncations.append(TruncationReport(segment: last.path, offset: 0, bytesDropped: bytesDropped, reason: reason))
            case nil:
                break
            }
            // Records that survived recovery may sit only in the page cache of
            // a crashed process: make them durable before accepting new ones.
            try SegmentFiles.synchronize(active, dataOnly: true)
        } catch {
            active.close()
            throw error
        }
        for truncation in truncations { onTruncate(truncation) }
        index.append(contentsOf: entries)
        let lastSeq = expectedSeq - 1
        return RecoveredLog(
            segments: segments, activeFile: active, activeOffset: last.endOffset, lastSeq: lastSeq, totalBytes: totalBytes,
            report: RecoveryReport(
                segmentCount: segments.count, recordCount: recordCount, lastSeq: lastSeq, totalBytes: totalBytes,
                truncations: truncations, createdNewLog: false
            )
        )
    }
}
