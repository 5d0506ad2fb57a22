import DanvanJSON
import Testing

@Suite struct JSONBinaryTests {
    @Test func encodesWithTheDocumentedLayout() {
        #expect(JSONBinary.encode(nil) == [0x00])
        #expect(JSONBinary.encode(false) == [0x01])
        #expect(JSONBinary.encode(true) == [0x02])
        #expect(JSONBinary.encode(0) == [0x03, 0x00])
        #expect(JSONBinary.encode(-1) == [0x03, 0x01])
        #expect(JSONBinary.encode(1) == [0x03, 0x02])
        #expect(JSONBinary.encode(64) == [0x03, 0x80, 0x01])
        #expect(JSONBinary.encode(.int(Int64.min)) == [0x03] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
        #expect(JSONBinary.encode(.number("1.0")) == [0x04, 0x03] + Array("1.0".utf8))
        #expect(JSONBinary.encode(.number("-0")) == [0x04, 0x02] + Array("-0".utf8))
        #expect(JSONBinary.encode(.number("9223372036854775808")) == [0x04, 19] + Array("9223372036854775808".utf8))
        #expect(JSONBinary.encode("ả") == [0x05, 0x03, 0xE1, 0xBA, 0xA3])
        #expect(JSONBinary.encode([1, nil]) == [0x06, 0x02, 0x03, 0x02, 0x00])
        #expect(JSONBinary.encode(["k": true]) == [0x07, 0x01, 0x01, UInt8(ascii: "k"), 0x02])
        #expect(JSONBinary.encode(.number("NaN")) == [0x00])  // invalid text: stored as null
        var buffer: [UInt8] = [0xAA]
        JSONBinary.encode(true, into: &buffer)
        #expect(buffer == [0xAA, 0x02])
    }

    static let samples: [JSONValue] = [
        nil, true, false, 0, .number("-0"), .number("1.0"), .number("1e2"), .number("-12.5E-3"),
        .int(Int64.max), .int(Int64.min), .number("9223372036854775808"), .number("-9223372036854775809"),
        .number("123456789012345678901234567890"), "", "Bảo Yên", "\u{0}\n\"\\", "😀𝄞",
        [], .object(JSONObject()), [1, [2, [3, ["deep"]]]],
        .object(JSONObject([("a", 1), ("b", 2), ("a", 3)])),  // duplicates kept, in order
        ["xã": "Phong Dụ Hạ", "hộ": 283, "diện tích": .number("283.75"), "tags": ["a", nil, false]],
    ]

    @Test(arguments: samples)
    func roundTripsExactly(_ value: JSONValue) throws {
        #expect(identical(try JSONBinary.decode(JSONBinary.encode(value)), value))
    }

    @Test func randomValuesRoundTripExactly() throws {
        var random = RandomJSON(seed: 2024)
        var total = 0
        for _ in 0..<3_000 {
            let value = random.value()
            let bytes = JSONBinary.encode(value)
            #expect(identical(try JSONBinary.decode(bytes), value))
            #expect(identical(try JSONBinary.decode(bytes[...]), value))
            total += bytes.count
        }
        #expect(total > 10_000)
    }

