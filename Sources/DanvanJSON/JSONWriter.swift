/// Compact JSON output, appended as UTF-8 bytes to a buffer.
///
/// Every reply the daemon sends goes through here, so it writes bytes (never intermediate
/// `String`s) into a private buffer and appends them to the caller's array in one copy; the
/// caller can reuse that array from line to line.
///
/// Output rules, chosen so that any consumer reads back the same value:
/// - Compact: no whitespace at all.
/// - Object members in member order. When a key appears more than once (possible only in an
///   object parsed from such a document, or built by editing `members` directly), only its last
///   occurrence is written, at that occurrence's position. That is the value `JSONObject` lookup
///   gives; writing every occurrence would let a first-wins consumer read a different value.
/// - Strings escape only what RFC 8259 requires: `"`, `\` and control characters below 0x20
///   (`\b \f \n \r \t` when they have a short form, `\u00XX` otherwise). Everything else,
///   non-ASCII included, is written as raw UTF-8: Vietnamese text stays readable and short.
/// - Numbers are written as their text. A `.number` whose text is not a JSON number (only
///   possible when built by hand, e.g. `.number("NaN")`) is written as `null`, so the output is
///   always valid JSON rather than a line that breaks the client's parser.
///
/// Writing recurses once per nesting level; values from `JSONParser` are bounded by its depth limit.
public enum JSONWriter {
    /// Appends the compact JSON text of `value` to `buffer`.
    ///
    /// Appending (rather than returning a new array) lets the caller frame a whole reply line,
    /// prefix and newline included, in one reusable buffer.
    public static func write(_ value: JSONValue, into buffer: inout [UInt8]) {
        var sink = ByteSink()
        write(value, to: &sink)
        buffer.append(contentsOf: sink.bytes)
    }

    /// The compact JSON text of `value` as a `String`, for logs, tests and command-line output.
    public static func string(_ value: JSONValue) -> String {
        var sink = ByteSink()
        write(value, to: &sink)
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    /// The compact JSON text of `value` as a new byte array.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var sink = ByteSink()
        write(value, to: &sink)
        return Array(sink.bytes)
    }

    /// Appends `text` as a JSON string literal (quotes included) to `buffer`.
    ///
    /// Public because the protocol layer writes keys and short strings without wrapping them
    /// in a `JSONValue` first.
    public static func writeString(_ text: String, into buffer: inout [UInt8]) {
        var sink = ByteSink(capacity: text.utf8.count &+ 16)
        writeString(text, to: &sink)
        buffer.append(contentsOf: sink.bytes)
    }

    // MARK: - Implementation

    static func write(_ value: JSONValue, to sink: inout ByteSink) {
        switch value {
        case .null:
            sink.append("null")
        case .bool(let flag):
            sink.append(flag ? "true" : "false")
        case .number(let text):
            text.withUTF8Bytes { bytes in
                if JSONNumberText.isValid(bytes) {
                    sink.append(bytes)
                } else {
                    sink.append("null")
                }
            }
        case .string(let text):
            writeString(text, to: &sink)
        case .array(let items):
            sink.append(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { sink.append(UInt8(ascii: ",")) }
                first = false
                write(item, to: &sink)
            }
            sink.append(UInt8(ascii: "]"))
        case .object(let object):
            writeObject(object, to: &sink)
        }
    }

    private static func writeObject(_ object: JSONObject, to sink: inout ByteSink) {
        sink.append(UInt8(ascii: "{"))
        let members = object.members
        let skipped = DuplicateKeys.earlierOccurrences(in: members)
        var first = true
        for index in members.indices where !skipped.contains(index) {
            if !first { sink.append(UInt8(ascii: ",")) }
            first = false
            writeString(members[index].key, to: &sink)
            sink.append(UInt8(ascii: ":"))
            write(members[index].value, to: &sink)
        }
        sink.append(UInt8(ascii: "}"))
    }

    @inline(__always)
    static func writeString(_ text: String, to sink: inout ByteSink) {
        sink.append(UInt8(ascii: "\""))
        text.withUTF8Bytes { bytes in
            appendEscaped(bytes, to: &sink)
        }
        sink.append(UInt8(ascii: "\""))
    }

    /// Appends `bytes` escaped, copying the runs between escapes in one go and finding the next
    /// byte to escape eight bytes at a time.
    private static func appendEscaped(_ bytes: UnsafeRawBufferPointer, to sink: inout ByteSink) {
        let count = bytes.count
        var runStart = 0
        var index = 0
        while index < count {
            if count &- index >= 8 {
                let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let mask = ByteMasks.stringSpecials(word)
                if mask == 0 {
                    index &+= 8
                    continue
                }
                index &+= mask.trailingZeroBitCount &>> 3
            }
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                index &+= 1  // only in the last seven bytes
                continue
            }
            sink.append(UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
            sink.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): sink.append(byte)
            case 0x08: sink.append(UInt8(ascii: "b"))
            case 0x0C: sink.append(UInt8(ascii: "f"))
            case 0x0A: sink.append(UInt8(ascii: "n"))
            case 0x0D: sink.append(UInt8(ascii: "r"))
            case 0x09: sink.append(UInt8(ascii: "t"))
            default:
                let hex: StaticString = "0123456789abcdef"
                sink.append("u00")
                sink.append(hex.utf8Start[Int(byte &>> 4)])
                sink.append(hex.utf8Start[Int(byte & 0x0F)])
            }
            index &+= 1
            runStart = index
        }
        sink.append(UnsafeRawBufferPointer(rebasing: bytes[runStart..<count]))
    }
}
