import SystemPackage

/// One damaged place found by `LogVerifier`.
public struct VerifyProblem: Sendable, Hashable, CustomStringConvertible {
    /// What kind of damage it is, which says whether `SegmentedLog.open`
    /// would repair it or refuse the log.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The stable name of the kind.
        public var description: String { name }

        /// A damaged record (bad CRC, impossible length) that is not a torn
        /// tail. Open refuses the log.
        public static let corruption = Kind("corruption")
        /// A segment header that cannot be read. Open refuses the log.
        public static let badHeader = Kind("badHeader")
        /// A missing or repeated seq, between segments or inside one. Open
        /// refuses the log.
        public static let sequenceGap = Kind("sequenceGap")
        /// A damaged record at the end of the last segment with nothing valid
        /// after it: what a crash during an unsynced write leaves. Open cuts
        /// it off.
        public static let tornTail = Kind("tornTail")
        /// The last segment is shorter than a header (or zero-filled): a crash
        /// while it was being started. Open rewrites its header.
        public static let incompleteSegment = Kind("incompleteSegment")
        /// The segment or directory could not be read at all.
        public static let unreadable = Kind("unreadable")
    }

    /// The kind of damage.
    public var kind: Kind
    /// The segment's file name (not its path).
    public var segment: String
    /// The byte offset of the damage in the segment.
    public var offset: Int64
    /// What is wrong there.
    public var reason: String

    /// Creates a problem.
    public init(kind: Kind, segment: String, offset: Int64, reason: String) {
        self.kind = kind
        self.segment = segment
        self.offset = offset
        self.reason = reason
    }

    /// Whether `SegmentedLog.open` repairs this by itself (torn tail,
    /// incomplete last segment) rather than refusing the log.
    public var isRepairable: Bool { kind == .tornTail || kind == .incompleteSegment }

    /// "segment@offset kind: reason", one line for a report.
    public var description: String { "\(segment)@\(offset) \(kind): \(reason)" }
}

/// What `LogVerifier.verify` found.
public struct VerifyReport: Sendable, Hashable, CustomStringConvertible {
    /// The number of segment files.
    public var segmentCount: Int = 0
    /// The number of valid records read.
    public var recordCount: UInt64 = 0
    /// The total size of the segment files in bytes.
    public var totalBytes: Int64 = 0
    /// The seq of the first valid record, if any.
    public var firstSeq: UInt64?
    /// The seq of the last valid record, if any.
    public var lastSeq: UInt64?
    /// Every damaged place, in segment and offset order.
    public var problems: [VerifyProblem] = []

    /// Creates an empty report.
    public init() {}

    /// True when nothing at all is wrong.
    public var isClean: Bool { problems.isEmpty }

    /// True when `SegmentedLog.open` would refuse the log (some problem is
    /// not a repairable torn tail).
    public var hasCorruption: Bool { problems.contains { !$0.isRepairable } }

    /// A summary line followed by one line per problem.
    public var description: String {
        var text = "\(segmentCount) segments, \(recordCount) records, \(totalBytes) bytes"
        if let firstSeq, let lastSeq { text += ", seq \(firstSeq)...\(lastSeq)" }
        text += problems.isEmpty ? ", clean" : ", \(problems.count) problem(s):"
        for problem in problems { text += "\n  " + problem.description }
        return text
    }
}

