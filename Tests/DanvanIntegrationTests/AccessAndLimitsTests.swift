import DanvanClient
import DanvanJSON
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Roles from SO_PEERCRED and the configuration; limits against greedy clients.
@Suite(.serialized, .timeLimit(.minutes(5))) struct AccessAndLimitsTests {
    /// A daemon with `config` lines, reachable by other users (for the `nobody` client).
    static func daemon(_ config: String) throws -> Daemon {
        let d = try Daemon()
        let file = d.directory + "/danvand.conf"
        try (config + "\nsocket_mode = 0666\n").write(toFile: file, atomically: true, encoding: .utf8)
        chmod(d.directory, 0o711)
        try d.start(arguments: ["--config", file])
        return d
    }

    /// Sends `lines` as uid/gid 65534 (nobody) through setpriv and socat; returns the replies.
    static func asNobody(_ d: Daemon, _ lines: [String]) throws -> [JSONValue] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        p.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "socat", "-", "UNIX-CONNECT:" + d.socket]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        input.fileHandleForWriting.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)) }
    }

    static var canSwitchUser: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") && FileManager.default.isExecutableFile(atPath: "/usr/bin/socat")
    }

    @Test func rolesComeFromTheKernelAndTheConfiguration() throws {
        guard Self.canSwitchUser else {
            print("skipped: needs root, setpriv and socat to connect as another user")
            return
        }
        let d = try Self.daemon("readers = uid:65534")
        _ = try d.exchange(lines: [unitsBatch])
        let replies = try Self.asNobody(d, [
            #"{"id":1,"op":"hello"}"#,
            #"{"id":2,"op":"query","projection":"summary","unit":"BY"}"#,
            #"{"id":3,"op":"append","events":[\#(landEvent())]}"#,
            #"{"id":4,"op":"backup","directory":"/tmp/nope"}"#,
        ])
        #expect(replies.count == 4)
        #expect(replies[0]["result"]?["role"] == .string("reader"))
        #expect(replies[0]["result"]?["uid"] == .number("65534"))
        #expect(replies[1]["ok"] == .bool(true))
        #expect(replies[2]["error"]?["code"] == .string("forbidden"))
        #expect(replies[2]["error"]?["needed"] == .string("writer"))
        #expect(replies[3]["error"]?["code"] == .string("forbidden"))
        #expect(try d.connect().call("status")["seq"] == .number("5"), "the forbidden append stored nothing")
        d.stop()

        let closed = try Self.daemon("")
        let unknown = try Self.asNobody(closed, [#"{"id":1,"op":"hello"}"#, #"{"id":2,"op":"status"}"#])
        #expect(unknown[0]["result"]?["role"] == .null)
        #expect(unknown[1]["error"]?["code"] == .string("forbidden"))
        closed.stop()
    }

    @Test func theActorIsThePeerNotTheClientsClaim() throws {
        guard Self.canSwitchUser else {
            print("skipped: needs root, setpriv and socat to connect as another user")
            return
        }
        let d = try Self.daemon("writers = uid:65534")
        _ = try d.exchange(lines: [unitsBatch])
        let replies = try Self.asNobody(d, [#"{"id":1,"op":"append","actor":{"uid":0,"user":"root"},"events":[\#(landEvent())]}"#])
        #expect(replies.first?["error"]?["code"] == .string("bad_params"), "a claimed actor is refused, not trusted")
        _ = try Self.asNobody(d, [#"{"id":1,"op":"append","events":[\#(landEvent())]}"#])
        let read = try d.connect().call("read", ["fromSeq": 6])
        #expect(read["events"]?.arrayValue?.first?["actor"]?["uid"] == .number("65534"))
        d.stop()
    }

    @Test func connectionsBeyondTheLimitGetOneErrorLine() throws {
        let d = try Daemon()
        try d.start(config: "max_connections = 2\n")
        // Wait until the start-up probe's connection is gone and `a` is the only client.
        var a = try d.connect()
        for _ in 0..<100 {
            if let clients = try? a.call("status")["clients"], clients == .number("1") { break }
            a = try d.connect()
            usleep(50_000)
        }
        let b = try d.connect()
        _ = try b.call("hello")
        let c = try d.connect()
        let line = try #require(try c.readLine())
        #expect(try JSONParser.parse(line)["error"]?["code"] == .string("too_large"))
        #expect(try c.readLine() == nil)
        a.close()
        // Once a client leaves, a new one is served again.
        var served = false
        for _ in 0..<100 where !served {
            served = (try? d.connect().call("hello"))?["server"] == .string("danvand")
            if !served { usleep(50_000) }
        }
        #expect(served)
        d.stop()
    }

    @Test func aSubscriberTooFarBehindIsToldAndDisconnected() throws {
        let d = try Daemon()
        try d.start(config: "max_subscriber_lag = 100\n")
        _ = try d.exchange(lines: [unitsBatch])
        try SubscriptionTests.append(d, count: 300)
        let c = try d.connect()
        _ = try c.request("subscribe", ["fromSeq": 1])
        var last: JSONValue?
        while let line = try c.readLine() { last = try JSONParser.parse(line) }
        #expect(last?["error"]?["code"] == .string("too_slow"))
        #expect(last?["error"]?["resumeFrom"] == .number("1"))
        d.stop()
    }
}

/// A client that pipelines without reading its replies is not read from beyond
/// `max_in_flight`: the daemon's memory does not grow, other clients are served, and the
/// client gets every reply once it reads.
@Suite(.serialized, .timeLimit(.minutes(5))) struct InFlightLimitTests {
    @Test func aClientThatDoesNotReadIsNotReadFrom() throws {
        let d = try Daemon()
        try d.start(config: "max_in_flight = 4\n")
        let greedy = try d.connect()
        // 50,000 status requests (~2 MB) sent from another thread while nobody reads the replies.
        let request = Array(#"{"id":1,"op":"status"}"#.utf8) + [10]
        var payload: [UInt8] = []
        for _ in 0..<50_000 { payload += request }
        let box = SendBox(connection: greedy, payload: payload)
        let sender = Thread { box.run() }
        sender.start()
        usleep(500_000)
        // Others are served meanwhile.
        #expect(try d.connect().call("hello")["server"] == .string("danvand"))
        let rss = SubscriptionTests.residentKB(pid: d.process?.processIdentifier ?? 0)
        #expect(rss < 200_000, "resident \(rss) KB")
        // Once the client reads, every request is answered.
        var replies = 0
        while try greedy.readLine() != nil { replies += 1 }
        #expect(replies == 50_000)
        d.stop()
    }
}

/// Hands a connection to a sender thread; the test only reads after the send started.
final class SendBox: @unchecked Sendable {
    let connection: DanvanConnection
    let payload: [UInt8]
    init(connection: DanvanConnection, payload: [UInt8]) {
        self.connection = connection
        self.payload = payload
    }
    func run() {
        try? connection.send(payload)
        connection.finishSending()
    }
}
