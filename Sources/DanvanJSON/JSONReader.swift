/// The state of one parse: a cursor over the input bytes plus the parser's explicit stack.
///
/// The parser does not recurse: open arrays and objects are `Frame`s on a heap stack, and their
/// finished children wait in two scratch stacks (`values` for arrays, `members` for objects)
/// until the closing bracket, when they are moved into an exactly sized array. Depth is thus
/// bounded only by `maximumDepth`, never by the thread's stack, and each container's storage
/// is allocated once instead of growing element by element.
struct JSONReader {
    let bytes: UnsafeRawBufferPointer
    let end: Int
    var index = 0
    let maximumDepth: Int

    init(bytes: UnsafeRawBufferPointer, maximumDepth: Int) {
        self.bytes = bytes
        self.end = bytes.count
        self.maximumDepth = max(maximumDepth, 0)
    }

    /// An array or object that has been opened and not yet closed.
    private struct Frame {
        /// Where this container's children start in `values` or `members`.
        let start: Int
        let isObject: Bool
    }

    // MARK: - Document

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw JSONParseError(.byteOrderMark, at: 0)
        }
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard index == end else { throw JSONParseError(.trailingData, at: index) }
        return value
    }

    /// Parses one value starting at `index` (whitespace already skipped), leaving `index` just after it.
    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        var frames = ScratchStack<Frame>()
        var values = ScratchStack<JSONValue>()
        var members = ScratchStack<(key: String, value: JSONValue)>()
        var value: JSONValue

        nextValue: while true {
            guard index < end else { throw JSONParseError(.unexpectedEnd, at: end) }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "{"):
                guard frames.count < maximumDepth else { throw JSONParseError(.tooDeep, at: index) }
                index &+= 1
                skipWhitespace()
                if index < end, bytes[index] == UInt8(ascii: "}") {
                    index &+= 1
                    value = .object(JSONObject())
                } else {
                    let key = try parseKey()
                    frames.append(Frame(start: members.count, isObject: true))
                    members.append((key, .null))
                    continue nextValue
                }
            case UInt8(ascii: "["):
                guard frames.count < maximumDepth else { throw JSONParseError(.tooDeep, at: index) }
                index &+= 1
                skipWhitespace()
                if index < end, bytes[index] == UInt8(ascii: "]") {
                    index &+= 1
                    value = .array([])
                } else {
                    frames.append(Frame(start: values.count, isObject: false))
                    continue nextValue
                }
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try parseNumber())
            default:
                throw unexpected(at: index)
            }

            // `value` is complete: give it to the innermost open container, then close every
            // container whose closing bracket follows, until one continues with a comma.
            while frames.count > 0 {
                let frame = frames.last.pointee
                skipWhitespace()
                guard index < end else { throw JSONParseError(.unexpectedEnd, at: end) }
                let next = bytes[index]
                if frame.isObject {
                    members.last.pointee.value = value
                    if next == UInt8(ascii: ",") {
                        index &+= 1
                        skipWhitespace()
                        let key = try parseKey()
                        members.append((key, .null))
                        continue nextValue
                    }
                    guard next == UInt8(ascii: "}") else { throw unexpected(at: index) }
                    index &+= 1
                    value = .object(JSONObject(members.moveSuffix(from: frame.start)))
                } else {
                    values.append(value)
                    if next == UInt8(ascii: ",") {
                        index &+= 1
                        skipWhitespace()
                        continue nextValue
                    }
                    guard next == UInt8(ascii: "]") else { throw unexpected(at: index) }
                    index &+= 1
                    value = .array(values.moveSuffix(from: frame.start))
                }
                frames.removeLast()
            }
            return value
        }
    }

    /// Parses `"key"` `:` and the whitespace after the colon.
    @inline(__always)
    private mutating func parseKey() throws(JSONParseError) -> String {
        guard index < end, bytes[index] == UInt8(ascii: "\"") else { throw unexpected(at: index) }
        let key = try parseString()
        skipWhitespace()
        guard index < end, bytes[index] == UInt8(ascii: ":") else { throw unexpected(at: index) }
        index &+= 1
        skipWhitespace()
        return key
    }

    // MARK: - Scalars

    mutating func parseNumber() throws(JSONParseError) -> String {
        let start = index
        switch JSONNumberText.scan(bytes, from: start, end: end) {
        case .invalid(let offset):
            throw JSONParseError(.invalidNumber, at: offset)
        case .number(let numberEnd):
            // Characters that could only continue a number mean the number itself is wrong
            // ("01", "1.2.3", "1e5e"), which is a better diagnosis than "trailing data".
            if numberEnd < end {
                let next = bytes[numberEnd]
                if JSONNumberText.isDigit(next) || next == UInt8(ascii: ".")
                    || next | 0x20 == UInt8(ascii: "e")
                    || next == UInt8(ascii: "+") || next == UInt8(ascii: "-")
                {
                    throw JSONParseError(.invalidNumber, at: numberEnd)
                }
            }
            index = numberEnd
            return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<numberEnd]), as: UTF8.self)
        }
    }

    @inline(__always)
    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let expected = UnsafeRawBufferPointer(start: literal.utf8Start, count: count)
        for offset in 0..<count {
            let position = index &+ offset
            guard position < end, bytes[position] == expected[offset] else { throw unexpected(at: position) }
        }
        index &+= count
    }

    // MARK: - Helpers

    @inline(__always)
    mutating func skipWhitespace() {
        while index < end {
            let byte = bytes[index]
            guard byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 else { return }
            index &+= 1
        }
    }

    /// The error for a byte that does not fit the grammar at `position`: the end of the input,
    /// a byte that is not even UTF-8, or an unexpected character.
    func unexpected(at position: Int) -> JSONParseError {
        guard position < end else { return JSONParseError(.unexpectedEnd, at: end) }
        if bytes[position] >= 0x80, UTF8Validation.multiByteSequenceLength(bytes, at: position, end: end) == 0 {
            return JSONParseError(.invalidUTF8, at: position)
        }
        return JSONParseError(.unexpectedCharacter, at: position)
    }
}
