/// A reader that walks a JSON document of a known shape member by member, for a decoder that
/// builds its own values instead of a `JSONValue` tree.
///
/// It accepts only what `JSONParser` accepts, and less: keys must be plain ASCII (no escapes),
/// and values are scalars, read by the same code as a full parse (`JSONReader`). Every method
/// returns nil (or false) at the first thing it does not take, leaving the cursor anywhere: the
/// caller then gives up and parses the document in full, which finds the same values or the
/// error to report. It exists for the append requests, whose events are read straight into
/// typed payloads (`AppendLineDecoder`), skipping the tree that cost a third of a batched
/// event's CPU to build, walk and free.
public struct JSONCursor {
    private var reader: JSONReader

    /// A cursor at the start of `bytes`.
    public init(_ bytes: UnsafeRawBufferPointer) {
        reader = JSONReader(bytes: bytes, maximumDepth: 0)
    }

    /// After the white space that follows, whether the input ends there.
    public mutating func isAtEnd() -> Bool {
        reader.skipWhitespace()
        return reader.index == reader.end
    }

    /// After white space, consumes `byte` if it comes next.
    public mutating func take(_ byte: UInt8) -> Bool {
        reader.skipWhitespace()
        guard reader.index < reader.end, reader.bytes[reader.index] == byte else { return false }
        reader.index &+= 1
        return true
    }

    /// A member's key and the colon after it: the key's bytes, when it is a plain ASCII string
    /// of printable characters without escapes (every key of the protocol is).
    public mutating func key() -> UnsafeRawBufferPointer? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = reader.index
        var position = start
        while position < reader.end {
            let byte = reader.bytes[position]
            if byte == UInt8(ascii: "\"") {
                reader.index = position &+ 1
                guard take(UInt8(ascii: ":")) else { return nil }
                return UnsafeRawBufferPointer(rebasing: reader.bytes[start..<position])
            }
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\\") else { return nil }
            position &+= 1
        }
        return nil
    }

    /// After white space, a string, number, `true`, `false` or `null`, exactly as `JSONParser`
    /// reads it; nil for an array, an object or anything that is not valid JSON.
    public mutating func scalar() -> JSONValue? {
        reader.skipWhitespace()
        guard reader.index < reader.end else { return nil }
        do {
            switch reader.bytes[reader.index] {
            case UInt8(ascii: "\""): return .string(try reader.parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try reader.parseNumber())
            case UInt8(ascii: "t"):
                try reader.expectLiteral("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try reader.expectLiteral("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try reader.expectLiteral("null")
                return .null
            default: return nil
            }
        } catch {
            return nil
        }
    }
}

extension UnsafeRawBufferPointer {
    /// Whether these bytes are exactly `text`'s (a key read by `JSONCursor.key()`).
    @inlinable
    public func equals(_ text: StaticString) -> Bool {
        guard text.hasPointerRepresentation, count == text.utf8CodeUnitCount else { return false }
        guard let base = baseAddress else { return count == 0 }
        for i in 0..<count where base.load(fromByteOffset: i, as: UInt8.self) != text.utf8Start[i] { return false }
        return true
    }
}
