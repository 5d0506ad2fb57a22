/// An event's identity: a UUID, chosen by the client (so a re-sent event is recognised
/// as a duplicate and stored once) or assigned by the server.
///
/// Held as two integers rather than Foundation's `UUID` so that the idempotency index
/// of millions of ids stays compact and hashes fast.
public struct EventID: Sendable, Hashable, CustomStringConvertible {
    /// The first 8 bytes, big-endian.
    public let high: UInt64
    /// The last 8 bytes, big-endian.
    public let low: UInt64

    /// An id from its two halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Parses the canonical 8-4-4-4-12 hexadecimal form, in either case.
    public init?(_ text: String) {
        // Over the string's contiguous bytes when it has them (every parsed string does):
        // walking `String.UTF8View` index by index cost ~10 ns a byte on the append path.
        let parsed = text.utf8.withContiguousStorageIfAvailable { Self.parse($0) } ?? Self.parse(text.utf8)
        guard let parsed else { return nil }
        self = parsed
    }

    @inline(__always)
    private static func parse<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> EventID? {
        guard bytes.count == 36 else { return nil }
        var high: UInt64 = 0, low: UInt64 = 0
        var index = 0
        for c in bytes {
            defer { index += 1 }
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard c == UInt8(ascii: "-") else { return nil }
                continue
            }
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c &- UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c &- UInt8(ascii: "a") &+ 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = c &- UInt8(ascii: "A") &+ 10
            default: return nil
            }
            if index < 18 { high = high << 4 | UInt64(v) } else { low = low << 4 | UInt64(v) }
        }
        return EventID(high: high, low: low)
    }

    /// A random version-4 UUID, for events whose client did not choose an id.
    public static func random<G: RandomNumberGenerator>(using generator: inout G) -> EventID {
        let h = (generator.next() as UInt64) & 0xFFFF_FFFF_FFFF_0FFF | 0x0000_0000_0000_4000
        let l = (generator.next() as UInt64) & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        return EventID(high: h, low: l)
    }

    /// A random version-4 UUID from the system's generator.
    public static func random() -> EventID {
        var g = SystemRandomNumberGenerator()
        return random(using: &g)
    }

    /// Lower-case canonical form.
    public var description: String {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for i in 0..<32 {
            if i == 8 || i == 12 || i == 16 || i == 20 { out.append(UInt8(ascii: "-")) }
            let word = i < 16 ? high : low
            let shift = UInt64((15 - (i % 16)) * 4)
            out.append(hex[Int((word >> shift) & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
