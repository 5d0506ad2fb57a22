import DanvanJSON
import DanvanProtocol
import Foundation
import Testing

@Suite struct RequestDecoderTests {
    static let suite = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DanvanJSONTests/JSONTestSuite/test_parsing")

    /// Every document of the public JSONTestSuite, sent as a request line: invalid JSON is
    /// `bad_json`, valid JSON that is not a request is `bad_request`, and nothing traps.
    @Test func theWholeJSONTestSuiteAsRequestLines() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.suite.path).filter { $0.hasSuffix(".json") }
        #expect(files.count >= 300)
        var counts: [String: Int] = [:]
        for name in files {
            var bytes = Array(try Data(contentsOf: Self.suite.appendingPathComponent(name)))
            // A request is one line: the framing removes the newline, so documents that
            // contain raw newlines are tested as the framing would deliver them (first line).
            if let nl = bytes.firstIndex(of: 0x0A) { bytes = Array(bytes[..<nl]) }
            let result = RequestDecoder.decode(bytes)
            switch result {
            case .success(let request):
                Issue.record("\(name) decoded as a request with op \(request.op)")
            case .failure(let failure):
                counts[failure.error.code.name, default: 0] += 1
                if name.hasPrefix("n_") && !name.contains("newline") && !Self.validFirstLine(name) {
                    #expect(failure.error.code == .badJSON, "\(name) must be bad_json, got \(failure.error.code)")
                }
                let whole = Array(try Data(contentsOf: Self.suite.appendingPathComponent(name)))
                if name.hasPrefix("y_") && !whole.contains(0x0A) {
                    #expect(failure.error.code == .badRequest, "\(name) is valid JSON: bad_request, got \(failure.error.code)")
                }
            }
        }
        #expect((counts["bad_json"] ?? 0) > 150)
        #expect((counts["bad_request"] ?? 0) > 50)
    }

    /// n_ documents whose first line alone is valid JSON (the rest follows a newline).
    static func validFirstLine(_ name: String) -> Bool {
        guard let data = try? Data(contentsOf: suite.appendingPathComponent(name)) else { return false }
        let bytes = Array(data)
        guard let nl = bytes.firstIndex(of: 0x0A) else { return false }
        return (try? JSONParser.parse(Array(bytes[..<nl]))) != nil
    }

    @Test func aValidRequest() throws {
        let r = try RequestDecoder.decode(Array(#"{"id":"a-1","op":"query","projection":"summary"}"#.utf8)).get()
        #expect(r.id == .string("a-1"))
        #expect(r.op == "query")
        #expect(r.params["projection"] == .string("summary"))
        let crlf = try RequestDecoder.decode(Array("{\"id\":7,\"op\":\"hello\"}\r".utf8)).get()
        #expect(crlf.id == .number("7"))
    }

    @Test(arguments: [
        (#"{"id":1}"#, "bad_request", true),
        (#"{"op":"x"}"#, "bad_request", false),
        (#"{"id":null,"op":"x"}"#, "bad_request", false),
        (#"{"id":true,"op":"x"}"#, "bad_request", false),
        (#"{"id":1,"op":5}"#, "bad_request", true),
        ("\"hello\"", "bad_request", false),
        ("{\"id\":1,\"op\":\"hello\"", "bad_json", false),
        ("", "bad_json", false),
    ])
    func malformedRequests(line: String, code: String, echoesID: Bool) {
        switch RequestDecoder.decode(Array(line.utf8)) {
        case .success: Issue.record("\(line) must fail")
        case .failure(let f):
            #expect(f.error.code.name == code)
            #expect((f.id != .null) == echoesID)
        }
    }

    @Test func repliesRoundTrip() throws {
        var out: [UInt8] = []
        Reply.ok(id: "x", result: ["n": 1], into: &out)
        Reply.error(id: 2, ProtocolError(.conflict, "stream moved", details: ["actual": 3]), into: &out)
        let lines = out.split(separator: 0x0A).map(Array.init)
        #expect(lines.count == 2)
        let ok = try Reply.parse(lines[0])
        #expect(try ok.outcome.get() == ["n": 1])
        let err = try Reply.parse(lines[1])
        guard case .failure(let e) = err.outcome else { Issue.record("expected an error"); return }
        #expect(e.code == .conflict)
        #expect(e.details["actual"] == .number("3"))
        #expect(String(decoding: lines[1], as: UTF8.self) == #"{"id":2,"ok":false,"error":{"code":"conflict","message":"stream moved","actual":3}}"#)
    }

    @Test func errorCodesAreSnakeCaseAndDistinct() {
        let names = ErrorCode.all.map(\.name)
        #expect(Set(names).count == names.count)
        for n in names { #expect(n.allSatisfy { $0.isLowercase || $0 == "_" }) }
    }
}

@Suite struct TypeFilterTests {
    /// `read` and `subscribe` name the unknown type of a `types` filter, as an append does.
    @Test func anUnknownTypeInAFilterIsNamed() throws {
        for op in ["read", "subscribe"] {
            let request = Request(id: 1, op: op, params: ["types": ["land.donated", "land.donatd"]])
            do {
                if op == "read" { _ = try ReadParams(request) } else { _ = try SubscribeParams(request) }
                Issue.record("\(op) accepted an unknown type")
            } catch {
                #expect(error.code == .badParams)
                #expect(error.message.contains("'land.donatd' (did you mean 'land.donated'?)"), "\(error.message)")
            }
        }
    }
}
