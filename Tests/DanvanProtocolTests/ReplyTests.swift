import DanvanJSON
import DanvanProtocol
import Testing

/// A reply whose result is written as bytes is the same line as one built from a `JSONValue`.
@Suite struct ReplyTests {
    struct Refused: Error {}

    @Test(arguments: [JSONValue.int(7), .string("a \"quoted\" id\n"), .string("Bảo Yên"), .null, .number("-1.5")])
    func writtenResultsGiveTheSameLine(id: JSONValue) throws {
        let result: JSONValue = ["unit": "BY", "figures": [1, 2, 3], "rate": .null]
        var expected: [UInt8] = []
        Reply.ok(id: id, result: result, into: &expected)
        var direct: [UInt8] = []
        Reply.ok(id: id, into: &direct) { (out: inout [UInt8]) in JSONWriter.write(result, into: &out) }
        #expect(direct == expected)
    }

    @Test func aResultThatFailsLeavesTheBufferAsItWas() {
        var out: [UInt8] = Array("earlier line\n".utf8)
        #expect(throws: Refused.self) {
            try Reply.ok(id: .int(1), into: &out) { (out: inout [UInt8]) throws(Refused) in
                out.append(contentsOf: "{\"half".utf8)
                throw Refused()
            }
        }
        #expect(out == Array("earlier line\n".utf8))
    }
}
