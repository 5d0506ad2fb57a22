import DanvanDomain

/// Figures as people read them in a table: thousands separators ("649,003",
/// "1,635,005.48") and rates as percentages with one decimal ("98.8%").
///
/// Everything works on the exact number text the daemon sends (or on integer counts),
/// never through `Double`, so a table shows the same digits as the JSON.
public enum NumberFormat {
    /// `text` with a comma every three digits of its whole part: "1635005.48" becomes
    /// "1,635,005.48". Text that is not a plain decimal number (an exponent, a word) is
    /// returned unchanged.
    public static func grouped(_ text: String) -> String {
        var body = Substring(text)
        var sign = ""
        if body.first == "-" { sign = "-"; body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return text }
        if parts.count == 2, !parts[1].allSatisfy({ $0.isASCII && $0.isNumber }) { return text }
        var grouped = ""
        for (i, digit) in whole.enumerated() {
            if i > 0, (whole.count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return sign + grouped + (parts.count == 2 ? "." + parts[1] : "")
    }

    /// A whole number with thousands separators.
    public static func grouped<I: BinaryInteger>(_ value: I) -> String { grouped(String(value)) }

    /// A rate given as a fraction ("0.9879", as the daemon sends rates) as a percentage
    /// rounded half-up to one decimal ("98.8%"); "-" when there is no rate (null).
    public static func percent(fraction text: String?) -> String {
        guard let text, let q = Quantity(exactly: text) else { return "-" }
        // scaled is the fraction times 10^4; tenths of a percent are the fraction times 10^3.
        let tenths = q.scaled >= 0 ? (q.scaled + 5) / 10 : (q.scaled - 5) / 10
        return tenthsText(tenths)
    }

    /// `part / whole` as a percentage rounded half-up to one decimal, computed from the
    /// exact counts; "-" when `whole` is zero.
    public static func percent(_ part: Int64, of whole: Int64) -> String {
        guard whole > 0 else { return "-" }
        let tenths = (Int128(part) * 2000 + Int128(whole)) / (2 * Int128(whole))
        return tenthsText(Int64(clamping: tenths))
    }

    static func tenthsText(_ tenths: Int64) -> String {
        let sign = tenths < 0 ? "-" : ""
        let m = tenths.magnitude
        return "\(sign)\(grouped(m / 10)).\(m % 10)%"
    }
}
