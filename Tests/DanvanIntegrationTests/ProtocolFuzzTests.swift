import DanvanClient
import DanvanJSON
import Foundation
import Testing

/// Malformed lines of every kind at a running daemon: each gets the right error, nothing
/// crashes, nothing is stored.
///
/// 100,000 lines by default (`DANVAN_FUZZ_LINES` sets another count), in floods of 2,000
/// pipelined lines per connection, each half-closed like `socat`.
@Suite(.serialized, .timeLimit(.minutes(10)))
struct ProtocolFuzzTests {
    /// A small deterministic generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// One malformed line and the error codes it may get.
    static func line(_ i: Int, _ rng: inout SplitMix) -> (bytes: [UInt8], codes: Set<String>) {
        let valid = Array(#"{"id":1,"op":"append","events":[{"type":"land.donated","data":{"unit":"BY","households":1,"areaM2":2,"purpose":"road","donatedOn":"2023-01-01"}}]}"#.utf8)
        switch i % 12 {
        case 0:  // random bytes (no newline)
            let n = Int.random(in: 1...200, using: &rng)
            return ((0..<n).map { _ in UInt8.random(in: 0...255, using: &rng) }.map { $0 == 10 ? 32 : $0 }, ["bad_json", "bad_request"])
        case 1:  // a valid request truncated
            return (Array(valid.prefix(Int.random(in: 1..<valid.count, using: &rng))), ["bad_json"])
        case 2:  // deep nesting
            let depth = Int.random(in: 65...5000, using: &rng)
            return (Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth), ["bad_json"])
        case 3:  // huge numbers where integers belong
            return (Array(#"{"id":1,"op":"read","fromSeq":1e999999,"limit":99999999999999999999999}"#.utf8), ["bad_params"])
        case 4:  // wrong types
            return (Array(#"{"id":[1],"op":{"x":1}}"#.utf8), ["bad_request"])
        case 5:  // NUL bytes inside a string
            return (Array(#"{"id":1,"op":"hel"#.utf8) + [0] + Array(#"lo"}"#.utf8), ["bad_json"])
        case 6:  // invalid UTF-8
            return (Array(#"{"id":1,"op":""#.utf8) + [0xC0, 0xAF, 0xED, 0xA0, 0x80] + Array(#""}"#.utf8), ["bad_json"])
        case 7:  // a flipped byte in a valid request
            var v = valid
            let at = Int.random(in: 0..<v.count, using: &rng)
            v[at] ^= UInt8(1) << UInt8.random(in: 0...6, using: &rng)
            if v[at] == 10 { v[at] = 32 }
            return (v, ["bad_json", "bad_request", "bad_params", "validation_failed", "unknown_op", "ok"])
        case 8:  // unknown ops
            return (Array(#"{"id":"x","op":"drop_table_\#(i)"}"#.utf8), ["unknown_op"])
        case 9:  // invalid events: the batch is refused
            return (Array(#"{"id":1,"op":"append","events":[{"type":"land.donated","data":{"unit":"NOPE","households":-1}}]}"#.utf8), ["validation_failed"])
        case 10:  // not an object
            return (Array(["1", "\"s\"", "null", "true", "[]"][i % 5].utf8), ["bad_request"])
        default:  // bad parameters
            return (Array(#"{"id":1,"op":"query","projection":"summary","year":"nineteen"}"#.utf8), ["bad_params"])
        }
    }

    @Test func aHundredThousandMalformedLines() throws {
        let count = Int(ProcessInfo.processInfo.environment["DANVAN_FUZZ_LINES"] ?? "") ?? 100_000
        let d = try Daemon()
        try d.start()
        _ = try d.exchange(lines: [unitsBatch])
        let before = try d.connect().call("status")["seq"]
        var rng = SplitMix(state: 2024)
        var sent = 0
        var answered: [String: Int] = [:]
        while sent < count {
            // Floods of pipelined lines, 2,000 per connection.
            let n = min(2000, count - sent)
            var payload: [UInt8] = []
            var expected: [Set<String>] = []
            for i in sent..<(sent + n) {
                let (bytes, codes) = Self.line(i, &rng)
                payload += bytes
                payload.append(10)
                expected.append(codes)
            }
            var k = 0
            for reply in try d.exchangeConcurrently(payload) {
                let v = try JSONParser.parse(reply)
                let code = v["ok"] == .bool(true) ? "ok" : v["error"]?["code"]?.stringValue ?? "?"
                if k < expected.count {
                    #expect(expected[k].contains(code), "line \(sent + k): got \(code), expected one of \(expected[k])")
                }
                answered[code, default: 0] += 1
                k += 1
            }
            #expect(k == n, "every line gets exactly one reply")
            sent += n
        }
        // Still alive, and only the few lines that turned back into valid appends stored anything.
        let after = try d.connect().call("status")
        let stored = (after["seq"]?.int64Value ?? 0) - (before?.int64Value ?? 0)
        #expect(stored == Int64(answered["ok", default: 0]), "only lines acknowledged ok stored anything")
        #expect(d.process?.isRunning == true)
        print("protocol fuzz: \(sent) malformed lines, replies by code: \(answered.sorted { $0.key < $1.key })")
        #expect(d.stop() == 0)
    }
}
