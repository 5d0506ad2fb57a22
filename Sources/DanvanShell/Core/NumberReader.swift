import DanvanJSON

/// How a person writes the numbers they type: `plain` (the default) accepts only forms
/// that cannot be misread; `vi` and `en` are asked for explicitly (`--numbers`, `\numbers`).
public enum NumberStyle: String, CaseIterable, Sendable {
    /// `1200`, `1200.5`, `-3`, `1_200.5`: a point for decimals, `_` to group thousands,
    /// no comma, and no point that could be a Vietnamese thousands point (`1.200`).
    case plain
    /// Vietnamese: `.` groups thousands, `,` is the decimal separator (`1.200,5`, `1,5`).
    case vi
    /// English: `,` groups thousands, `.` is the decimal separator (`1,200.5`).
    case en

    /// The separators of the style: the one between whole part and fraction, and the ones
    /// allowed between groups of three digits of the whole part.
    var separators: (decimal: Character, groups: Set<Character>) {
        switch self {
        case .plain: return (".", ["_"])
        case .vi: return (",", [".", "_"])
        case .en: return (".", [",", "_"])
        }
    }

    /// Examples of the style, for messages.
    var examples: String {
        switch self {
        case .plain: return "1200, 1200.5, -3, 1_200.5"
        case .vi: return "1200, 1.200, 1.200,5, 1,5"
        case .en: return "1200, 1,200, 1,200.5, 1.5"
        }
    }

    /// What the style means, for messages.
    var rule: String {
        switch self {
        case .plain: return "a point for decimals, '_' to group thousands, no comma"
        case .vi: return "'.' groups thousands in groups of 3 digits, ',' is the decimal separator"
        case .en: return "',' groups thousands in groups of 3 digits, '.' is the decimal separator"
        }
    }
}

/// Reads the numbers a person types into danvanctl (event fields, money, flags such as
/// `--limit`, query parameters), so that a figure is never stored or asked wrong.
///
/// `1,5` is 1.5 to a Vietnamese reader and 15 or nonsense to an English one; `1.200` is
/// 1200 to the first and 1.2 to the second. Stripping or guessing separators stored such
/// values silently wrong, so in the default `plain` style every form that could mean two
/// things is refused, with the value, its readings, the accepted forms and how to switch
/// style; the `vi` and `en` styles read their own conventions and refuse whatever is not
/// valid in them rather than reading it another way.
public struct NumberReader: Sendable, Equatable {
    /// What kind of number a value must be.
    public enum Kind: Sendable, Equatable {
        /// A decimal number (`areaM2`, `workdays`, seconds).
        case decimal
        /// A whole number (counts, money in whole VND, flags): a fraction is refused.
        case whole
    }

    /// The style in use.
    public var style: NumberStyle

    /// A reader for `style`.
    public init(_ style: NumberStyle = .plain) { self.style = style }

    /// `text` as JSON number text without grouping (`"1200.5"`, `"-3"`), or a refusal that
    /// says why, naming the value as `label` (`areaM2`, `--limit`).
    public func read(_ text: String, _ kind: Kind, label: String) throws(NumberRefusal) -> String {
        let shown = "\(label) '\(text)'"
        let how = "(\\numbers in the shell)"
        if style == .plain, let readings = Self.ambiguousReadings(text) {
            // Say what is true: two readings, one (a form only one way of writing has), or none.
            let found = readings.filter { $0.value != nil }
            let what: String
            switch found.count {
            case 2: what = "could mean two things: \(readings.map(\.text).joined(separator: ", "))"
            case 1: what = "is a number only the \(found[0].way) way (\(found[0].value ?? ""): \(found[0].meaning)), and danvanctl reads numbers plainly unless told"
            default: what = "is not a number in any way of writing numbers"
            }
            throw NumberRefusal(
                "\(shown) \(what); nothing is guessed. Write it plainly "
                    + "(\(NumberStyle.plain.examples): \(NumberStyle.plain.rule)), or say how you write numbers: "
                    + "--numbers vi (\(NumberStyle.vi.examples)) or --numbers en (\(NumberStyle.en.examples)) \(how)")
        }
        guard let number = Self.parse(text, style) else {
            var byValue: [(value: String, styles: [String])] = []
            for other in NumberStyle.allCases where other != style {
                guard let n = Self.parse(text, other) else { continue }
                if let i = byValue.firstIndex(where: { $0.value == n }) {
                    byValue[i].styles.append(other.rawValue)
                } else {
                    byValue.append((n, [other.rawValue]))
                }
            }
            let others = byValue.map { "\($0.value) with --numbers \($0.styles.joined(separator: " or "))" }
            let hint = others.isEmpty ? "" : "; it would read as \(others.joined(separator: " or ")) \(how)"
            throw NumberRefusal(
                "\(shown) is not a number in the \(style.rawValue) style (\(style.rule); e.g. \(style.examples))\(hint)")
        }
        if kind == .whole, number.contains(".") {
            throw NumberRefusal("\(shown) must be a whole number, without a fraction")
        }
        return number
    }

    /// `read` of a whole number as an integer; nil when it does not fit in 64 bits.
    public func integer(_ text: String, label: String) throws(NumberRefusal) -> Int64 {
        let digits = try read(text, .whole, label: label)
        guard let n = Int64(digits) else { throw NumberRefusal("\(label) '\(text)' is too large") }
        return n
    }

