import DanvanJSON
import Testing

@Suite struct JSONNumberTextTests {
    static let exactInt64Table: [(String, Int64?)] = [
        ("0", 0), ("-0", 0), ("12", 12), ("-3", -3), ("1.0", 1), ("1.2e1", 12), ("1.20e1", 12),
        ("1200e-2", 12), ("120E-1", 12), ("0.5e1", 5), ("-0.0", 0), ("0e999999999999999999999", 0),
        ("1E+2", 100), ("100e-2", 1), ("1.5", nil), ("0.1", nil), ("1e-1", nil), ("15e-1", nil),
        ("1e30", nil), ("1e18", 1_000_000_000_000_000_000), ("1e19", nil),
        ("9223372036854775807", .max), ("9223372036854775808", nil),
        ("-9223372036854775808", .min), ("-9223372036854775809", nil),
        ("9223372036854775807.000", .max), ("922337203685477580.7e1", .max),
        ("-922337203685477580.8e1", .min), ("0.9223372036854775807e19", .max),
        ("00", nil), ("1.", nil), ("+1", nil), ("", nil), ("abc", nil), ("1e", nil), (" 1", nil),
        ("123456789012345678901234567890", nil), ("1e99999999999999999999999999", nil),
        ("1" + String(repeating: "0", count: 300) + "e-300", 1),
        ("0." + String(repeating: "0", count: 300) + "1e301", 1),
    ]

    @Test(arguments: exactInt64Table)
    func exactInt64(_ text: String, _ expected: Int64?) {
        #expect(JSONNumberText.exactInt64(text) == expected)
    }

    @Test func int64ValueOnJSONValueUsesTheSameRules() {
        #expect(JSONValue.number("1.2e1").int64Value == 12)
        #expect(JSONValue.number("1.5").int64Value == nil)
        #expect(JSONValue.string("12").int64Value == nil)
        #expect(JSONValue.int(Int64.min).int64Value == .min)
    }

    static let validity: [(String, Bool)] = [
        ("0", true), ("-0", true), ("12", true), ("-12.5", true), ("1e5", true), ("1E-5", true),
        ("1e+5", true), ("0.0", true), ("-0.5e-0", true), ("123456789012345678901234567890", true),
        ("", false), ("-", false), ("+1", false), ("01", false), ("-01", false), (".5", false),
        ("1.", false), ("1.e5", false), ("1e", false), ("1e+", false), ("1ee5", false),
        ("NaN", false), ("Infinity", false), ("-Infinity", false), ("0x10", false), (" 1", false),
        ("1 ", false), ("1.5.2", false), ("١", false), ("1_000", false),
    ]

    @Test(arguments: validity)
    func isValid(_ text: String, _ expected: Bool) {
        #expect(JSONNumberText.isValid(text) == expected)
    }

    @Test func agreesWithTheParserOnEveryShortText() throws {
        // Every string of up to four bytes from the number alphabet: `isValid` must say yes
        // exactly when the parser reads that text as a single number.
        let alphabet = Array("-+.eE019".utf8)
        var texts: [[UInt8]] = [[]]
        var checked = 0
        var valid = 0
        for _ in 1...4 {
            texts = texts.flatMap { prefix in alphabet.map { prefix + [$0] } }
            for bytes in texts {
                let text = String(decoding: bytes, as: UTF8.self)
                let parsed = try? JSONParser.parse(bytes)
                let parsedAsNumber = parsed.map { if case .number = $0 { true } else { false } } ?? false
                #expect(JSONNumberText.isValid(text) == parsedAsNumber, "\(text)")
                checked += 1
                if parsedAsNumber { valid += 1 }
            }
        }
        #expect(checked == 8 + 64 + 512 + 4096)
        #expect(valid > 50)
    }
}
