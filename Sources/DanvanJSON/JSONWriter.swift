/// Compact JSON output, appended byte by byte to a buffer.
///
/// Every reply the daemon sends goes through here, so it appends UTF-8 bytes straight into the
/// caller's buffer (which can be reused from line to line) instead of building `String`s.
///
/// Output rules, chosen so that any consumer reads back the same value:
/// - Compact: no whitespace at all.
/// - Object members in member order. When a key appears more than once (possible only in an
///   object parsed from such a document), only its last occurrence is written, at that
///   occurrence's position. That is the value `JSONObject` lookup gives, and writing every
///   occurrence would let a first-wins consumer read a different value than we meant.
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
        switch value {
        case .null:
            appendLiteral("null", to: &buffer)
        case .bool(let flag):
            appendLiteral(flag ? "true" : "false", to: &buffer)
        case .number(let text):
            JSONNumberText.withBytes(of: text) { bytes in
                if JSONNumberText.isValid(bytes) {
                    buffer.append(contentsOf: bytes)
                } else {
                    appendLiteral("null", to: &buffer)
                }
            }
        case .string(let text):
            writeString(text, into: &buffer)
        case .array(let items):
            buffer.append(UInt8(ascii: "["))
            var first = true
            for item in items {
                if !first { buffer.append(UInt8(ascii: ",")) }
                first = false
                write(item, into: &buffer)
            }
            buffer.append(UInt8(ascii: "]"))
        case .object(let object):
            writeObject(object, into: &buffer)
        }
    }

    /// The compact JSON text of `value` as a `String`, for logs, tests and command-line output.
    public static func string(_ value: JSONValue) -> String {
        String(decoding: bytes(value), as: UTF8.self)
    }

    /// The compact JSON text of `value` as a new byte array.
    public static func bytes(_ value: JSONValue) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(128)
        write(value, into: &buffer)
        return buffer
    }

    /// Appends `text` as a JSON string literal (quotes included).
    ///
    /// Public because the protocol layer writes keys and short strings without wrapping them
    /// in a `JSONValue` first.
    public static func writeString(_ text: String, into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\""))
        JSONNumberText.withBytes(of: text) { bytes in
            appendEscaped(bytes, to: &buffer)
        }
        buffer.append(UInt8(ascii: "\""))
    }

    // MARK: - Implementation

    private static func writeObject(_ object: JSONObject, into buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "{"))
        let members = object.members
        var first = true
        if members.count <= 16 {
            // Small objects (all of the protocol's): a quadratic scan beats hashing.
            outer: for index in members.indices {
                let key = members[index].key
                var later = index &+ 1
                while later < members.count {
                    if members[later].key == key { continue outer }
                    later &+= 1
                }
                if !first { buffer.append(UInt8(ascii: ",")) }
                first = false
                writeMember(members[index], into: &buffer)
            }
        } else {
            var lastIndex: [String: Int] = [:]
            lastIndex.reserveCapacity(members.count)
            for (index, member) in members.enumerated() { lastIndex[member.key] = index }
            for (index, member) in members.enumerated() where lastIndex[member.key] == index {
                if !first { buffer.append(UInt8(ascii: ",")) }
                first = false
                writeMember(member, into: &buffer)
            }
        }
        buffer.append(UInt8(ascii: "}"))
    }

    @inline(__always)
    private static func writeMember(_ member: (key: String, value: JSONValue), into buffer: inout [UInt8]) {
        writeString(member.key, into: &buffer)
        buffer.append(UInt8(ascii: ":"))
        write(member.value, into: &buffer)
    }

    @inline(__always)
    private static func appendLiteral(_ literal: StaticString, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends `bytes` escaped, copying runs of bytes that need no escape in one go.
    private static func appendEscaped(_ bytes: UnsafeRawBufferPointer, to buffer: inout [UInt8]) {
        let count = bytes.count
        var runStart = 0
        var index = 0
        while index < count {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                index &+= 1
                continue
            }
            if runStart < index {
                buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
            }
            buffer.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): buffer.append(byte)
            case 0x08: buffer.append(UInt8(ascii: "b"))
            case 0x0C: buffer.append(UInt8(ascii: "f"))
            case 0x0A: buffer.append(UInt8(ascii: "n"))
            case 0x0D: buffer.append(UInt8(ascii: "r"))
            case 0x09: buffer.append(UInt8(ascii: "t"))
            default:
                let hex: StaticString = "0123456789abcdef"
                buffer.append(UInt8(ascii: "u"))
                buffer.append(UInt8(ascii: "0"))
                buffer.append(UInt8(ascii: "0"))
                buffer.append(hex.utf8Start[Int(byte >> 4)])
                buffer.append(hex.utf8Start[Int(byte & 0x0F)])
            }
            index &+= 1
            runStart = index
        }
        if runStart < count {
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[runStart..<count]))
        }
    }
}
