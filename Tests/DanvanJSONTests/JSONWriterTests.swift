import DanvanJSON
import Testing

@Suite struct JSONWriterTests {
    @Test func writesCompactOutputInMemberOrder() {
        let value: JSONValue = ["z": [1, true, nil, "x"], "a": ["k": false], "m": .number("-1.5e3")]
        #expect(JSONWriter.string(value) == #"{"z":[1,true,null,"x"],"a":{"k":false},"m":-1.5e3}"#)
        #expect(JSONWriter.string([]) == "[]")
        #expect(JSONWriter.string(.object(JSONObject())) == "{}")
        #expect(JSONWriter.string("") == #""""#)
    }

    @Test func escapesOnlyWhatJSONRequires() {
        #expect(JSONWriter.string("a\"b\\c/d") == #""a\"b\\c/d""#)
        #expect(JSONWriter.string("\u{8}\u{C}\n\r\t") == #""\b\f\n\r\t""#)
        #expect(JSONWriter.string("\u{0}\u{1}\u{1F}") == #""\u0000\u0001\u001f""#)
        #expect(JSONWriter.string("\u{7F}\u{2028}") == "\"\u{7F}\u{2028}\"")  // not escaped
    }

    @Test func writesNonASCIIAsRawUTF8() {
        let bytes = JSONWriter.bytes("Bảo Yên 😀")
        #expect(bytes == [UInt8(ascii: "\"")] + Array("Bảo Yên 😀".utf8) + [UInt8(ascii: "\"")])
    }

    @Test func appendsToTheCallersBuffer() {
        var buffer = Array("reply ".utf8)
        JSONWriter.write(["ok": true], into: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        #expect(String(decoding: buffer, as: UTF8.self) == "reply {\"ok\":true}\n")
        var keyBuffer: [UInt8] = []
        JSONWriter.writeString("tên\n", into: &keyBuffer)
        #expect(keyBuffer == Array("\"tên\\n\"".utf8))
    }

    @Test func writesOnlyTheLastOfDuplicateKeysAtItsPosition() throws {
        let parsed = try JSONParser.parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(JSONWriter.string(parsed) == #"{"b":2,"a":3}"#)
        // Both strategies (fingerprints up to 64 members, hashing beyond) follow the same rule.
        for size in [20, 64, 100] {
            var members: [(key: String, value: JSONValue)] = (0..<size).map { ("k\($0)", .int($0)) }
            members.append(("k3", "last"))
            members.insert(("k\(size - 1)", "first"), at: 0)
            let kept = (0..<size).filter { $0 != 3 }.map { #""k\#($0)":\#($0)"# } + [#""k3":"last""#]
            #expect(JSONWriter.string(.object(JSONObject(members))) == "{" + kept.joined(separator: ",") + "}")
        }
        // Keys that share length, first and last bytes are still told apart.
        let similar: JSONValue = .object(JSONObject([("abXcd", 1), ("abYcd", 2), ("abXcd", 3), ("abcdefghXijklmnop", 4), ("abcdefghYijklmnop", 5)]))
        #expect(JSONWriter.string(similar) == #"{"abYcd":2,"abXcd":3,"abcdefghXijklmnop":4,"abcdefghYijklmnop":5}"#)
    }

    @Test func handlesOutputLargerThanItsInitialBuffer() throws {
        let long = String(repeating: "Bảo Yên \n ", count: 2_000)
        let value: JSONValue = ["text": .string(long), "items": .array((0..<1_000).map { .int($0) })]
        var buffer = Array("prefix".utf8)
        JSONWriter.write(value, into: &buffer)
        #expect(buffer.starts(with: Array("prefix{\"text\":\"Bảo Yên \\n".utf8)))
        #expect(try JSONParser.parse(buffer[6...]) == value)
    }

    @Test func writesInvalidNumberTextsAsNull() throws {
        let value: JSONValue = [.number("NaN"), .number(""), .number("01"), .number("1 "), .number("2")]
        #expect(JSONWriter.string(value) == "[null,null,null,null,2]")
        #expect(try JSONParser.parse(JSONWriter.bytes(value)) == [nil, nil, nil, nil, 2])
    }

    static let roundTripStrings: [String] = [
        "Bảo Yên", "Hội Liên hiệp Phụ nữ xã Phong Dụ Hạ", "Nguyễn Thị Ánh", "", "\"", "\\",
        String((0..<0x20).map { Character(UnicodeScalar(UInt8($0))) }), "😀👩‍👩‍👧", "𝄞\u{10FFFF}",
        "mixed \u{0} ả \u{1F} \"q\" \\ 😀 end",
    ]

    @Test(arguments: roundTripStrings)
    func stringRoundTripsThroughTheParser(_ text: String) throws {
        #expect(try JSONParser.parse(JSONWriter.bytes(.string(text))) == .string(text))
        let object: JSONValue = .object(JSONObject([(key: text, value: .string(text))]))
        #expect(try JSONParser.parse(JSONWriter.bytes(object)) == object)
    }

    @Test func randomValuesRoundTripThroughTheParser() throws {
        var random = RandomJSON(seed: 7)
        for _ in 0..<2_000 {
            let value = random.value()
            let bytes = JSONWriter.bytes(value)
            let parsed = try JSONParser.parse(bytes)
            #expect(parsed == value)
            // Writing what we parsed is a fixed point: byte-identical output.
            #expect(JSONWriter.bytes(parsed) == bytes)
        }
    }
}
