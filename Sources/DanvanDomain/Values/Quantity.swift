/// An exact non-binary decimal: areas (m²), lengths (km) and workdays.
///
/// Reports add thousands of these ("649,003 m²", "283.75 km"); binary floating point
/// would drift, so a quantity is an integer count of ten-thousandths. Four fractional
/// digits cover every unit the reports use (0.0001 m², 10 cm, a few seconds of a workday).
public struct Quantity: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Fractional digits kept exactly.
    public static let scale: Int = 4
    /// 10^scale.
    public static let unit: Int64 = 10_000

    /// The value times 10^4.
    public var scaled: Int64

    /// A quantity from its scaled representation.
    public init(scaled: Int64) { self.scaled = scaled }

    /// A whole quantity.
    public init(_ whole: Int64) { self.scaled = whole * Quantity.unit }

    /// Zero.
    public static let zero = Quantity(scaled: 0)

    /// Parses a JSON number text exactly; nil when it has more than four fractional
    /// digits, an exponent that does not resolve to such a value, or is out of range.
    public init?(exactly text: String) {
        var utf8 = Array(text.utf8)
        var negative = false
        if utf8.first == UInt8(ascii: "-") { negative = true; utf8.removeFirst() }
        var mantissa: [UInt8] = []
        var fractionDigits = 0
        var seenPoint = false
        var exponent = 0
        var index = 0
        while index < utf8.count {
            let c = utf8[index]
            if c >= 0x30 && c <= 0x39 {
                mantissa.append(c - 0x30)
                if seenPoint { fractionDigits += 1 }
            } else if c == UInt8(ascii: ".") && !seenPoint {
                seenPoint = true
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                guard let e = Int(String(decoding: utf8[(index + 1)...], as: UTF8.self)), abs(e) < 64 else { return nil }
                exponent = e
                break
            } else {
                return nil
            }
            index += 1
        }
        guard !mantissa.isEmpty else { return nil }
        // value = mantissa * 10^(exponent - fractionDigits); we need mantissa * 10^(exponent - fractionDigits + 4)
        var shift = exponent - fractionDigits + Quantity.scale
        while shift < 0 {
            guard let last = mantissa.last, last == 0 else { return nil }
            mantissa.removeLast()
            shift += 1
        }
        var value: Int64 = 0
        for digit in mantissa {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(digit))
            if o1 || o2 { return nil }
            value = a
        }
        while shift > 0 {
            let (m, o) = value.multipliedReportingOverflow(by: 10)
            if o { return nil }
            value = m
            shift -= 1
        }
        self.scaled = negative ? -value : value
    }

    /// Canonical text: no exponent, no trailing fractional zeros, no ".0" ("283.75", "649003").
    public var description: String {
        let negative = scaled < 0
        let magnitude = scaled.magnitude
        let whole = magnitude / UInt64(Quantity.unit)
        var fraction = magnitude % UInt64(Quantity.unit)
        var text = (negative ? "-" : "") + String(whole)
        if fraction != 0 {
            var digits = Quantity.scale
            while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
            let f = String(fraction)
            text += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return text
    }

    public static func < (lhs: Quantity, rhs: Quantity) -> Bool { lhs.scaled < rhs.scaled }
    public static func + (lhs: Quantity, rhs: Quantity) -> Quantity { Quantity(scaled: lhs.scaled &+ rhs.scaled) }
    public static func - (lhs: Quantity, rhs: Quantity) -> Quantity { Quantity(scaled: lhs.scaled &- rhs.scaled) }
    public static func += (lhs: inout Quantity, rhs: Quantity) { lhs.scaled &+= rhs.scaled }
    public static func -= (lhs: inout Quantity, rhs: Quantity) { lhs.scaled &-= rhs.scaled }
}
