import DanvanJSON

/// One cell of a report table, typed, so each renderer writes it its own way: Markdown and
/// HTML in the report's language (`ReportFormat`), a workbook as a number with a number
/// format, CSV as plain machine digits.
enum ReportValue: Sendable, Equatable {
    /// Text: a name, a code, a status, an opinion.
    case text(String)
    /// An exact decimal as the daemon wrote it ("283.75", "649003").
    case number(String)
    /// A rate as a fraction ("0.9879"); nil when the daemon has none (no denominator).
    case percent(String?)
    /// A day, `YYYY-MM-DD`.
    case date(String)
    /// The change of a figure between two periods, exact ("-83.25").
    case change(String)
    /// The change of a rate between two periods, as a fraction ("0.0125"); nil when either is missing.
    case rateChange(String?)
    /// Nothing.
    case empty

    /// A number cell from a JSON value: its exact text, empty when missing.
    static func number(json value: JSONValue?) -> ReportValue {
        guard let text = Cell.numberText(value) else { return .empty }
        return .number(text)
    }

    /// A rate cell from a JSON value (a fraction or null).
    static func percent(json value: JSONValue?) -> ReportValue {
        .percent(Cell.numberText(value))
    }

    /// A text cell, empty when missing or null.
    static func text(json value: JSONValue?) -> ReportValue {
        guard let s = value?.stringValue else { return .empty }
        return .text(s)
    }

    /// A date cell, empty when missing or null.
    static func date(json value: JSONValue?) -> ReportValue {
        guard let s = value?.stringValue else { return .empty }
        return .date(s)
    }

    /// A text cell, empty when nil.
    static func text(maybe s: String?) -> ReportValue { s.map { .text($0) } ?? .empty }

    /// Whether it is a figure (right-aligned, a number in a workbook).
    var isNumeric: Bool {
        switch self {
        case .number, .percent, .change, .rateChange: return true
        case .text, .date, .empty: return false
        }
    }

    /// The cell as people read it in `format`'s language ("649.003", "98,7%", "31/12/2023").
    func display(_ format: ReportFormat) -> String {
        switch self {
        case .text(let s): return s
        case .number(let n): return format.number(n)
        case .percent(let f): return format.percent(fraction: f)
        case .date(let d): return format.date(d)
        case .change(let n): return format.signedNumber(n)
        case .rateChange(let f):
            guard let f else { return "-" }
            return format.pointsChange(from: "0", to: f)
        case .empty: return ""
        }
    }

    /// The cell for a program (CSV): numbers as the daemon wrote them ("1200.5"), rates as
    /// fractions, dates ISO; the same in either language.
    var plain: String {
        switch self {
        case .text(let s): return s
        case .number(let n), .change(let n): return n
        case .percent(let f), .rateChange(let f): return f ?? ""
        case .date(let d): return d
        case .empty: return ""
        }
    }
}
