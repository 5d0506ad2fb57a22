import DanvanClient
import DanvanJSON
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The slowloris guard (`line_timeout`): a started request line must be finished in time,
/// while whole lines may be as far apart as the client likes.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct LineTimeoutTests {
    static func daemon(timeout: Int) throws -> Daemon {
        let d = try Daemon()
        try d.start(config: "line_timeout = \(timeout)\n")
        return d
    }

    @Test func aHalfSentLineGetsTimeoutAndTheConnectionCloses() throws {
        let d = try Self.daemon(timeout: 1)
        let c = try d.connect()
        // A complete request first: answered as usual.
        try c.send(Array("{\"id\":1,\"op\":\"hello\"}\n".utf8))
        #expect(try JSONParser.parse(try #require(try c.readLine()))["ok"] == .bool(true))
        // Then half a line, dribbled slowly, never finished.
        let started = Date()
        try c.send(Array(#"{"id":2,"#.utf8))
        usleep(400_000)
        try c.send(Array(#""op""#.utf8))
        let line = try #require(try c.readLine())
        let elapsed = Date().timeIntervalSince(started)
        let error = try JSONParser.parse(line)["error"]
        #expect(error?["code"] == .string("timeout"))
        #expect(error?["limit"] == .number("1"))
        // Timed from the line's first byte, not from the last one.
        #expect(elapsed >= 0.9 && elapsed < 1.35, "timed out after \(elapsed) s")
        #expect(try c.readLine() == nil, "the connection is closed after the error")
        // The daemon serves others as before.
        #expect(try d.connect().call("hello")["server"] == .string("danvand"))
        #expect(d.stop() == 0)
    }

    @Test func idleTimeBetweenWholeLinesIsNeverLimited() throws {
        let d = try Self.daemon(timeout: 1)
        let c = try d.connect()
        for id in 1...3 {
            // A line sent in two parts within the limit, then more than the limit of silence.
            try c.send(Array("{\"id\":\(id),".utf8))
            usleep(300_000)
            try c.send(Array("\"op\":\"status\"}\n".utf8))
            #expect(try JSONParser.parse(try #require(try c.readLine()))["id"] == .number("\(id)"))
            usleep(1_300_000)
        }
        #expect(d.stop() == 0)
    }

    @Test func zeroTurnsTheGuardOff() throws {
        let d = try Self.daemon(timeout: 0)
        let c = try d.connect()
        try c.send(Array(#"{"id":1,"op":"hel"#.utf8))
        usleep(1_500_000)
        try c.send(Array("lo\"}\n".utf8))
        #expect(try JSONParser.parse(try #require(try c.readLine()))["ok"] == .bool(true))
        #expect(d.stop() == 0)
    }
}
