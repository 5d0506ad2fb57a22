import DanvanJSON

/// Reads the fields of one JSON object with exact types, recording which members it used,
/// so that `finish()` can refuse unknown fields. Every error carries the field's path.
///
/// Non-copyable: every event of an append goes through two readers, and as a copyable struct
/// each call from a mutating method to a check copied it (its object, path and keys: three
/// retains and releases), which was most of what reading an event cost.
public struct FieldReader: ~Copyable {
    /// The object being read.
    public let object: JSONObject
    /// Where the object is, kept in parts: it is written out only for an error message.
    let location: FieldPath
    /// Reading data that was validated when it was appended (replay from the log): text is
    /// already trimmed and NFC, and unknown fields cannot occur, so those costly checks are
    /// skipped. Types and ranges are still checked, so a damaged payload is still refused.
    public let trusted: Bool
    /// The members read so far, bit `i` for `object.members[i]` (objects of up to 64
    /// members): `finish()` compares it with a full mask instead of comparing keys.
    private var readMembers: UInt64 = 0
    /// The keys asked for, in order: `finish()` falls back to them (and names them as the
    /// allowed fields) only when a member was left unread. Static strings kept inline: every
    /// event has two readers, and an array of `String`s cost allocations and reference
    /// counting on the path every append takes.
    private var asked = InlineArray<8, StaticString>(repeating: "")
    private var askedCount = 0
    /// Keys asked beyond the 8 kept inline (only a dialogue asks for 8; the rest fewer).
    private var askedOverflow: [StaticString] = []

    /// Starts reading `value`, which must be an object.
    public init(_ value: JSONValue, path: String, trusted: Bool = false) throws(ValidationError) {
        try self.init(value, location: FieldPath(path), trusted: trusted)
    }

    /// Starts reading `value` at a path kept in parts.
    init(_ value: JSONValue, location: FieldPath, trusted: Bool) throws(ValidationError) {
        guard case .object(let object) = value else {
            throw ValidationError(.wrongType, path: location.description, "expected an object, got \(value.kindName)")
        }
        self.object = object
        self.location = location
        self.trusted = trusted
    }

    /// The path of the object itself (`data`, `events[3].data`, `data.opinions[3]`).
    public var path: String { location.description }

    /// A reader of a nested value with the same trust.
    public func nested(_ value: JSONValue, path: String) throws(ValidationError) -> FieldReader {
        try FieldReader(value, path: path, trusted: trusted)
    }

    /// The path of member `key`.
    public func path(_ key: String) -> String { location.member(key).description }

    /// The path of member `key`.
    public func path(_ key: StaticString) -> String { path(key.description) }

    /// Where `key` is among the members (its last occurrence, the one that counts).
    ///
    /// The key is made a `String` once: the protocol's keys fit in a small string, which
    /// compares with a parsed small string as two machine words.
    private func index(of key: StaticString) -> Int? {
        object.lastIndex(of: key.description)
    }

    private mutating func raw(_ key: StaticString) -> JSONValue? {
        if !trusted {
            if askedCount < 8 {
                asked[askedCount] = key
                askedCount += 1
            } else {
                askedOverflow.append(key)
            }
        }
        guard let index = index(of: key) else { return nil }
        if index < 64 { readMembers |= 1 &<< UInt64(index) }
        let v = object.members[index].value
        if case .null = v { return nil }
        return v
    }

    private mutating func required(_ key: StaticString) throws(ValidationError) -> JSONValue {
        guard let v = raw(key) else {
            throw ValidationError(.missingField, path: path(key), "required field '\(key)' is missing")
        }
        return v
    }

    /// A non-empty string, trimmed of surrounding white space and NFC-normalised, at most `maxLength` characters.
    public mutating func text(_ key: StaticString, maxLength: Int = 2000) throws(ValidationError) -> String {
        try checkText(key, try required(key), maxLength: maxLength)
    }

    /// An optional text field.
    public mutating func optionalText(_ key: StaticString, maxLength: Int = 2000) throws(ValidationError) -> String? {
        guard let v = raw(key) else { return nil }
        return try checkText(key, v, maxLength: maxLength)
    }

