import DanvanJSON

/// The log's record payload for an event: a small binary envelope and the `data`
/// in `JSONBinary` form, so that replay reads no JSON text at all.
///
/// Layout (version 1): `u8 version=1 | u8 type tag | 16 B id | u32 uid |
/// varint len + user UTF-8 | u8 flags (bit 0: stream) | [varint len + stream, i64 version] | data`.
/// The record's seq and time live in the storage frame, not here.
public enum EventPayloadCodec {
    /// Current payload format.
    public static let formatVersion: UInt8 = 1

    /// Appends the payload of `event` to `out`.
    public static func encode(_ event: StoredEvent, into out: inout [UInt8]) {
        out.append(formatVersion)
        out.append(event.type.tag)
        appendBE(event.id.high, &out)
        appendBE(event.id.low, &out)
        withUnsafeBytes(of: event.actor.uid.littleEndian) { out.append(contentsOf: $0) }
        appendString(event.actor.user, &out)
        if let stream = event.stream {
            out.append(1)
            appendString(stream, &out)
            withUnsafeBytes(of: (event.version ?? 0).littleEndian) { out.append(contentsOf: $0) }
        } else {
            out.append(0)
        }
        JSONBinary.encode(.object(event.data.json), into: &out)
    }

    /// Decodes a payload; `seq` and `recordedAtMicros` come from the record frame.
    public static func decode(_ bytes: UnsafeRawBufferPointer, seq: UInt64, recordedAtMicros: Int64) throws(EventCodecError) -> StoredEvent {
        var r = ByteReader(bytes: bytes)
        guard let version = r.u8(), version == formatVersion else {
            throw EventCodecError(seq: seq, "unknown payload format")
        }
        guard let tag = r.u8(), let type = EventType(tag: tag) else {
            throw EventCodecError(seq: seq, "unknown event type tag")
        }
        guard let high = r.u64BE(), let low = r.u64BE(), let uid = r.u32LE(), let user = r.string(), let flags = r.u8() else {
            throw EventCodecError(seq: seq, "truncated envelope")
        }
        var stream: String?
        var streamVersion: Int64?
        if flags & 1 != 0 {
            guard let s = r.string(), let v = r.u64LE() else { throw EventCodecError(seq: seq, "truncated stream") }
            stream = s
            streamVersion = Int64(bitPattern: v)
        }
        let value: JSONValue
        do {
            value = try JSONBinary.decode(UnsafeRawBufferPointer(rebasing: bytes[r.offset...]))
        } catch {
            throw EventCodecError(seq: seq, "bad data: \(error)")
        }
        let data: EventData
        do {
            data = try EventData(type: type, data: value, path: "data", trusted: true)
        } catch {
            throw EventCodecError(seq: seq, "data no longer valid: \(error)")
        }
        return StoredEvent(
            seq: seq, id: EventID(high: high, low: low), stream: stream, version: streamVersion,
            recordedAtMicros: recordedAtMicros, actor: Actor(uid: uid, user: user), data: data)
    }

    private static func appendBE(_ v: UInt64, _ out: inout [UInt8]) {
        withUnsafeBytes(of: v.bigEndian) { out.append(contentsOf: $0) }
    }

    private static func appendString(_ s: String, _ out: inout [UInt8]) {
        var n = UInt64(s.utf8.count)
        while n >= 0x80 {
            out.append(UInt8(n & 0x7F) | 0x80)
            n >>= 7
        }
        out.append(UInt8(n))
        out.append(contentsOf: s.utf8)
    }
}

/// A record payload that does not decode: corruption that passed the CRC, or a payload
/// from a newer danvan. Replay stops on it rather than skip a fact.
public struct EventCodecError: Error, Sendable, CustomStringConvertible {
    /// The record's sequence number.
    public let seq: UInt64
    /// What is wrong.
    public let reason: String

    init(seq: UInt64, _ reason: String) {
        self.seq = seq
        self.reason = reason
    }

    public var description: String { "record \(seq): \(reason)" }
}

/// Bounds-checked little reader over a payload.
struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    mutating func u8() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func fixed<T: FixedWidthInteger>(_: T.Type) -> T? {
        let size = MemoryLayout<T>.size
        guard bytes.count - offset >= size else { return nil }
        var v: T = 0
        withUnsafeMutableBytes(of: &v) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + size)])) }
        offset += size
        return v
    }

    mutating func u64BE() -> UInt64? { fixed(UInt64.self).map { UInt64(bigEndian: $0) } }
    mutating func u64LE() -> UInt64? { fixed(UInt64.self).map { UInt64(littleEndian: $0) } }
    mutating func u32LE() -> UInt32? { fixed(UInt32.self).map { UInt32(littleEndian: $0) } }

    mutating func varint() -> Int? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while let b = u8() {
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result <= UInt64(Int32.max) ? Int(result) : nil }
            shift += 7
            if shift > 35 { return nil }
        }
        return nil
    }

    mutating func string() -> String? {
        guard let n = varint(), bytes.count - offset >= n else { return nil }
        defer { offset += n }
        return String(validating: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)]), as: UTF8.self)
    }
}
