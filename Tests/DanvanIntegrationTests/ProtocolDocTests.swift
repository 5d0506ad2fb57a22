import DanvanJSON
import Foundation
import Testing

/// protocol.md's examples are the contract: each `$ echo '…' | socat …` line is sent, in
/// order, to a fresh daemon, and its reply must equal the documented one (apart from the
/// values that differ by machine and moment, listed in protocol.md).
@Suite(.serialized, .timeLimit(.minutes(5))) struct ProtocolDocTests {
    static let volatile: Set<String> = ["recordedAt", "actor", "uid", "user", "uptimeS", "logBytes", "clients", "today", "ageDays"]

    static func mask(_ v: JSONValue) -> JSONValue {
        switch v {
        case .object(let o):
            return .object(JSONObject(o.members.map { ($0.key, volatile.contains($0.key) ? .string("*") : mask($0.value)) }))
        case .array(let a):
            return .array(a.map(mask))
        case .string(let text):
            // A refused future date names the daemon's today in its message.
            guard let r = text.range(of: "after the day it is recorded on (") else { return v }
            let date = r.upperBound..<(text.index(r.upperBound, offsetBy: 10, limitedBy: text.endIndex) ?? text.endIndex)
            return .string(text.replacingCharacters(in: date, with: "*"))
        default:
            return v
        }
    }

    @Test func everyExampleInProtocolMdHolds() throws {
        let text = try String(contentsOf: Daemon.packageRoot.appendingPathComponent("protocol.md"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // `$ echo 'LINE' | socat …` and `$ printf '%s\n' 'LINE' 'LINE' | socat …`, each followed
        // by its reply lines up to the end of the code block.
        var examples: [(requests: [String], replies: [String])] = []
        for (i, line) in lines.enumerated() where line.hasPrefix("$ echo '") || line.hasPrefix("$ printf '%s\\n' '") {
            guard let socat = line.range(of: "' | socat ") else { continue }
            let head = line.hasPrefix("$ echo '") ? "$ echo '" : "$ printf '%s\\n' '"
            let quoted = String(line[line.index(line.startIndex, offsetBy: head.count)..<socat.lowerBound])
            let requests = quoted.components(separatedBy: "' '")
            var replies: [String] = []
            var j = i + 1
            while j < lines.count, !lines[j].hasPrefix("```") {
                replies.append(lines[j])
                j += 1
            }
            examples.append((requests, replies))
        }
        #expect(examples.count >= 28)
        let d = try Daemon()
        try d.start()
        for (requests, documented) in examples {
            let c = try d.connect()
            try c.send(Array((requests.joined(separator: "\n") + "\n").utf8))
            c.finishSending()
            for expectedLine in documented {
                guard let line = try c.readLine() else {
                    Issue.record("\(requests): the daemon sent fewer lines than documented")
                    break
                }
                let actual = try JSONParser.parse(line)
                let expected = try JSONParser.parse(Array(expectedLine.utf8))
                #expect(Self.mask(actual) == Self.mask(expected), "\(requests)\n  documented: \(expectedLine)\n  actual:     \(JSONWriter.string(actual))")
            }
        }
        // Every error code in the protocol has a row in the errors table.
        for code in ["bad_json", "bad_request", "unknown_op", "bad_params", "validation_failed", "conflict", "too_large", "not_found", "ambiguous", "not_current", "shutting_down", "too_slow", "timeout", "disk_full", "internal"] {
            #expect(text.contains("| `\(code)` |"), "\(code) is not documented")
        }
        d.stop()
    }
}
