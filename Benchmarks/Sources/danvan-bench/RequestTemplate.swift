/// A request line serialised once, whose event ids are rewritten in place before each
/// send: every event gets a fresh UUID (so none is a duplicate) at the cost of writing
/// 32 hex digits, and the client never builds JSON while it measures.
struct RequestTemplate {
    /// The line, ending with `\n`.
    private(set) var bytes: [UInt8]
    /// Byte offsets of the 36-character id strings inside `bytes`.
    let idSlots: [Int]

    /// The placeholder `events(...)` puts where ids go.
    static let placeholder = "00000000-0000-0000-0000-000000000000"

    /// A request line from `text`, whose `placeholder` ids become slots.
    init(_ text: String) {
        bytes = Array(text.utf8)
        if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        let needle = Array(Self.placeholder.utf8)
        var slots: [Int] = []
        var i = 0
        while i + needle.count <= bytes.count {
            if bytes[i] == needle[0], bytes[i..<(i + needle.count)].elementsEqual(needle) {
                slots.append(i)
                i += needle.count
            } else {
                i += 1
            }
        }
        idSlots = slots
    }

    /// Writes fresh ids: `high` identifies the client, `counter` counts its events.
    mutating func stampIDs(high: UInt64, counter: inout UInt64) {
        bytes.withUnsafeMutableBufferPointer { buffer in
            for slot in idSlots {
                UUIDText.write(high: high, low: counter, into: buffer, at: slot)
                counter &+= 1
            }
        }
    }
}

/// Writes UUIDs as text, `8-4-4-4-12` lowercase hex.
enum UUIDText {
    private static let digits = Array("0123456789abcdef".utf8)

    /// Writes the UUID `high:low` at `offset` (36 bytes).
    @inline(__always)
    static func write(high: UInt64, low: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: Int) {
        var o = offset
        for nibble in 0..<32 {
            if nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20 {
                buffer[o] = UInt8(ascii: "-")
                o += 1
            }
            let word = nibble < 16 ? high : low
            let shift = UInt64(60 - 4 * (nibble & 15))
            buffer[o] = digits[Int((word >> shift) & 0xF)]
            o += 1
        }
    }

    /// The UUID `high:low` as a string.
    static func string(high: UInt64, low: UInt64) -> String {
        var bytes = [UInt8](repeating: 0, count: 36)
        bytes.withUnsafeMutableBufferPointer { write(high: high, low: low, into: $0, at: 0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