    private func checkText(_ key: StaticString, _ v: JSONValue, maxLength: Int) throws(ValidationError) -> String {
        guard case .string(let s) = v else {
            throw ValidationError(.wrongType, path: path(key), "'\(key)' must be a string, got \(v.kindName)")
        }
        if trusted { return s }
        let trimmed = Text.nfc(s.trimmingSpaces)
        guard !trimmed.isEmpty else {
            throw ValidationError(.invalidValue, path: path(key), "'\(key)' must not be empty")
        }
        guard trimmed.count <= maxLength else {
            throw ValidationError(.invalidValue, path: path(key), "'\(key)' is longer than \(maxLength) characters")
        }
        guard !trimmed.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }) else {
            throw ValidationError(.invalidValue, path: path(key), "'\(key)' contains control characters")
        }
        return trimmed
    }

    /// An identifier: 1–64 ASCII letters, digits, `-`, `_`, `.` (unit codes, campaign and dialogue ids).
    /// With `unit`, the field names a unit: events name units by code only, so a name given
    /// there (`"Bảo Hà"`) is refused with a message that says so and how to find the code.
    public mutating func code(_ key: StaticString, unit: Bool = false) throws(ValidationError) -> String {
        try checkCode(key, try required(key), unit: unit)
    }

    /// An optional identifier (`unit` as for `code`).
    public mutating func optionalCode(_ key: StaticString, unit: Bool = false) throws(ValidationError) -> String? {
        guard let v = raw(key) else { return nil }
        return try checkCode(key, v, unit: unit)
    }

    private func checkCode(_ key: StaticString, _ v: JSONValue, unit: Bool) throws(ValidationError) -> String {
        guard case .string(let s) = v else {
            throw ValidationError(.wrongType, path: path(key), "'\(key)' must be a string, got \(v.kindName)")
        }
        guard Identifier.isValid(s) else {
            let rule = "1 to 64 ASCII letters, digits, '-', '_' or '.'"
            throw ValidationError(
                .invalidValue, path: path(key),
                unit
                    ? "'\(key)' must be a unit code (\(rule)), got '\(s.prefix(64))': events name units by code, "
                        + "not by name; the summary projection with unit=NAME gives the code"
                    : "'\(key)' must be \(rule)")
        }
        return s
    }

    /// An integer within `range`.
    public mutating func integer(_ key: StaticString, in range: ClosedRange<Int64>) throws(ValidationError) -> Int64 {
        try checkInteger(key, try required(key), range)
    }

    /// An optional integer within `range`.
    public mutating func optionalInteger(_ key: StaticString, in range: ClosedRange<Int64>) throws(ValidationError) -> Int64? {
        guard let v = raw(key) else { return nil }
        return try checkInteger(key, v, range)
    }

    private func checkInteger(_ key: StaticString, _ v: JSONValue, _ range: ClosedRange<Int64>) throws(ValidationError) -> Int64 {
        guard case .number = v else {
            throw ValidationError(.wrongType, path: path(key), "'\(key)' must be a number, got \(v.kindName)")
        }
        guard let n = v.int64Value else {
            // A whole number too large for 64 bits is out of range, not a fraction.
            if case .number(let text) = v, !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) {
                throw ValidationError(.invalidValue, path: path(key), "'\(key)' must be \(Self.describe(range)), got \(text)")
            }
            throw ValidationError(.invalidValue, path: path(key), "'\(key)' must be a whole number")
        }
        guard range.contains(n) else {
            throw ValidationError(.invalidValue, path: path(key), "'\(key)' must be \(Self.describe(range)), got \(n)")
        }
        return n
    }

    static func describe(_ range: ClosedRange<Int64>) -> String {
        if range.upperBound == Int64.max { return "at least \(range.lowerBound)" }
        return "between \(range.lowerBound) and \(range.upperBound)"
    }

    /// An exact decimal greater than zero (or at least zero when `allowZero`).
    public mutating func quantity(_ key: StaticString, allowZero: Bool = false) throws(ValidationError) -> Quantity {
        try checkQuantity(key, try required(key), allowZero: allowZero)
    }

    /// An optional exact decimal.
    public mutating func optionalQuantity(_ key: StaticString, allowZero: Bool = true) throws(ValidationError) -> Quantity? {
        guard let v = raw(key) else { return nil }
        return try checkQuantity(key, v, allowZero: allowZero)
    }

    private func checkQuantity(_ key: StaticString, _ v: JSONValue, allowZero: Bool) throws(ValidationError) -> Quantity {
        guard case .number(let text) = v else {
            throw ValidationError(.wrongType, path: path(key), "'\(key)' must be a number, got \(v.kindName)")
        }
        guard let q = Quantity(exactly: text), q.scaled <= Int64(1) << 52 else {
            throw ValidationError(
                .invalidValue, path: path(key),
                "'\(key)' must be a decimal with at most \(Quantity.scale) digits after the point and below 4.5e11")
        }
        guard allowZero ? q.scaled >= 0 : q.scaled > 0 else {
            throw ValidationError(.invalidValue, path: path(key), "'\(key)' must be \(allowZero ? "zero or more" : "greater than zero"), got \(text)")
        }
        return q
    }

    /// A `YYYY-MM-DD` date.
    public mutating func day(_ key: StaticString) throws(ValidationError) -> Day {
        try checkDay(key, try required(key))
    }

    private func checkDay(_ key: StaticString, _ v: JSONValue) throws(ValidationError) -> Day {
        guard case .string(let s) = v else {
            throw ValidationError(.wrongType, path: path(key), "'\(key)' must be a date string YYYY-MM-DD, got \(v.kindName)")
        }
        guard let d = Day(s) else {
            throw ValidationError(
                .invalidValue, path: path(key),
                "'\(key)' must be a real date written YYYY-MM-DD between \(Day.years.lowerBound) and \(Day.years.upperBound), got \"\(s)\"")
        }
        return d
    }

    /// An optional `YYYY-MM-DD` date.
    public mutating func optionalDay(_ key: StaticString) throws(ValidationError) -> Day? {
        guard let v = raw(key) else { return nil }
        return try checkDay(key, v)
    }

    /// One of an enumeration's raw values.
    public mutating func choice<E: RawRepresentable & CaseIterable>(_ key: StaticString, _ type: E.Type) throws(ValidationError) -> E where E.RawValue == String {
        try checkChoice(key, try required(key), type)
    }

    /// An optional choice.
    public mutating func optionalChoice<E: RawRepresentable & CaseIterable>(_ key: StaticString, _ type: E.Type) throws(ValidationError) -> E? where E.RawValue == String {
        guard let v = raw(key) else { return nil }
        return try checkChoice(key, v, type)
    }

    private func checkChoice<E: RawRepresentable & CaseIterable>(_ key: StaticString, _ v: JSONValue, _ type: E.Type) throws(ValidationError) -> E where E.RawValue == String {
        if case .string(let s) = v, let e = E(rawValue: s) { return e }
        // Only a refusal pays for listing the allowed values.
        let allowed = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
        guard case .string(let s) = v else {
            throw ValidationError(.wrongType, path: path(key), "'\(key)' must be one of \(allowed), got \(v.kindName)")
        }
        throw ValidationError(.invalidValue, path: path(key), "'\(key)' must be one of \(allowed), got \"\(s)\"")
    }

    /// A nested object, when present.
    public mutating func optionalObject(_ key: StaticString) throws(ValidationError) -> FieldReader? {
        guard let v = raw(key) else { return nil }
        return try FieldReader(v, location: location.member(key.description), trusted: trusted)
    }

    /// An array.
    public mutating func array(_ key: StaticString, maxCount: Int) throws(ValidationError) -> [JSONValue] {
        let v = try required(key)
        guard case .array(let a) = v else {
            throw ValidationError(.wrongType, path: path(key), "'\(key)' must be an array, got \(v.kindName)")
        }
        guard a.count <= maxCount else {
            throw ValidationError(.invalidValue, path: path(key), "'\(key)' holds more than \(maxCount) items")
        }
        return a
    }

    /// An array of distinct identifiers (`unit` as for `code`): the units a merge or a split
    /// names. Each error names the item's path (`units[2]`); a code given twice is refused,
    /// since a unit cannot be merged with itself.
    public mutating func codes(_ key: StaticString, maxCount: Int, unit: Bool = false) throws(ValidationError) -> [String] {
        let items = try array(key, maxCount: maxCount)
        var codes: [String] = []
        codes.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            let itemPath = "\(path(key))[\(i)]"
            guard case .string(let s) = item else {
                throw ValidationError(.wrongType, path: itemPath, "'\(key)' must hold unit codes (strings), got \(item.kindName)")
            }
            guard Identifier.isValid(s) else {
                throw ValidationError(
                    .invalidValue, path: itemPath,
                    unit
                        ? "'\(key)' must hold unit codes (1 to 64 ASCII letters, digits, '-', '_' or '.'), got '\(s.prefix(64))': events name units by code, not by name; the summary projection with unit=NAME gives the code"
                        : "'\(key)' must hold identifiers of 1 to 64 ASCII letters, digits, '-', '_' or '.'")
            }
            if codes.contains(s) {
                throw ValidationError(.duplicate, path: itemPath, "'\(key)' names \(s) twice; name each unit once")
            }
            codes.append(s)
        }
        return codes
    }

    /// Refuses members that were never read: a misspelt optional field would otherwise vanish.
    public func finish() throws(ValidationError) {
        if trusted { return }
        let count = object.members.count
        if count <= 64, readMembers == (count == 64 ? UInt64.max : (1 &<< UInt64(count)) &- 1) { return }
        // A member left unread is still known when its key was asked: it is an earlier
        // occurrence of a key that appears twice (the last one wins), or beyond the mask.
        var keys: [String] = []
        for i in 0..<askedCount { keys.append(asked[i].description) }
        keys.append(contentsOf: askedOverflow.map(\.description))
        for member in object.members where !keys.contains(member.key) {
            throw ValidationError(
                .unknownField, path: path(member.key),
                "unknown field '\(member.key)'; allowed: \(keys.joined(separator: ", "))")
        }
    }
}

/// The identifier rule shared by unit codes, campaign, dialogue, opinion and model ids.
public enum Identifier {
    /// 1–64 of `[A-Za-z0-9._-]`.
    public static func isValid(_ s: String) -> Bool {
        let u = s.utf8
        guard !u.isEmpty, u.count <= 64 else { return false }
        // Over the string's contiguous bytes when it has them (every parsed string does):
        // walking `String.UTF8View` index by index cost ~10 ns a byte on the append path.
        if let valid = u.withContiguousStorageIfAvailable({ $0.allSatisfy(isIdentifierByte) }) { return valid }
        return u.allSatisfy(isIdentifierByte)
    }

    @inline(__always)
    static func isIdentifierByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".")
    }
}

extension String {
    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let f = scalars.first, f.properties.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
