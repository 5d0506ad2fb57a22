/// A compact, self-delimiting binary form of `JSONValue` for storage.
///
/// Stored events are decoded far more often than they are written (every restart replays the
/// log). This form is shorter than JSON text (integers as varints, no quotes, commas or
/// escapes) and needs no tokenising or unescaping: strings are length-prefixed copies. Its
/// decoding cost is then mostly that of building the `JSONValue` itself.
///
/// Layout: each value starts with a tag byte; varints are unsigned LEB128 (at most ten bytes).
///
/// | tag    | value   | followed by                                                   |
/// |--------|---------|---------------------------------------------------------------|
/// | `0x00` | null    | nothing                                                       |
/// | `0x01` | false   | nothing                                                       |
/// | `0x02` | true    | nothing                                                       |
/// | `0x03` | integer | zigzag varint (text in canonical form `-?[1-9][0-9]*` or `0`) |
/// | `0x04` | number  | varint byte length, then the number text                      |
/// | `0x05` | string  | varint byte length, then the UTF-8 bytes                      |
/// | `0x06` | array   | varint count, then that many values                           |
/// | `0x07` | object  | varint count, then per member: varint key length, key bytes, value |
///
/// The tags are part of the on-disk format and must never be renumbered.
///
/// Round trip: `decode(encode(v)) == v` for every value whose number texts are valid JSON
/// numbers (all values from `JSONParser` and `JSONBinary.decode`) and whose nesting is within
/// the decoder's `maximumDepth` (64 by default, as for the parser), with every member and number
/// text exactly as it was: only canonical integer texts become varints, so `"1.0"`, `"-0"` and
/// `"1e2"` keep their spelling. Object members are all stored, duplicates included, in order.
/// A `.number` holding text that is not a JSON number (possible only when built by hand) is
/// stored as null, as `JSONWriter` does, so that stored data is always valid.
///
/// Decoding is total: any byte string either decodes or throws `JSONBinaryError`; it never traps,
/// never allocates more than the input can justify, and keeps its own stack instead of recursing.
public enum JSONBinary {
    /// The nesting limit `decode` uses when none is given, equal to `JSONParser`'s default so
    /// that anything parsed with defaults can be stored and read back.
    public static let defaultMaximumDepth = 64

    enum Tag {
        static let null: UInt8 = 0x00
        static let `false`: UInt8 = 0x01
        static let `true`: UInt8 = 0x02
        static let integer: UInt8 = 0x03
        static let number: UInt8 = 0x04
        static let string: UInt8 = 0x05
        static let array: UInt8 = 0x06
        static let object: UInt8 = 0x07
    }

    // MARK: - Encoding

    /// Appends the binary form of `value` to `buffer` (so several values or a record header can
    /// share one buffer).
    ///
    /// Encoding recurses once per nesting level, like `JSONWriter`.
    public static func encode(_ value: JSONValue, into buffer: inout [UInt8]) {
        var sink = ByteSink()
        encode(value, to: &sink)
        buffer.append(contentsOf: sink.bytes)
    }

    /// The binary form of `value` as a new array.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var sink = ByteSink()
        encode(value, to: &sink)
        return Array(sink.bytes)
    }

    static func encode(_ value: JSONValue, to sink: inout ByteSink) {
        switch value {
        case .null:
            sink.append(Tag.null)
        case .bool(let flag):
            sink.append(flag ? Tag.true : Tag.false)
        case .number(let text):
            text.withUTF8Bytes { bytes in
                if let integer = JSONNumberText.canonicalInt64(bytes) {
                    sink.append(Tag.integer)
                    appendVarint(UInt64(bitPattern: (integer &<< 1) ^ (integer &>> 63)), to: &sink)
                } else if JSONNumberText.isValid(bytes) {
                    sink.append(Tag.number)
                    appendVarint(UInt64(bytes.count), to: &sink)
                    sink.append(bytes)
                } else {
                    sink.append(Tag.null)
                }
            }
        case .string(let text):
            sink.append(Tag.string)
            appendText(text, to: &sink)
        case .array(let items):
            sink.append(Tag.array)
            appendVarint(UInt64(items.count), to: &sink)
            for item in items { encode(item, to: &sink) }
        case .object(let object):
            sink.append(Tag.object)
            appendVarint(UInt64(object.members.count), to: &sink)
            for member in object.members {
                appendText(member.key, to: &sink)
                encode(member.value, to: &sink)
            }
        }
    }

    @inline(__always)
    private static func appendText(_ text: String, to sink: inout ByteSink) {
        text.withUTF8Bytes { bytes in
            appendVarint(UInt64(bytes.count), to: &sink)
            sink.append(bytes)
        }
    }

    @inline(__always)
    static func appendVarint(_ value: UInt64, to sink: inout ByteSink) {
        var rest = value
        while rest >= 0x80 {
            sink.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest &>>= 7
        }
        sink.append(UInt8(truncatingIfNeeded: rest))
    }

    // MARK: - Decoding

    /// Decodes one value that must fill `bytes` exactly.
    ///
    /// - Parameter maximumDepth: how many arrays and objects may be nested inside each other;
    ///   deeper data fails with `.tooDeep`. Negative counts as `0` (scalars only).
    /// - Throws: `JSONBinaryError` with the code and offset of the first problem found.
    public static func decode(
        _ bytes: UnsafeRawBufferPointer, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONBinaryError) -> JSONValue {
        var reader = JSONBinaryReader(bytes: bytes, maximumDepth: maximumDepth)
        let value = try reader.readValue()
        guard reader.offset == bytes.count else { throw JSONBinaryError(.trailingData, at: reader.offset) }
        return value
    }

    /// Decodes one value held in an array, without copying it.
    public static func decode(
        _ bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONBinaryError) -> JSONValue {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(JSONBinaryError) in try decode(raw, maximumDepth: maximumDepth) }
        }.get()
    }

    /// Decodes one value held in an array slice, without copying it; offsets in errors count
    /// from the start of the slice.
    public static func decode(
        _ bytes: ArraySlice<UInt8>, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONBinaryError) -> JSONValue {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(JSONBinaryError) in try decode(raw, maximumDepth: maximumDepth) }
        }.get()
    }
}
