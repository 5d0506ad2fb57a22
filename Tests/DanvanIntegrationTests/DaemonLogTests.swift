import DanvanClient
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// What the real daemon writes to stderr (the journal under systemd) while it serves: client
/// hang-ups are not errors, and debug lines stay short.
@Suite(.serialized, .timeLimit(.minutes(2))) struct DaemonLogTests {
    /// The lines of `text` logged at notice or above (the format is `<time> <level> danvand: ...`).
    private func loud(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { line in
            let words = line.split(separator: " ")
            return words.count > 1 && ["notice", "warning", "error", "critical"].contains(String(words[1]))
        }
    }

    /// Waits until the daemon has seen every earlier client leave: a request on a new
    /// connection is answered after the accept loop handled the earlier ones.
    private func settle(_ d: Daemon) throws {
        usleep(300_000)
        _ = try d.exchange(lines: [#"{"id":1,"op":"status"}"#])
    }

    @Test func clientsThatHangUpLeaveNoNoticeOrWarning() throws {
        let d = try Daemon()
        try d.start()
        // Sends a request and closes at once, without reading the reply.
        for _ in 0..<5 {
            let c = try d.connect()
            try c.send(Array(#"{"id":1,"op":"hello"}"#.utf8) + [10])
            c.close()
        }
        // Closes while replies are being written: 2,000 pipelined requests, no read, close
        // (the kernel answers the daemon's next writes with ECONNRESET or EPIPE).
        let flood = Array(String(repeating: #"{"id":1,"op":"schema"}"# + "\n", count: 2000).utf8)
        for _ in 0..<3 {
            let c = try d.connect()
            try c.send(flood)
            c.close()
        }
        // A client that half-closes and reads everything, as socat does.
        _ = try d.exchange(lines: [#"{"id":1,"op":"hello"}"#])
        try settle(d)
        #expect(d.stop() == 0)
        #expect(loud(d.stderr).isEmpty, "hang-ups logged as errors:\n\(loud(d.stderr).joined(separator: "\n"))")
    }

    /// At trace level, with clients and a stop: every line fits on a terminal line or two
    /// (no Swift structure dumped whole), and the service start/stop lines name the service.
    @Test func debugLinesAreShortFieldsNotDumpedStructures() throws {
        let d = try Daemon()
        try d.start(arguments: ["--log-level", "trace"])
        _ = try d.exchange(lines: [unitsBatch, #"{"id":2,"op":"query","projection":"summary","unit":"BY"}"#])
        let c = try d.connect()
        try c.send(Array(#"{"id":1,"op":"hello"}"#.utf8) + [10])
        c.close()
        try settle(d)
        #expect(d.stop() == 0)
        let lines = d.stderr.split(separator: "\n")
        #expect(lines.contains { $0.contains(" debug ") }, "no debug line at all: \(d.stderr)")
        let long = lines.filter { $0.utf8.count > 300 }
        #expect(long.isEmpty, "\(long.count) lines over 300 characters, the longest \(long.map(\.utf8.count).max() ?? 0):\n\(long.prefix(3).joined(separator: "\n"))")
        #expect(d.stderr.contains("sl-service=SocketServer "))
    }

    /// At debug, every connection leaves exactly one "client disconnected" line, without
    /// error text for a plain hang-up (a socat exchange left none, a close after a reply one
    /// with "I/O on closed channel", a reset mid-reply two).
    @Test func eachConnectionIsOneDisconnectLine() throws {
        let d = try Daemon()
        try d.start(arguments: ["--log-level", "debug"])
        _ = try d.exchange(lines: [#"{"id":1,"op":"hello"}"#])  // half-closes and reads all, as socat does
        let c = try d.connect()
        _ = try c.call("status")  // reads its reply, then closes, as danvanctl does
        c.close()
        let r = try d.connect()
        try r.send(Array(String(repeating: #"{"id":1,"op":"schema"}"# + "\n", count: 2000).utf8))
        r.close()  // reset while replies are written
        try settle(d)  // one more connection
        #expect(d.stop() == 0)
        let lines = d.stderr.split(separator: "\n")
        let connected = lines.filter { $0.contains("client connected") }.count
        let disconnected = lines.filter { $0.contains("client disconnected") }
        #expect(connected >= 4, "\(d.stderr)")  // and the readiness probe of start()
        #expect(disconnected.count == connected, "\(disconnected.joined(separator: "\n"))")
        #expect(!disconnected.contains { $0.contains("error=") }, "\(disconnected.joined(separator: "\n"))")
    }
}
