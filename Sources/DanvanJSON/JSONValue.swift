/// A JSON document held in memory.
///
/// danvan parses requests and writes replies itself instead of going through Foundation:
/// Foundation's coders run at tens of thousands of objects per second here, while the
/// daemon needs hundreds of thousands, and they cannot tell `1` from `true` on Linux.
///
/// Numbers keep their exact text (`.number("283.75")`) so that money and areas are
/// never rounded through `Double`; the domain converts them with `DecimalQuantity`
/// and `Int64` parsing that reject what they cannot hold exactly.
public enum JSONValue: Sendable, Hashable {
    /// JSON `null`.
    case null
    /// JSON `true` or `false`.
    case bool(Bool)
    /// The number exactly as written in the document (already checked against the JSON grammar
    /// when it comes from `JSONParser` or `JSONBinary`; a hand-made text that is not a JSON
    /// number is written and stored as `null`).
    case number(String)
    /// A string, already unescaped and known to be valid Unicode.
    case string(String)
    /// An array, in document order.
    case array([JSONValue])
    /// An object, members in document order (duplicates kept, lookup gives the last).
    case object(JSONObject)
}

/// A JSON object that keeps its members in document order.
///
/// Objects on the protocol are small (a dozen keys), so a linear scan beats hashing
/// and keeps the writer's output in a stable, readable order. When a key appears twice
/// (legal JSON), the last one wins, as in most parsers.
public struct JSONObject: Sendable, Hashable {
    /// Members in insertion order; may contain a key twice when parsed from such a document.
    public var members: [(key: String, value: JSONValue)]

    /// Creates an empty object, or one with the given members in that order.
    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    /// The value of `key`, the last one when it appears more than once.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let index = lastIndex(of: key) else { return nil }
            return members[index].value
        }
        set {
            if let index = members.lastIndex(where: { $0.key == key }) {
                if let newValue {
                    members[index].value = newValue
                } else {
                    members.remove(at: index)
                }
            } else if let newValue {
                members.append((key, newValue))
            }
        }
    }

    /// The position in `members` of `key`'s last occurrence (the one that counts).
    ///
    /// Keys of different lengths (most of them, in the protocol's objects) are told apart by
    /// their UTF-8 counts, which a native string stores, before any byte is compared.
    @inlinable
    public func lastIndex(of key: String) -> Int? {
        let length = key.utf8.count
        var index = members.count
        while index > 0 {
            index -= 1
            let candidate = members[index].key
            if candidate.utf8.count == length, candidate == key { return index }
        }
        return nil
    }

    /// The distinct keys, in order of first appearance.
    public var keys: [String] {
        var seen = Set<String>()
        return members.compactMap { seen.insert($0.key).inserted ? $0.key : nil }
    }

    /// Number of members.
    public var count: Int { members.count }

    /// Objects are equal when they give the same value for every key (last occurrence wins),
    /// whatever the member order: that is what any JSON reader of them would see.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        let lk = lhs.keys, rk = rhs.keys
        guard Set(lk) == Set(rk) else { return false }
        for key in lk where lhs[key] != rhs[key] { return false }
        return true
    }

    /// Hashes the set of keys only, which is consistent with `==` (order-insensitive) and cheap.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(Set(keys))
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Builds an object from a literal, keeping the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral,
    ExpressibleByNilLiteral
{
    /// `"text"` as a JSON string, so replies and tests can be written as literals.
    public init(stringLiteral value: String) { self = .string(value) }
    /// `true` / `false` as a JSON boolean.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An integer literal as a number, written in its canonical text.
    public init(integerLiteral value: Int64) { self = .number(String(value)) }
    /// `[a, b]` as a JSON array.
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// `["k": v]` as a JSON object, keeping the literal's order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { (key: $0.0, value: $0.1) }))
    }
    /// `nil` as JSON `null`.
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
    /// A number value from an integer.
    public static func int<I: BinaryInteger>(_ value: I) -> JSONValue { .number(String(value)) }

    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The object, when this is one.
    public var objectValue: JSONObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// The array, when this is one.
    public var arrayValue: [JSONValue]? {
        if case .array(let a) = self { return a }
        return nil
    }

    /// The boolean, when this is one.
    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The number as an exact `Int64`, when it is written as an integer in range
    /// (`12`, `-3`; also `12.0` and `1.2e1`, whose value is integral).
    public var int64Value: Int64? {
        guard case .number(let text) = self else { return nil }
        return JSONNumberText.exactInt64(text)
    }

    /// Member lookup on objects; nil for any other kind of value.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// A short name of the value's kind for error messages ("string", "object", ...).
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }
}
