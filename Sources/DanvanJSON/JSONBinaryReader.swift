/// The state of one `JSONBinary.decode`: a cursor plus an explicit stack of open containers.
///
/// Like `JSONReader`, it does not recurse, so nesting is bounded only by `maximumDepth`. Every
/// length and count is checked against the bytes that remain before anything is allocated, so
/// a corrupt count of 2^60 fails at once instead of reserving memory for it.
struct JSONBinaryReader {
    let bytes: UnsafeRawBufferPointer
    let end: Int
    var offset = 0
    let maximumDepth: Int

    init(bytes: UnsafeRawBufferPointer, maximumDepth: Int) {
        self.bytes = bytes
        self.end = bytes.count
        self.maximumDepth = max(maximumDepth, 0)
    }

    private struct Frame {
        /// Where this container's children start in `values` or `members`.
        let start: Int
        let isObject: Bool
        /// Children still to read.
        var remaining: Int
    }

    private typealias Tag = JSONBinary.Tag

    /// Reads one value starting at `offset`, leaving `offset` just after it.
    mutating func readValue() throws(JSONBinaryError) -> JSONValue {
        var frames = ScratchStack<Frame>()
        var values = ScratchStack<JSONValue>()
        var members = ScratchStack<(key: String, value: JSONValue)>()
        var value: JSONValue

        nextValue: while true {
            guard offset < end else { throw JSONBinaryError(.unexpectedEnd, at: end) }
            let tagOffset = offset
            let tag = bytes[offset]
            offset &+= 1
            switch tag {
            case Tag.null:
                value = .null
            case Tag.false:
                value = .bool(false)
            case Tag.true:
                value = .bool(true)
            case Tag.integer:
                let zigzag = try readVarint()
                let integer = Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1)))
                value = .number(String(integer))
            case Tag.number:
                let text = try readBytes()
                guard JSONNumberText.isValid(text) else { throw JSONBinaryError(.invalidNumber, at: offset &- text.count) }
                value = .number(String(decoding: text, as: UTF8.self))
            case Tag.string:
                value = .string(try readString())
            case Tag.array, Tag.object:
                let isObject = tag == Tag.object
                guard frames.count < maximumDepth else { throw JSONBinaryError(.tooDeep, at: tagOffset) }
                let countOffset = offset
                let count = try readVarint()
                // Each element needs at least one byte (a tag); each member at least two
                // (an empty key's length and a tag).
                let minimumSize: UInt64 = isObject ? 2 : 1
                guard count <= UInt64(end &- offset) / minimumSize else {
                    throw JSONBinaryError(.invalidLength, at: countOffset)
                }
                if count == 0 {
                    value = isObject ? .object(JSONObject()) : .array([])
                } else if isObject {
                    frames.append(Frame(start: members.count, isObject: true, remaining: Int(count)))
                    members.append((try readString(), .null))
                    continue nextValue
                } else {
                    frames.append(Frame(start: values.count, isObject: false, remaining: Int(count)))
                    continue nextValue
                }
            default:
                throw JSONBinaryError(.invalidTag, at: tagOffset)
            }

            // `value` is complete: store it in the innermost container and close every
            // container that has all its children.
            while frames.count > 0 {
                // One `last` read, not two: `frames.last.pointee.remaining &-= 1` crashes
                // swiftc 6.3.1 under -sanitize=thread ("Invalid bitcast" in IRGen), which
                // would stop `make test-tsan` from building.
                let top = frames.last
                top.pointee.remaining &-= 1
                let frame = top.pointee
                if frame.isObject {
                    members.last.pointee.value = value
                    if frame.remaining > 0 {
                        members.append((try readString(), .null))
                        continue nextValue
                    }
                    value = .object(JSONObject(members.moveSuffix(from: frame.start)))
                } else {
                    values.append(value)
                    if frame.remaining > 0 { continue nextValue }
                    value = .array(values.moveSuffix(from: frame.start))
                }
                frames.removeLast()
            }
            return value
        }
    }

    /// An unsigned LEB128 varint of at most ten bytes whose value fits in 64 bits.
    @inline(__always)
    private mutating func readVarint() throws(JSONBinaryError) -> UInt64 {
        // Lengths, counts and small integers mostly fit in one byte.
        if offset < end, bytes[offset] < 0x80 {
            offset &+= 1
            return UInt64(bytes[offset &- 1])
        }
        return try readLongVarint()
    }

    private mutating func readLongVarint() throws(JSONBinaryError) -> UInt64 {
        let start = offset
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < end else { throw JSONBinaryError(.unexpectedEnd, at: end) }
            let byte = bytes[offset]
            offset &+= 1
            // The tenth byte holds bit 63 only: anything more overflows or goes on too long.
            if shift == 63, byte > 1 { throw JSONBinaryError(.invalidVarint, at: start) }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift &+= 7
        }
    }

    /// A varint length followed by that many bytes (which must all be present).
    private mutating func readBytes() throws(JSONBinaryError) -> UnsafeRawBufferPointer {
        let lengthOffset = offset
        let length = try readVarint()
        guard length <= UInt64(end &- offset) else { throw JSONBinaryError(.invalidLength, at: lengthOffset) }
        let start = offset
        offset &+= Int(length)
        return UnsafeRawBufferPointer(rebasing: bytes[start..<offset])
    }

    /// A length-prefixed string whose bytes must be well-formed UTF-8.
    private mutating func readString() throws(JSONBinaryError) -> String {
        let text = try readBytes()
        guard let string = UTF8Validation.string(text) else {
            let start = offset &- text.count
            let bad = UTF8Validation.firstInvalidOffset(bytes, from: start, to: offset) ?? start
            throw JSONBinaryError(.invalidUTF8, at: bad)
        }
        return string
    }
}