    @Test func everyProperPrefixIsRejected() {
        // The form is self-delimiting: cutting a record short must never yield a value.
        var random = RandomJSON(seed: 99)
        for _ in 0..<300 {
            let bytes = JSONBinary.encode(random.value())
            for length in 0..<bytes.count {
                #expect(binaryError(Array(bytes[..<length])) != nil)
            }
        }
    }

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let input: [UInt8]
        let code: JSONBinaryError.Code
        let offset: Int
        var testDescription: String { "\(input) → \(code) at \(offset)" }
    }

    static let errorCases: [ErrorCase] = [
        ErrorCase(input: [], code: .unexpectedEnd, offset: 0),
        ErrorCase(input: [0x08], code: .invalidTag, offset: 0),
        ErrorCase(input: [0xFF], code: .invalidTag, offset: 0),
        ErrorCase(input: [0x06, 0x01, 0x09], code: .invalidTag, offset: 2),
        ErrorCase(input: [0x03], code: .unexpectedEnd, offset: 1),
        ErrorCase(input: [0x03, 0x80], code: .unexpectedEnd, offset: 2),
        ErrorCase(input: [0x03] + [UInt8](repeating: 0xFF, count: 9) + [0x02], code: .invalidVarint, offset: 1),
        ErrorCase(input: [0x03] + [UInt8](repeating: 0x80, count: 10) + [0x00], code: .invalidVarint, offset: 1),
        ErrorCase(input: [0x05, 0x05, 0x61], code: .invalidLength, offset: 1),
        ErrorCase(input: [0x05] + [UInt8](repeating: 0xFF, count: 9) + [0x01], code: .invalidLength, offset: 1),
        ErrorCase(input: [0x06, 0x02, 0x00], code: .invalidLength, offset: 1),
        ErrorCase(input: [0x06, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F], code: .invalidLength, offset: 1),
        ErrorCase(input: [0x07, 0x01, 0x00], code: .invalidLength, offset: 1),
        ErrorCase(input: [0x05, 0x01, 0xFF], code: .invalidUTF8, offset: 2),
        ErrorCase(input: [0x05, 0x03, 0x61, 0xED, 0xA0], code: .invalidUTF8, offset: 3),
        ErrorCase(input: [0x07, 0x01, 0x02, 0xC0, 0xAF, 0x00], code: .invalidUTF8, offset: 3),
        ErrorCase(input: [0x04, 0x01, UInt8(ascii: "x")], code: .invalidNumber, offset: 2),
        ErrorCase(input: [0x04, 0x02] + Array("01".utf8), code: .invalidNumber, offset: 2),
        ErrorCase(input: [0x04, 0x00], code: .invalidNumber, offset: 2),
        ErrorCase(input: [0x00, 0x00], code: .trailingData, offset: 1),
        ErrorCase(input: [0x06, 0x00, 0x06], code: .trailingData, offset: 2),
        // 65 nested one-element arrays: the 65th array's tag is at offset 64 × 2.
        ErrorCase(input: Array([[UInt8]](repeating: [0x06, 0x01], count: 65).joined()) + [0x00], code: .tooDeep, offset: 128),
    ]

    @Test(arguments: errorCases)
    func rejectsWithCodeAndOffset(_ item: ErrorCase) {
        #expect(binaryError(item.input) == JSONBinaryError(item.code, at: item.offset))
    }

    @Test func depthLimitMatchesTheParserAndIsConfigurable() throws {
        let sixtyFour = Array([[UInt8]](repeating: [0x06, 0x01], count: 63).joined()) + [0x06, 0x00]
        #expect(binaryError(sixtyFour) == nil)
        #expect(throws: JSONBinaryError(.tooDeep, at: 2)) { try JSONBinary.decode(sixtyFour, maximumDepth: 1) }
        let value = try JSONParser.parse(String(repeating: "[", count: 64) + String(repeating: "]", count: 64))
        #expect(identical(try JSONBinary.decode(JSONBinary.encode(value)), value))
        #expect(JSONBinaryError(.invalidTag, at: 3).description == "invalid tag at byte 3")
    }

    @Test func randomBytesNeverCrashTheDecoder() {
        var generator = SeededGenerator(seed: 0x5EED)
        var decoded = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...32, using: &generator)
            // Small tag-like bytes dominate so that many inputs get past the first byte.
            let bytes = (0..<length).map { _ in
                Bool.random(using: &generator) ? UInt8.random(in: 0...8, using: &generator) : UInt8.random(in: 0...255, using: &generator)
            }
            do {
                let value = try JSONBinary.decode(bytes)
                decoded += 1
                // Whatever decodes is a proper value: it re-encodes and decodes to itself.
                #expect(identical(try JSONBinary.decode(JSONBinary.encode(value)), value))
            } catch {
                #expect(error.offset >= 0 && error.offset <= bytes.count)
            }
        }
        #expect(decoded > 100)
    }

    @Test func corruptedRecordsNeverCrashTheDecoder() {
        var generator = SeededGenerator(seed: 0xC0FFEE)
        var random = RandomJSON(seed: 5)
        var rejected = 0
        for _ in 0..<20_000 {
            var bytes = JSONBinary.encode(random.value())
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            }
            if binaryError(bytes) != nil { rejected += 1 }
        }
        #expect(rejected > 5_000)
    }
}
