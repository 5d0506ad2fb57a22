import DanvanJSON

/// SplitMix64: a tiny deterministic generator, so that every randomized test sees the same
/// inputs on every run and machine (a failure can be replayed from its seed).
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Structural identity: like `==` but also requiring the same member order and the same
/// duplicates (`JSONObject`'s `==` compares last-wins lookups, ignoring order).
func identical(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)):
        return a.count == b.count && zip(a, b).allSatisfy { identical($0, $1) }
    case (.object(let a), .object(let b)):
        return a.members.count == b.members.count
            && zip(a.members, b.members).allSatisfy { $0.key == $1.key && identical($0.value, $1.value) }
    default: return false
    }
}

/// Builds random values that exercise the awkward corners: escapes, control characters,
/// Vietnamese text, astral-plane scalars, number texts in every spelling, duplicate keys.
struct RandomJSON {
    var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    static let stringPool: [String] = [
        "", "a", "Bảo Yên", "Lào Cai", "Hội Liên hiệp Phụ nữ", "quote\"inside", "back\\slash",
        "line\nbreak", "tab\there", "nul\u{0}byte", "\u{1F}\u{7F}", "😀 emoji", "𝄞", "/slash/",
        "a long ASCII string that crosses several eight-byte words",
    ]

    static let numberPool: [String] = [
        "0", "-0", "1", "-1", "1.0", "1.5", "-12.5E-3", "1e5", "1E+2", "0.000001",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808",
        "123456789012345678901234567890", "283.75",
    ]

    mutating func string() -> String {
        if Bool.random(using: &generator) {
            return Self.stringPool.randomElement(using: &generator)!
        }
        let length = Int.random(in: 0...12, using: &generator)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<length {
            let range: ClosedRange<UInt32>
            switch Int.random(in: 0..<5, using: &generator) {
            case 0: range = 0...0x1F
            case 1: range = 0x20...0x7E
            case 2: range = 0x80...0x7FF
            case 3: range = 0x800...0xFFFF
            default: range = 0x10000...0x10FFFF
            }
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &generator)) {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    mutating func number() -> String {
        if Bool.random(using: &generator) {
            return Self.numberPool.randomElement(using: &generator)!
        }
        return String(Int64.random(in: .min ... .max, using: &generator) >> UInt64.random(in: 0...63, using: &generator))
    }

    mutating func value(depth: Int = 0) -> JSONValue {
        let kind = Int.random(in: 0..<(depth >= 5 ? 5 : 7), using: &generator)
        switch kind {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &generator))
        case 2, 3: return .number(number())
        case 4: return .string(string())
        case 5:
            let count = Int.random(in: 0...5, using: &generator)
            return .array((0..<count).map { _ in value(depth: depth + 1) })
        default:
            let count = Int.random(in: 0...5, using: &generator)
            var members: [(key: String, value: JSONValue)] = []
            for _ in 0..<count {
                // Short keys from a small alphabet collide now and then: duplicates get tested.
                let key = Int.random(in: 0..<4, using: &generator) == 0
                    ? string() : String(UnicodeScalar(UInt8.random(in: 97...100, using: &generator)))
                members.append((key, value(depth: depth + 1)))
            }
            return .object(JSONObject(members))
        }
    }
}

extension Array where Element == UInt8 {
    /// The UTF-8 bytes of `text`, for building test inputs.
    init(utf8 text: String) { self = Array(text.utf8) }
}

/// The error `JSONParser` throws for `bytes`, or nil when they parse.
func parseError(_ bytes: [UInt8], maximumDepth: Int = JSONParser.defaultMaximumDepth) -> JSONParseError? {
    do {
        _ = try JSONParser.parse(bytes, maximumDepth: maximumDepth)
        return nil
    } catch {
        return error
    }
}

/// The error `JSONBinary.decode` throws for `bytes`, or nil when they decode.
func binaryError(_ bytes: [UInt8]) -> JSONBinaryError? {
    do {
        _ = try JSONBinary.decode(bytes)
        return nil
    } catch {
        return error
    }
}
