import DanvanDomain
import DanvanJSON
import DanvanStorage

/// libFuzzer entry point: one input is either a whole segment file or one record payload.
///
/// - Input starting with the segment magic (`DANVANLG`): the bytes are the first segment of
///   a log (`00000000000000000001.dvlog`, on a `MemoryFileSystem`). `LogVerifier` reads it,
///   `SegmentedLog.open` recovers it (torn-tail repair included), and every record a
///   snapshot replays is checked against the recovered file bytes: its frame must be where
///   the previous one ended and its CRC-32C must match (a record accepted without a valid
///   CRC would be silent corruption). Each payload is then decoded as an event.
/// - Any other input: the bytes are one record payload, decoded by `EventPayloadCodec`
///   (formats 1 and 2), which must throw, never trap, on bytes that are not an event.
///
/// Invariants (a `fatalError` is a libFuzzer crash with the input kept):
/// - a segment `LogVerifier` finds free of corruption opens, with the same records;
///   a segment it finds corrupt is refused;
/// - after a successful open the log verifies clean (recovery left no damage behind);
/// - every replayed record has a valid CRC and the expected seq;
/// - a decoded event survives the codec: `decode(encode(e)) == e`, and its JSON form
///   (`export`, `read`) is valid JSON.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRecord(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if bytes.starts(with: LogFormat.magic) {
        fuzzSegment(bytes)
    } else {
        bytes.withUnsafeBytes { decodePayload($0, seq: 1, recordedAtMicros: 0) }
    }
    return 0
}

private let directory = "/fuzz"
private let segmentName = LogFormat.segmentFileName(firstSeq: 1)
private let segmentPath = directory + "/" + segmentName

private func fuzzSegment(_ segment: [UInt8]) {
    let before = LogVerifier.verify(
        directory: directory, fileSystem: MemoryFileSystem(directory: directory, files: [segmentName: segment]))

    let fileSystem = MemoryFileSystem(directory: directory, files: [segmentName: segment])
    let log: SegmentedLog
    do {
        log = try SegmentedLog.open(directory: directory, fileSystem: fileSystem, onTruncate: { _ in })
    } catch {
        guard before.hasCorruption else {
            fatalError("recovery refused a segment that verify finds repairable: \(error); verify: \(before)")
        }
        return
    }
    defer { log.close() }
    guard !before.hasCorruption else {
        fatalError("recovery opened a segment that verify finds corrupt: \(before)")
    }
    let after = LogVerifier.verify(directory: directory, fileSystem: fileSystem)
    guard after.isClean else { fatalError("the log does not verify clean after recovery: \(after)") }
    if before.isClean, log.lastSeq != before.recordCount {
        fatalError("recovery kept \(log.lastSeq) records of a clean segment holding \(before.recordCount)")
    }
    guard let recovered = fileSystem.bytes(segmentPath) else { fatalError("recovery removed the segment") }
    replay(log.snapshot(), recovered: recovered)
}

/// Replays every record and checks each against the file bytes: the frame where the previous
/// record ended, a matching CRC, the next seq.
private func replay(_ snapshot: LogSnapshot, recovered: [UInt8]) {
    var offset = LogFormat.segmentHeaderSize
    var expectedSeq: UInt64 = 1
    do {
        try snapshot.forEach { record in
            let header = LogFormat.recordHeaderSize
            guard record.seq == expectedSeq else { fatalError("replayed seq \(record.seq), expected \(expectedSeq)") }
            guard offset + header + record.payload.count <= recovered.count else {
                fatalError("record \(record.seq) runs past the recovered segment")
            }
            recovered.withUnsafeBytes { file in
                let length = file.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
                let crc = file.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self).littleEndian
                guard Int(length) == record.payload.count else { fatalError("record \(record.seq): length mismatch") }
                let expected = CRC32C.update(
                    CRC32C.checksum(UnsafeRawBufferPointer(rebasing: file[offset..<(offset + 4)])),
                    UnsafeRawBufferPointer(rebasing: file[(offset + 8)..<(offset + header + Int(length))]))
                guard crc == expected else {
                    fatalError("record \(record.seq) at offset \(offset) was accepted with a bad CRC")
                }
            }
            decodePayload(record.payload, seq: record.seq, recordedAtMicros: record.recordedAtMicros)
            offset += header + record.payload.count
            expectedSeq += 1
            return true
        }
    } catch {
        fatalError("replay of a recovered log failed: \(error)")
    }
    guard expectedSeq - 1 == snapshot.lastSeq else {
        fatalError("replay stopped at \(expectedSeq - 1) of \(snapshot.lastSeq) records")
    }
}

/// Decodes a payload; a decoded event must survive the codec and render as JSON.
private func decodePayload(_ payload: UnsafeRawBufferPointer, seq: UInt64, recordedAtMicros: Int64) {
    let event: StoredEvent
    do {
        event = try EventPayloadCodec.decode(payload, seq: seq, recordedAtMicros: recordedAtMicros)
    } catch {
        _ = error.description
        return
    }
    var encoded: [UInt8] = []
    EventPayloadCodec.encode(event, into: &encoded)
    let again = encoded.withUnsafeBytes { raw in
        Result { () throws(EventCodecError) in
            try EventPayloadCodec.decode(raw, seq: seq, recordedAtMicros: recordedAtMicros)
        }
    }
    switch again {
    case .success(let back) where back == event: break
    case .success(let back): fatalError("the codec changed an event: \(event) became \(back)")
    case .failure(let error): fatalError("a re-encoded event does not decode: \(error) (\(event))")
    }
    var json: [UInt8] = []
    JSONWriter.write(event.json, into: &json)
    guard (try? JSONParser.parse(json)) != nil else {
        fatalError("an event's JSON does not parse: \(String(decoding: json, as: UTF8.self))")
    }
    // The JSON form of the data is what `import` validates again; exercised, not asserted:
    // stored text is trusted (trimmed and NFC at append) and not re-checked on decode.
    if case .object(let object) = event.json, let data = object["data"] {
        _ = try? EventData(type: event.type, data: data, path: "data")
    }
}
