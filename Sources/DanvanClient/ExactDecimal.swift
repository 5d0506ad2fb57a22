/// A decimal number held exactly (a 128-bit count of 10^-`scale`), for sums and
/// differences of the figures the daemon sends, such as a parent's own row of `units`
/// (its total minus its children's): the result has the same digits as if the daemon
/// had computed it, never the rounding of binary floating point, and the range covers
/// any VND amount the daemon can write (Int64) as well as any decimal (4 digits after
/// the point).
public struct ExactDecimal: Sendable, Hashable, CustomStringConvertible {
    /// The digits, as a count of 10^-`scale`.
    public let mantissa: Int128
    /// Digits after the point.
    public let scale: Int

    /// The most digits after the point a value may have: more than any figure needs
    /// (the protocol's decimals have at most 4), few enough that any Int64 still fits.
    public static let maxScale = 18

    /// Zero.
    public static let zero = ExactDecimal(mantissa: 0, scale: 0)

    init(mantissa: Int128, scale: Int) {
        self.mantissa = mantissa
        self.scale = scale
    }

    /// The value of a plain decimal text ("-12", "1635005.48"), as the daemon writes its
    /// numbers; nil for anything else (an exponent, too many digits).
    public init?(_ text: String) {
        var digits = Substring(text)
        let negative = digits.first == "-"
        if negative { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count + (parts.count == 2 ? parts[1].count : 0) <= 36 else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard parts.count == 1 || !fraction.isEmpty, fraction.count <= Self.maxScale else { return nil }
        var m: Int128 = 0
        for c in Array(whole.utf8) + Array(fraction.utf8) {
            guard c >= 0x30, c <= 0x39 else { return nil }
            m = m * 10 + Int128(c - 0x30)
        }
        self.init(mantissa: negative ? -m : m, scale: fraction.count)
    }

    /// An integer.
    public init(_ value: Int64) {
        self.init(mantissa: Int128(value), scale: 0)
    }

    /// The mantissa with `newScale` digits after the point (not fewer than it has);
    /// nil if it does not fit.
    func rescaled(to newScale: Int) -> Int128? {
        var m = mantissa
        for _ in scale..<max(scale, newScale) {
            let (times10, overflow) = m.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            m = times10
        }
        return m
    }

    /// The sum; nil if it does not fit.
    public func adding(_ other: ExactDecimal) -> ExactDecimal? {
        combined(other) { $0.addingReportingOverflow($1) }
    }

    /// The difference; nil if it does not fit.
    public func subtracting(_ other: ExactDecimal) -> ExactDecimal? {
        combined(other) { $0.subtractingReportingOverflow($1) }
    }

    private func combined(_ other: ExactDecimal, _ op: (Int128, Int128) -> (partialValue: Int128, overflow: Bool)) -> ExactDecimal? {
        let s = max(scale, other.scale)
        guard let a = rescaled(to: s), let b = other.rescaled(to: s) else { return nil }
        let (value, overflow) = op(a, b)
        return overflow ? nil : ExactDecimal(mantissa: value, scale: s)
    }

    /// The value as an Int64 when it is a whole number that fits (a count).
    public var int64: Int64? {
        var m = mantissa
        for _ in 0..<scale {
            guard m % 10 == 0 else { return nil }
            m /= 10
        }
        return Int64(exactly: m)
    }

    /// Whether it is zero.
    public var isZero: Bool { mantissa == 0 }

    /// The text the daemon would write: no exponent, no trailing fractional zeros
    /// ("283.75", "649003", "-1.5", "0").
    public var description: String {
        var digits = String(mantissa.magnitude)
        var s = scale
        while s > 0, digits.count > 1, digits.last == "0" {
            digits.removeLast()
            s -= 1
        }
        if s > 0, digits == "0" { s = 0 }
        if s > 0 {
            if digits.count <= s { digits = String(repeating: "0", count: s - digits.count + 1) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -s))
        }
        return (mantissa < 0 ? "-" : "") + digits
    }
}
