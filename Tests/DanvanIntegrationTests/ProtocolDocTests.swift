import DanvanJSON
import Foundation
import Testing

/// protocol.md's examples are the contract: each `$ echo '…' | socat …` line is sent, in
/// order, to a fresh daemon, and its reply must equal the documented one (apart from the
/// values that differ by machine and moment, listed in protocol.md).
@Suite(.serialized) struct ProtocolDocTests {
    static let volatile: Set<String> = ["recordedAt", "actor", "uid", "user", "uptimeS", "logBytes", "today", "ageDays"]

    static func mask(_ v: JSONValue) -> JSONValue {
        switch v {
        case .object(let o):
            return .object(JSONObject(o.members.map { ($0.key, volatile.contains($0.key) ? .string("*") : mask($0.value)) }))
        case .array(let a):
            return .array(a.map(mask))
        default:
            return v
        }
    }

    @Test func everyExampleInProtocolMdHolds() throws {
        let text = try String(contentsOf: Daemon.packageRoot.appendingPathComponent("protocol.md"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var examples: [(request: String, reply: String)] = []
        let prefix = "$ echo '", suffix = "' | socat - UNIX-CONNECT:$SOCK"
        for (i, line) in lines.enumerated() where line.hasPrefix(prefix) && line.hasSuffix(suffix) {
            let request = String(line.dropFirst(prefix.count).dropLast(suffix.count))
            examples.append((request, lines[i + 1]))
        }
        #expect(examples.count >= 25)
        let d = try Daemon()
        try d.start()
        for (request, documented) in examples {
            let replies = try d.exchange(lines: [request])
            #expect(replies.count == 1, "\(request)")
            guard let actual = replies.first else { continue }
            let expected = try JSONParser.parse(Array(documented.utf8))
            #expect(Self.mask(actual) == Self.mask(expected), "\(request)\n  documented: \(documented)\n  actual:     \(JSONWriter.string(actual))")
        }
        // Every error code in the protocol has a row in the errors table.
        for code in ["bad_json", "bad_request", "unknown_op", "bad_params", "validation_failed", "conflict", "too_large", "not_found", "ambiguous", "shutting_down", "internal"] {
            #expect(text.contains("| `\(code)` |"), "\(code) is not documented")
        }
        d.stop()
    }
}
