import Foundation
import Testing

@testable import DanvanStorage

/// The offline verifier: counts, and every damaged place reported once.
@Suite struct LogVerifierTests {
    @Test func cleanLog() throws {
        let directory = try RecoveryTests.makeLog(count: 200)
        let report = LogVerifier.verify(directory: directory.path)
        #expect(report.isClean, "\(report)")
        #expect(!report.hasCorruption)
        #expect(report.segmentCount == 4)
        #expect(report.recordCount == 200)
        #expect(report.firstSeq == 1)
        #expect(report.lastSeq == 200)
        let sizes = try directory.segmentPaths().map { try fileSize($0) }
        #expect(report.totalBytes == Int64(sizes.reduce(0, +)))
    }

    @Test func emptyDirectoryIsClean() throws {
        let directory = try TemporaryDirectory()
        let report = LogVerifier.verify(directory: directory.path)
        #expect(report.isClean)
        #expect(report.segmentCount == 0)
        #expect(report.lastSeq == nil)
    }

    @Test func tornTailIsReportedAsSuch() throws {
        let directory = try RecoveryTests.makeLog()
        let path = directory.file(RecoveryTests.second)
        let bytes = try readBytes(path)
        try writeBytes(Array(bytes.dropLast(20)), to: path)
        let before = try directory.contents()

        let report = LogVerifier.verify(directory: directory.path)
        #expect(report.problems.count == 1, "\(report)")
        #expect(report.problems.first?.kind == .tornTail)
        #expect(report.problems.first?.segment == RecoveryTests.second)
        #expect(report.problems.first?.offset == Int64(RecoveryTests.offset(ofRecord: 6)))
        #expect(!report.hasCorruption)
        #expect(report.lastSeq == 69)
        #expect(try directory.contents() == before)
    }

    @Test func twoFlippedRecordsAreTwoProblems() throws {
        let directory = try RecoveryTests.makeLog(count: 10)
        let path = directory.file(RecoveryTests.first)
        try flipBit(in: path, at: RecoveryTests.offset(ofRecord: 2) + 40)  // seq 3
        try flipBit(in: path, at: RecoveryTests.offset(ofRecord: 6) + 10)  // seq 7
        let before = try directory.contents()

        let report = LogVerifier.verify(directory: directory.path)
        #expect(report.problems.map(\.kind) == [.corruption, .corruption], "\(report)")
        #expect(report.problems.map(\.segment) == [RecoveryTests.first, RecoveryTests.first])
        #expect(report.problems.map(\.offset) == [
            Int64(RecoveryTests.offset(ofRecord: 2)), Int64(RecoveryTests.offset(ofRecord: 6)),
        ])
        #expect(report.hasCorruption)
        #expect(report.recordCount == 8)
        #expect(report.lastSeq == 10)
        #expect(try directory.contents() == before)

        // Open agrees, and stops at the first one.
        let error = expectStorageError(.corrupted) { _ = try RecoveryTests.open(directory) }
        #expect(error?.offset == Int64(RecoveryTests.offset(ofRecord: 2)))
    }

    @Test func problemsInSeveralSegmentsAndAGap() throws {
        let directory = try RecoveryTests.makeLog(count: 200)  // segments 1, 64, 127, 190
        try flipBit(in: directory.file(RecoveryTests.first), at: RecoveryTests.offset(ofRecord: 10) + 30)
        try FileManager.default.removeItem(atPath: directory.file("00000000000000000127.dvlog"))
        try writeBytes(Array("garbage!garbage!".utf8), to: directory.file("00000000000000000190.dvlog"))

        let report = LogVerifier.verify(directory: directory.path)
        #expect(report.problems.map(\.kind) == [.corruption, .sequenceGap, .badHeader], "\(report)")
        #expect(report.problems.map(\.segment) == [
            RecoveryTests.first, "00000000000000000190.dvlog", "00000000000000000190.dvlog",
        ])
        #expect(report.recordCount == 62 + 63)
    }

    @Test func incompleteLastSegmentIsRepairableNotCorruption() throws {
        let directory = try RecoveryTests.makeLog()
        try writeBytes([], to: directory.file("00000000000000000071.dvlog"))
        let report = LogVerifier.verify(directory: directory.path)
        #expect(report.problems.map(\.kind) == [.incompleteSegment])
        #expect(!report.hasCorruption)
    }
}
