import Testing

@testable import DanvanStorage

/// The byte layout of records and segment headers, as `LogFormat` documents it.
@Suite struct RecordFramingTests {
    /// Whether `bytes` is exactly one valid record.
    static func isValidRecord(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            guard raw.count >= LogFormat.recordHeaderSize else { return false }
            let header = RecordHeader(raw, at: 0)
            guard header.recordSize == raw.count else { return false }
            return RecordHeader.expectedChecksum(raw, recordAt: 0, length: header.length) == header.crc
        }
    }

    @Test func recordLayoutIsAsDocumented() {
        var batch = RecordBatch()
        batch.append(seq: 0x0102_0304_0506_0708, recordedAtMicros: -2, payload: Array("abc".utf8))
        let bytes = batch.bytes
        #expect(bytes.count == 24 + 3)
        #expect(Array(bytes[0..<4]) == [3, 0, 0, 0])
        #expect(Array(bytes[8..<16]) == [8, 7, 6, 5, 4, 3, 2, 1])
        #expect(Array(bytes[16..<24]) == [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(Array(bytes[24...]) == Array("abc".utf8))
        // The CRC covers everything but itself: length, then seq, time, payload.
        let covered = Array(bytes[0..<4]) + Array(bytes[8...])
        let crc = CRC32C.checksum(covered)
        #expect(Array(bytes[4..<8]) == [UInt8(crc & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8((crc >> 16) & 0xFF), UInt8(crc >> 24)])
    }

    @Test func roundTrip() {
        let records = makeRecords(1...20) { seq in Int(seq * 37 % 101) } + [
            PendingRecord(seq: 21, recordedAtMicros: Int64.min, payload: []),
            PendingRecord(seq: 22, recordedAtMicros: Int64.max, payload: [0]),
        ]
        let batch = RecordBatch(records)
        #expect(batch.count == records.count)
        #expect(batch.firstSeq == 1)
        #expect(batch.lastSeq == 22)
        #expect(batch.problem == nil)
        var decoded: [PendingRecord] = []
        batch.bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let header = RecordHeader(raw, at: offset)
                #expect(RecordHeader.expectedChecksum(raw, recordAt: offset, length: header.length) == header.crc)
                let payload = Array(raw[(offset + 24)..<(offset + header.recordSize)])
                decoded.append(PendingRecord(seq: header.seq, recordedAtMicros: header.recordedAtMicros, payload: payload))
                offset += header.recordSize
            }
        }
        #expect(decoded == records)
    }

    @Test func everySingleBitFlipIsDetected() {
        let batch = RecordBatch([PendingRecord(seq: 9, recordedAtMicros: 123_456, payload: payload(seq: 9, length: 30))])
        let original = batch.bytes
        #expect(Self.isValidRecord(original))
        for byte in 0..<original.count {
            for bit in 0..<8 {
                var damaged = original
                damaged[byte] ^= UInt8(1 << bit)
                #expect(!Self.isValidRecord(damaged), "flip of bit \(bit) of byte \(byte) went unnoticed")
            }
        }
    }

    @Test func writingPayloadClosureFramesLikeArrayPayload() {
        var direct = RecordBatch()
        direct.append(seq: 5, recordedAtMicros: 77) { buffer in buffer.append(contentsOf: [1, 2, 3, 4]) }
        let viaArray = RecordBatch([PendingRecord(seq: 5, recordedAtMicros: 77, payload: [1, 2, 3, 4])])
        #expect(direct.bytes == viaArray.bytes)
    }

    @Test func batchRemembersNonConsecutiveSeqs() {
        let batch = RecordBatch(makeRecords(1...2) + makeRecords(4...4))
        #expect(batch.problem?.code == .sequenceGap)
    }

    @Test func segmentHeaderLayout() {
        #expect(LogFormat.segmentHeader == Array("DANVANLG".utf8) + [1, 0, 0, 0] + [0, 0, 0, 0])
        LogFormat.segmentHeader.withUnsafeBytes { #expect(LogFormat.headerProblem($0) == nil) }
        var badReserved = LogFormat.segmentHeader
        badReserved[12] = 1
        badReserved.withUnsafeBytes { #expect(LogFormat.headerProblem($0) != nil) }
    }

    @Test func segmentFileNames() {
        #expect(LogFormat.segmentFileName(firstSeq: 1) == "00000000000000000001.dvlog")
        #expect(LogFormat.segmentFileName(firstSeq: UInt64.max) == "18446744073709551615.dvlog")
        #expect(LogFormat.firstSeq(ofSegmentFileName: "00000000000000004097.dvlog") == 4097)
        #expect(LogFormat.firstSeq(ofSegmentFileName: "LOCK") == nil)
        #expect(LogFormat.firstSeq(ofSegmentFileName: "0000000000000000001.dvlog") == nil)
        #expect(LogFormat.firstSeq(ofSegmentFileName: "0000000000000000000x.dvlog") == nil)
        #expect(LogFormat.firstSeq(ofSegmentFileName: "99999999999999999999.dvlog") == nil)
        #expect(LogFormat.firstSeq(ofSegmentFileName: "00000000000000000001.dvlog.tmp") == nil)
    }
}
