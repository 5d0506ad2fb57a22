import DanvanJSON
import Testing

@Suite struct JSONParserTests {
    // MARK: - Accepted documents

    @Test func parsesScalarsAtTopLevel() throws {
        #expect(try JSONParser.parse("null") == .null)
        #expect(try JSONParser.parse(" true ") == .bool(true))
        #expect(try JSONParser.parse("false") == .bool(false))
        #expect(try JSONParser.parse("-12.5e3") == .number("-12.5e3"))
        #expect(try JSONParser.parse("\"Bảo Yên\"") == .string("Bảo Yên"))
    }

    @Test func parsesNestedStructureInDocumentOrder() throws {
        let value = try JSONParser.parse(#" {"a" : [1, {"b": null}, [], {}], "c": "d"} "#)
        guard case .object(let object) = value else {
            Issue.record("not an object: \(value)")
            return
        }
        #expect(object.members.map(\.key) == ["a", "c"])
        #expect(object["a"] == .array([.number("1"), .object(["b": .null]), .array([]), .object(JSONObject())]))
        #expect(object["c"] == .string("d"))
    }

    @Test func acceptsExactlyTheFourWhitespaceBytes() throws {
        #expect(try JSONParser.parse(" \t\r\n[ \t\r\n1 \t\r\n, \t\r\n2 \t\r\n] \t\r\n") == [1, 2])
        #expect(parseError([0x0C, 0x31]) == JSONParseError(.unexpectedCharacter, at: 0))  // form feed
        #expect(parseError([0xC2, 0xA0, 0x31]) == JSONParseError(.unexpectedCharacter, at: 0))  // NBSP
        #expect(parseError([0x31, 0x00]) == JSONParseError(.trailingData, at: 1))
    }

    @Test func keepsNumberTextExactly() throws {
        let value = try JSONParser.parse("[-0, 1E+2, 0.000001, 123456789012345678901234567890, 283.75]")
        #expect(value == .array([
            .number("-0"), .number("1E+2"), .number("0.000001"),
            .number("123456789012345678901234567890"), .number("283.75"),
        ]))
    }

    @Test func decodesEveryEscape() throws {
        #expect(try JSONParser.parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{C}\n\r\t"))
        #expect(try JSONParser.parse(#""\u0000\u001f\u00e9\u00E9\u1EA3""#) == .string("\u{0}\u{1F}ééả"))
        #expect(try JSONParser.parse(#""B\u1ea3o Y\u00ean""#) == .string("Bảo Yên"))
    }

    @Test func combinesSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try JSONParser.parse(#""x\ud834\udd1ey""#) == .string("x𝄞y"))
        #expect(try JSONParser.parse(#""\uDBFF\uDFFF""#) == .string("\u{10FFFF}"))
    }

    @Test func acceptsEveryWellFormedUTF8Boundary() throws {
        // The first and last scalars of each sequence length, and the ones around the surrogates.
        for scalar in ["\u{80}", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}"] {
            let text = "\"" + scalar + "\""
            #expect(try JSONParser.parse(Array(utf8: text)) == .string(scalar))
        }
    }

    @Test func keepsDuplicateKeysAndLooksUpTheLast() throws {
        let value = try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#)
        guard case .object(let object) = value else {
            Issue.record("not an object: \(value)")
            return
        }
        #expect(object.members.map(\.key) == ["a", "b", "a"])
        #expect(object["a"] == .number("3"))
        #expect(value["a"]?.int64Value == 3)
        #expect(object.keys == ["a", "b"])
    }

    @Test func stringsLongerThanAWordAreScannedCorrectly() throws {
        // The scanner skips eight plain bytes at a time; put the interesting byte at every
        // position relative to those words.
        for position in 0..<24 {
            let prefix = String(repeating: "x", count: position)
            #expect(try JSONParser.parse(Array(utf8: "\"" + prefix + "\"")) == .string(prefix))
            #expect(try JSONParser.parse(Array(utf8: "\"" + prefix + "\\n\"")) == .string(prefix + "\n"))
            #expect(try JSONParser.parse(Array(utf8: "\"" + prefix + "ê\"")) == .string(prefix + "ê"))
            let control = Array(utf8: "\"" + prefix) + [0x1F] + Array(utf8: "yyyyyyyyyy\"")
            #expect(parseError(control) == JSONParseError(.controlCharacterInString, at: position + 1))
            let invalid = Array(utf8: "\"" + prefix) + [0xFF] + Array(utf8: "yyyyyyyyyy\"")
            #expect(parseError(invalid) == JSONParseError(.invalidUTF8, at: position + 1))
            let unterminated = Array(utf8: "\"" + prefix)
            #expect(parseError(unterminated) == JSONParseError(.unexpectedEnd, at: position + 1))
        }
    }

    // MARK: - Entry points

    @Test func everyOverloadParsesTheSameBytes() throws {
        let text = #"{"xã":"Bảo Yên","n":[1,2.5]}"#
        let bytes = Array(text.utf8)
        let expected: JSONValue = ["xã": "Bảo Yên", "n": [1, .number("2.5")]]
        #expect(try JSONParser.parse(text) == expected)
        #expect(try JSONParser.parse(bytes) == expected)
        #expect(try JSONParser.parse(bytes[...]) == expected)
        #expect(try bytes.withUnsafeBytes { raw in try JSONParser.parse(raw) } == expected)
        #expect(try JSONParser.parse(bytes.lazy.map { $0 }) == expected)  // not contiguous
        #expect(try JSONParser.parse(ContiguousArray(bytes)) == expected)
    }

    @Test func sliceOffsetsCountFromTheSliceStart() {
        let line = Array(utf8: "garbage[1,]garbage")
        let slice = line[7..<11]  // "[1,]"
        #expect(throws: JSONParseError(.unexpectedCharacter, at: 3)) { try JSONParser.parse(slice) }
    }

    @Test func describesErrorsWithCodeAndOffset() {
        let bytes = Array(utf8: #"{"name":"Lào Cai", "#) + [0xFF]
        let error = parseError(bytes)
        #expect(error == JSONParseError(.invalidUTF8, at: 20))
        #expect(error?.description == "invalid UTF-8 at byte 20")
        #expect(JSONParseError(.tooDeep, at: 64).description == "nesting too deep at byte 64")
        #expect(JSONParseError.Code.trailingData != JSONParseError.Code.unexpectedEnd)
    }

    // MARK: - Rejected documents

    struct ErrorCase: Sendable, CustomTestStringConvertible {
        let input: [UInt8]
        let code: JSONParseError.Code
        let offset: Int
        let label: String

        init(_ text: String, _ code: JSONParseError.Code, _ offset: Int) {
            self.init(bytes: Array(text.utf8), code, offset, label: text)
        }

        init(bytes: [UInt8], _ code: JSONParseError.Code, _ offset: Int, label: String? = nil) {
            input = bytes
            self.code = code
            self.offset = offset
            self.label = label ?? bytes.map { String($0, radix: 16) }.joined(separator: " ")
        }

        var testDescription: String { "\(label) → \(code) at \(offset)" }
    }

    static let errorCases: [ErrorCase] = [
        // Structure
        ErrorCase("", .unexpectedEnd, 0),
        ErrorCase("   ", .unexpectedEnd, 3),
        ErrorCase("[", .unexpectedEnd, 1),
        ErrorCase("[1", .unexpectedEnd, 2),
        ErrorCase(#"{"a":1"#, .unexpectedEnd, 6),
        ErrorCase(#"{"a""#, .unexpectedEnd, 4),
        ErrorCase("]", .unexpectedCharacter, 0),
        ErrorCase("[1,]", .unexpectedCharacter, 3),
        ErrorCase("[,1]", .unexpectedCharacter, 1),
        ErrorCase("[1 2]", .unexpectedCharacter, 3),
        ErrorCase(#"{"a":1,}"#, .unexpectedCharacter, 7),
        ErrorCase(#"{"a" 1}"#, .unexpectedCharacter, 5),
        ErrorCase("{1:2}", .unexpectedCharacter, 1),
        ErrorCase("{'a':1}", .unexpectedCharacter, 1),
        ErrorCase("'a'", .unexpectedCharacter, 0),
        ErrorCase("[1] x", .trailingData, 4),
        ErrorCase("1 2", .trailingData, 2),
        ErrorCase("{} {}", .trailingData, 3),
        ErrorCase("/* c */ 1", .unexpectedCharacter, 0),
        ErrorCase("[1] // c", .trailingData, 4),
        ErrorCase("[1, /* c */ 2]", .unexpectedCharacter, 4),
        // Literals
        ErrorCase("NaN", .unexpectedCharacter, 0),
        ErrorCase("Infinity", .unexpectedCharacter, 0),
        ErrorCase("tru", .unexpectedEnd, 3),
        ErrorCase("trUe", .unexpectedCharacter, 2),
        ErrorCase("nul", .unexpectedEnd, 3),
        ErrorCase("True", .unexpectedCharacter, 0),
        ErrorCase("truefalse", .trailingData, 4),
        // Numbers
        ErrorCase("01", .invalidNumber, 1),
        ErrorCase("[01]", .invalidNumber, 2),
        ErrorCase("-01", .invalidNumber, 2),
        ErrorCase("+1", .unexpectedCharacter, 0),
        ErrorCase(".5", .unexpectedCharacter, 0),
        ErrorCase("1.", .invalidNumber, 2),
        ErrorCase("[1.]", .invalidNumber, 3),
        ErrorCase("-", .invalidNumber, 1),
        ErrorCase("-Infinity", .invalidNumber, 1),
        ErrorCase("1e", .invalidNumber, 2),
        ErrorCase("1e+", .invalidNumber, 3),
        ErrorCase("1.2.3", .invalidNumber, 3),
        ErrorCase("1e5e", .invalidNumber, 3),
        ErrorCase("[1-2]", .invalidNumber, 2),
        ErrorCase("0x10", .trailingData, 1),
        // Strings
        ErrorCase(#""abc"#, .unexpectedEnd, 4),
        ErrorCase(#""\x""#, .invalidEscape, 1),
        ErrorCase(#""ab\'""#, .invalidEscape, 3),
        ErrorCase(#""\u12G4""#, .invalidEscape, 1),
        ErrorCase(#""\u00""#, .invalidEscape, 1),
        ErrorCase(#""\u00"#, .unexpectedEnd, 5),
        ErrorCase(#""\"#, .unexpectedEnd, 2),
        ErrorCase(#""\uD800""#, .invalidEscape, 1),
        ErrorCase(#""\uDC00""#, .invalidEscape, 1),
        ErrorCase(#""\uD800\u0041""#, .invalidEscape, 1),
        ErrorCase(#""\uD800\uD800""#, .invalidEscape, 1),
        ErrorCase(#""\uD800\n""#, .invalidEscape, 1),
        ErrorCase(#""ab\uDE00\uD83D""#, .invalidEscape, 3),
        ErrorCase(#""\uD83D\uDE0""#, .invalidEscape, 7),
        ErrorCase(bytes: [0x22, 0x61, 0x01, 0x62, 0x22], .controlCharacterInString, 2),
        ErrorCase(bytes: [0x22, 0x09, 0x22], .controlCharacterInString, 1),
        ErrorCase(bytes: [0x22, 0x0A, 0x22], .controlCharacterInString, 1),
        ErrorCase(bytes: [0x22, 0x00, 0x22], .controlCharacterInString, 1),
        // UTF-8, inside and outside strings
        ErrorCase(bytes: [0xEF, 0xBB, 0xBF, 0x31], .byteOrderMark, 0),
        ErrorCase(bytes: [0xEF, 0xBB, 0xBF, 0x7B, 0x7D], .byteOrderMark, 0),
        ErrorCase(bytes: [0x22, 0xC0, 0xAF, 0x22], .invalidUTF8, 1),  // overlong "/"
        ErrorCase(bytes: [0x22, 0xC1, 0xBF, 0x22], .invalidUTF8, 1),  // overlong
        ErrorCase(bytes: [0x22, 0xE0, 0x9F, 0xBF, 0x22], .invalidUTF8, 1),  // overlong 3-byte
        ErrorCase(bytes: [0x22, 0xF0, 0x8F, 0xBF, 0xBF, 0x22], .invalidUTF8, 1),  // overlong 4-byte
        ErrorCase(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, 1),  // U+D800 encoded
        ErrorCase(bytes: [0x22, 0xED, 0xBF, 0xBF, 0x22], .invalidUTF8, 1),  // U+DFFF encoded
        ErrorCase(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, 1),  // U+110000
        ErrorCase(bytes: [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], .invalidUTF8, 1),
        ErrorCase(bytes: [0x22, 0x61, 0xE1, 0xBA, 0x22], .invalidUTF8, 2),  // truncated "ả"
        ErrorCase(bytes: [0x22, 0x61, 0xE1, 0xBA], .invalidUTF8, 2),  // truncated at the end
        ErrorCase(bytes: [0x22, 0x80, 0x22], .invalidUTF8, 1),  // lone continuation byte
        ErrorCase(bytes: [0x22, 0xFF, 0x22], .invalidUTF8, 1),
        ErrorCase(bytes: [0x22, 0xFE, 0x22], .invalidUTF8, 1),
        ErrorCase(bytes: [0x5B, 0xFF, 0x5D], .invalidUTF8, 1),  // outside a string
        ErrorCase(bytes: [0xC3, 0x28], .invalidUTF8, 0),
        ErrorCase(bytes: [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x31, 0xE9], .invalidUTF8, 6),  // Latin-1 "é"
        ErrorCase(bytes: [0x5B, 0xC3, 0xA9, 0x5D], .unexpectedCharacter, 1),  // valid "é", bad place
        // The first problem in document order wins, whichever check finds it.
        ErrorCase(bytes: Array(utf8: #""\n"#) + [0xFF, 0x22], .invalidUTF8, 3),  // escapes, then bad UTF-8
        ErrorCase(bytes: [0x22, 0xFF] + Array(utf8: #"\x""#), .invalidUTF8, 1),  // bad UTF-8, then bad escape
        ErrorCase(bytes: [0x22, 0xC3, 0x01, 0x22], .invalidUTF8, 1),  // bad UTF-8, then control character
        ErrorCase(bytes: [0x22, 0x01, 0xFF, 0x22], .controlCharacterInString, 1),
        ErrorCase(bytes: Array(utf8: #""\x"#) + [0xFF, 0x22], .invalidEscape, 1),
        ErrorCase(bytes: [0xFF], .invalidUTF8, 0),
        ErrorCase(bytes: [0x31, 0x20, 0xFF], .trailingData, 2),
    ]

    @Test(arguments: errorCases)
    func rejectsWithCodeAndOffset(_ item: ErrorCase) {
        #expect(parseError(item.input) == JSONParseError(item.code, at: item.offset))
    }

    // MARK: - Depth

    @Test func allowsSixtyFourLevelsByDefault() throws {
        let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        var value = try JSONParser.parse(deepest)
        var depth = 0
        while case .array(let items) = value, let first = items.first {
            value = first
            depth += 1
        }
        #expect(depth == 63)  // 64 arrays: 63 with a child, the innermost empty
        #expect(value == .array([]))
        let objects = String(repeating: #"{"k":"#, count: 63) + "{}" + String(repeating: "}", count: 63)
        #expect(parseError(Array(utf8: objects)) == nil)
    }

    @Test func rejectsTheSixtyFifthLevel() {
        let arrays = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(parseError(Array(utf8: arrays)) == JSONParseError(.tooDeep, at: 64))
        let objects = String(repeating: #"{"k":"#, count: 64) + "{}" + String(repeating: "}", count: 64)
        #expect(parseError(Array(utf8: objects)) == JSONParseError(.tooDeep, at: 64 * 5))
        let mixed = String(repeating: #"[{"k":"#, count: 33)
        #expect(parseError(Array(utf8: mixed)) == JSONParseError(.tooDeep, at: 32 * 6))
    }

    @Test func depthLimitIsConfigurable() throws {
        #expect(try JSONParser.parse("1", maximumDepth: 0) == 1)
        #expect(parseError(Array(utf8: "[]"), maximumDepth: 0) == JSONParseError(.tooDeep, at: 0))
        #expect(parseError(Array(utf8: "{}"), maximumDepth: -5) == JSONParseError(.tooDeep, at: 0))
        #expect(parseError(Array(utf8: "[[1]]"), maximumDepth: 1) == JSONParseError(.tooDeep, at: 1))
        #expect(try JSONParser.parse("[[1]]", maximumDepth: 2) == [[1]])
        let thousand = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        #expect(parseError(Array(utf8: thousand), maximumDepth: 1000) == nil)
        #expect(parseError(Array(utf8: thousand), maximumDepth: 999) == JSONParseError(.tooDeep, at: 999))
    }

    @Test func hugeNestingNeitherRecursesNorCrashes() {
        // The parser keeps its own stack: even an unlimited depth cannot overflow the thread's.
        let opening = [UInt8](repeating: UInt8(ascii: "["), count: 200_000)
        #expect(parseError(opening) == JSONParseError(.tooDeep, at: 64))
        #expect(parseError(opening, maximumDepth: .max) == JSONParseError(.unexpectedEnd, at: 200_000))
        let objects = Array(String(repeating: #"{"":"#, count: 100_000).utf8)
        #expect(parseError(objects, maximumDepth: .max) == JSONParseError(.unexpectedEnd, at: 400_000))
    }

    // MARK: - Robustness

    @Test func randomAndMutatedInputsNeverCrashAndAcceptedOnesRoundTrip() throws {
        var generator = SeededGenerator(seed: 0xDA9_7A9)
        var random = RandomJSON(seed: 42)
        let alphabet = Array(#"{}[],:"\ u0123456789.eE+-truefalsnl"#.utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xA9, 0xED, 0xFF]
        var accepted = 0
        var rejected = 0
        for round in 0..<20_000 {
            var input: [UInt8]
            if round % 2 == 0 {
                let length = Int.random(in: 0...24, using: &generator)
                input = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            } else {
                // Valid documents with a few bytes changed, dropped or truncated.
                input = JSONWriter.bytes(random.value())
                for _ in 0..<Int.random(in: 0...2, using: &generator) where !input.isEmpty {
                    let position = Int.random(in: 0..<input.count, using: &generator)
                    switch Int.random(in: 0..<3, using: &generator) {
                    case 0: input[position] = alphabet.randomElement(using: &generator)!
                    case 1: input.remove(at: position)
                    default: input.removeSubrange(position...)
                    }
                }
            }
            do {
                let value = try JSONParser.parse(input)
                accepted += 1
                #expect(try JSONParser.parse(JSONWriter.bytes(value)) == value)
            } catch {
                rejected += 1
                #expect(error.offset >= 0 && error.offset <= input.count)
            }
        }
        // Both outcomes must be well represented, or the inputs are not testing much.
        #expect(accepted > 2_000)
        #expect(rejected > 2_000)
    }
}

