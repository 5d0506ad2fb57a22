/// A decimal number as the daemon writes it ("283.75", "649003", "-0.5"), held exactly as
/// an integer count of its smallest digit: the report's changes between two periods are
/// computed on these, never through `Double`, so "283.75 − 200.5" is exactly "83.25".
struct ExactDecimal: Sendable, Equatable {
    /// The value times 10^`scale`.
    var units: Int128
    /// Digits after the point.
    var scale: Int

    /// Parses a plain decimal (an optional "-", digits, an optional point and digits); nil
    /// for anything else (an exponent, a word, more than 18 fraction digits).
    init?(_ text: String) {
        var body = Substring(text)
        let negative = body.first == "-"
        if negative { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 30,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.count <= 18, fraction.allSatisfy({ $0.isASCII && $0.isNumber }), parts.count == 1 || !fraction.isEmpty else { return nil }
        var value: Int128 = 0
        for c in whole + fraction {
            guard let d = c.wholeNumberValue else { return nil }
            value = value * 10 + Int128(d)
        }
        units = negative ? -value : value
        scale = fraction.count
    }

    /// A value from its parts.
    init(units: Int128, scale: Int) {
        self.units = units
        self.scale = scale
    }

    /// `self` with `scale` digits after the point (more digits only, never fewer).
    func rescaled(to scale: Int) -> ExactDecimal {
        var u = units
        for _ in self.scale..<max(self.scale, scale) { u *= 10 }
        return ExactDecimal(units: u, scale: max(self.scale, scale))
    }

    /// `self − other`, exactly.
    func minus(_ other: ExactDecimal) -> ExactDecimal {
        let s = max(scale, other.scale)
        return ExactDecimal(units: rescaled(to: s).units - other.rescaled(to: s).units, scale: s)
    }

    /// `self + other`, exactly.
    func plus(_ other: ExactDecimal) -> ExactDecimal {
        let s = max(scale, other.scale)
        return ExactDecimal(units: rescaled(to: s).units + other.rescaled(to: s).units, scale: s)
    }

    /// The plain text, without trailing fraction zeros ("83.25", "-3", "0").
    var text: String {
        let negative = units < 0
        let digits = String(units.magnitude)
        var whole: String, fraction: String
        if scale == 0 {
            whole = digits
            fraction = ""
        } else {
            let padded = String(repeating: "0", count: max(0, scale + 1 - digits.count)) + digits
            whole = String(padded.dropLast(scale))
            fraction = String(padded.suffix(scale))
        }
        while fraction.last == "0" { fraction.removeLast() }
        if whole.isEmpty { whole = "0" }
        let body = fraction.isEmpty ? whole : whole + "." + fraction
        return negative && body != "0" ? "-" + body : body
    }
}