/// The offline checker of a log directory: reads every segment and record
/// and lists every problem, without modifying anything.
///
/// It does not take the directory lock and opens files read-only, so it can
/// run next to a live danvand (for example from a backup job); records being
/// written at that moment may then show up as a torn tail, never as
/// corruption. Unlike recovery it does not stop at the first damaged record:
/// it resynchronises on the next valid record (the byte-by-byte search of
/// `LogFormat`) and goes on, so every damaged place is reported, each with its
/// segment file name and offset.
public enum LogVerifier {
    /// Verifies the log in `directory`.
    public static func verify(
        directory: String,
        fileSystem: any StorageFileSystem = POSIXFileSystem()
    ) -> VerifyReport {
        var report = VerifyReport()
        let names: [(firstSeq: UInt64, name: String)]
        do {
            names = try SegmentFiles.list(directory: directory, fileSystem: fileSystem)
        } catch {
            report.problems.append(VerifyProblem(kind: .unreadable, segment: directory, offset: 0, reason: error.message))
            return report
        }
        report.segmentCount = names.count
        // The seq the next segment should start with; nil after a segment
        // whose end is unknown (bad header, unreadable).
        var expectedNext: UInt64? = 1
        for (position, (firstSeq, name)) in names.enumerated() {
            let isLast = position == names.count - 1
            do {
                expectedNext = try verifySegment(
                    directory: directory, name: name, firstSeq: firstSeq, isLast: isLast,
                    expectedFirstSeq: expectedNext, fileSystem: fileSystem, report: &report
                )
            } catch {
                report.problems.append(VerifyProblem(kind: .unreadable, segment: name, offset: 0, reason: "\(error)"))
                expectedNext = nil
            }
        }
        return report
    }

    /// Verifies one segment; returns the seq the next segment should start
    /// with, or nil if unknown.
    private static func verifySegment(
        directory: String,
        name: String,
        firstSeq: UInt64,
        isLast: Bool,
        expectedFirstSeq: UInt64?,
        fileSystem: any StorageFileSystem,
        report: inout VerifyReport
    ) throws(Errno) -> UInt64? {
        func problem(_ kind: VerifyProblem.Kind, _ offset: Int64, _ reason: String) {
            report.problems.append(VerifyProblem(kind: kind, segment: name, offset: offset, reason: reason))
        }
        if let expectedFirstSeq, firstSeq != expectedFirstSeq {
            problem(
                .sequenceGap, 0,
                expectedFirstSeq == 1
                    ? "the first segment starts at seq \(firstSeq), expected 1: earlier segments are missing"
                    : "segment starts at seq \(firstSeq) but the previous segment ends at seq \(expectedFirstSeq - 1)"
            )
        }
        let file = try fileSystem.open(directory + "/" + name, mode: .readOnly)
        defer { file.close() }
        let size = try file.size()
        report.totalBytes += size
        let header = try SegmentFiles.readPrefix(file, count: LogFormat.segmentHeaderSize)
        if let reason = header.withUnsafeBytes({ LogFormat.headerProblem($0) }) {
            if isLast, try SegmentFiles.isInterruptedStart(file, size: size, header: header) {
                problem(.incompleteSegment, 0, reason + " (crash while the segment was being started)")
                return firstSeq
            }
            problem(.badHeader, 0, reason)
            return nil
        }

        let reader = SegmentReader(file: file, from: Int64(LogFormat.segmentHeaderSize), limit: size)
        var expected = firstSeq
        var segmentRecords: UInt64 = 0
        scanning: while true {
            let scan = try SegmentScan.run(reader: reader, expectedSeq: expected) { seq, _ in
                if report.firstSeq == nil { report.firstSeq = seq }
                report.lastSeq = seq
            }
            report.recordCount += scan.records
            segmentRecords += scan.records
            expected = scan.lastGoodSeq &+ 1
            switch scan.stop {
            case .end:
                break scanning
            case .unexpectedSeq(let offset, let found, let wanted):
                problem(.sequenceGap, offset, "record has seq \(found), expected \(wanted)")
                expected = found
            case .damaged(let offset, let reason):
                let rest = try reader.remainingBytes()
                if let valid = Resync.findValidRecord(in: rest, fileOffset: offset, from: 1, afterSeq: scan.lastGoodSeq) {
                    problem(
                        .corruption, offset,
                        reason + "; next valid record is seq \(valid.seq) at offset \(valid.offset) (\(valid.offset - offset) bytes skipped)"
                    )
                    reader.seek(to: valid.offset)
                    expected = valid.seq
                } else if isLast {
                    problem(.tornTail, offset, reason + " (\(size - offset) bytes to the end of the segment, no valid record after)")
                    break scanning
                } else {
                    problem(.corruption, offset, reason + "; nothing valid follows, in a segment that is not the last")
                    break scanning
                }
            }
        }
        if segmentRecords == 0, !isLast {
            problem(.corruption, Int64(LogFormat.segmentHeaderSize), "segment holds no record but is not the last segment")
        }
        return expected
    }
}