    /// The Vietnamese and English readings of a value the plain style refuses because it
    /// could be misread: any comma, or a point followed by exactly three digits after a 1–3
    /// digit whole part (`1.200`). Nil for every other text; a reading's value is nil where that
    /// way of writing numbers has no such number (`1,5` in English).
    static func ambiguousReadings(_ text: String) -> [(way: String, value: String?, meaning: String, text: String)]? {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard body.contains(",") || hasThousandsPoint(text) else { return nil }
        func reading(_ style: NumberStyle, _ meaning: String) -> (way: String, value: String?, meaning: String, text: String) {
            let way = style == .vi ? "Vietnamese" : "English"
            guard let n = parse(text, style) else { return (way, nil, meaning, "no number read the \(way) way") }
            return (way, n, meaning, "\(n) read the \(way) way (\(meaning))")
        }
        return [
            reading(.vi, body.contains(",") ? "',' is the decimal separator" : "'.' groups thousands"),
            reading(.en, body.contains(",") ? "',' groups thousands" : "'.' is the decimal separator"),
        ]
    }

    /// A point followed by exactly three digits after a 1–3 digit whole part not starting
    /// with 0 (`1.200`, `-12.500`): 1.2 to a reader of English, 1200 to a Vietnamese one.
    static func hasThousandsPoint(_ text: String) -> Bool {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && (1...3).contains(parts[0].count) && parts[0].first != "0"
            && parts[1].count == 3 && body.allSatisfy { $0 == "." || ($0.isASCII && $0.isNumber) }
    }

    /// Refuses, in a JSON value typed after `FIELD:=` (or a JSON object field such as
    /// `targets`), a number with a thousands point (`{"landM2":50.000}`): JSON reads 50,
    /// a Vietnamese typist means 50000. Only the `en` style, whose point is a decimal point,
    /// takes it as JSON does.
    public func checkTypedJSON(_ value: JSONValue, label: String) throws(NumberRefusal) {
        guard style != .en else { return }
        switch value {
        case .number(let text) where Self.hasThousandsPoint(text):
            throw NumberRefusal(
                "\(label) has the number \(text), which JSON reads as \(Self.parse(text, .en) ?? text) and Vietnamese writing as "
                    + "\(Self.parse(text, .vi) ?? text); nothing is guessed: write it without the point (\(Self.parse(text, .vi) ?? text)) "
                    + "or with the decimals you mean (\(Self.parse(text, .en) ?? text).0)")
        case .object(let o):
            for (key, member) in o.members { try checkTypedJSON(member, label: "\(label).\(key)") }
        case .array(let a):
            for (i, member) in a.enumerated() { try checkTypedJSON(member, label: "\(label)[\(i)]") }
        default:
            return
        }
    }

    /// `text` in `style` as JSON number text, or nil when it is not a number of that style:
    /// an optional `-`, a whole part that is either all digits or grouped (a first group of
    /// 1–3 digits not starting with 0, then groups of exactly 3), and an optional fraction
    /// of digits after the style's decimal separator (its trailing zeros dropped).
    static func parse(_ text: String, _ style: NumberStyle) -> String? {
        let (decimal, groupMarks) = style.separators
        var body = Substring(text)
        let negative = body.first == "-"
        if negative { body = body.dropFirst() }
        let halves = body.split(separator: decimal, maxSplits: 1, omittingEmptySubsequences: false)
        guard let wholeText = halves.first, !wholeText.isEmpty else { return nil }
        let isDigits = { (s: Substring) in !s.isEmpty && s.allSatisfy { $0.isASCII && $0.isNumber } }
        let groups = wholeText.split(omittingEmptySubsequences: false) { groupMarks.contains($0) }
        if groups.count > 1 {
            let marks = Set(wholeText.filter { groupMarks.contains($0) })
            guard marks.count == 1, (1...3).contains(groups[0].count), groups[0].first != "0",
                  groups.allSatisfy(isDigits), groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
        } else if !isDigits(wholeText) {
            return nil
        }
        var whole = Substring(groups.joined())
        while whole.count > 1, whole.first == "0" { whole = whole.dropFirst() }
        var out = (negative ? "-" : "") + whole
        if halves.count == 2 {
            guard isDigits(halves[1]) else { return nil }
            // Trailing zeros change nothing: 1.200 English is 1.2, exactly.
            var fraction = halves[1]
            while fraction.last == "0" { fraction = fraction.dropLast() }
            if !fraction.isEmpty { out += "." + fraction }
        }
        return out
    }
}

/// Why a typed number was refused, with the accepted forms.
public struct NumberRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// For a person: the value, its readings, the forms accepted and how to switch style.
    public var message: String

    /// A refusal.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

extension NumberStyle {
    /// The style named `word`, as given to `--numbers` or `\numbers` (`what`).
    static func named(_ word: String, for what: String) throws(CommandFailure) -> NumberStyle {
        guard let style = NumberStyle(rawValue: word) else {
            throw .usage("\(what) wants plain, vi or en, got '\(word)': plain (the default) takes \(NumberStyle.plain.examples); "
                + "vi takes \(NumberStyle.vi.examples); en takes \(NumberStyle.en.examples)")
        }
        return style
    }
}
