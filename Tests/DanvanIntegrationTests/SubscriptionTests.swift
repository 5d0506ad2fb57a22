import DanvanClient
import DanvanDomain
import DanvanJSON
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite(.serialized, .timeLimit(.minutes(5))) struct SubscriptionTests {
    /// Reads subscription lines until `count` events arrived; returns their seqs.
    static func receive(_ c: DanvanConnection, tag: JSONValue, count: Int) throws -> [UInt64] {
        var seqs: [UInt64] = []
        while seqs.count < count {
            guard let line = try c.readLine() else { break }
            let v = try JSONParser.parse(line)
            guard v["subscription"] == tag, let s = v["event"]?["seq"]?.int64Value else { continue }
            seqs.append(UInt64(s))
        }
        return seqs
    }

    static func append(_ d: Daemon, count: Int) throws {
        let c = try d.connect()
        var sent = 0
        while sent < count {
            let n = min(200, count - sent)
            let events = (0..<n).map { _ in landEvent(area: "1") }.joined(separator: ",")
            let r = try c.request("append", ["events": try JSONParser.parse(Array("[\(events)]".utf8))])
            _ = try r.outcome.get()
            sent += n
        }
    }

    @Test func catchUpThenLiveWithoutGapOrDuplicateAcrossAReconnect() throws {
        let d = try Daemon()
        try d.start()
        _ = try d.exchange(lines: [unitsBatch])
        try Self.append(d, count: 300)
        let first = try d.connect()
        let ack = try first.request("subscribe", ["fromSeq": 1])
        #expect(try ack.outcome.get()["lastSeq"] == .number("305"))
        // Live events arrive while we read the catch-up.
        let writer = Thread { try? Self.append(d, count: 500) }
        writer.start()
        var seqs = try Self.receive(first, tag: ack.id, count: 400)
        // Disconnect in the middle, resume from the last seq seen + 1.
        _ = consume first
        let resume = (seqs.last ?? 0) + 1
        while writer.isExecuting { usleep(10_000) }
        let second = try d.connect()
        let ack2 = try second.request("subscribe", ["fromSeq": .int(resume)])
        seqs += try Self.receive(second, tag: ack2.id, count: 805 - seqs.count)
        #expect(seqs == Array(1...805))
        d.stop()
    }

    /// Queries are answered on the event loop while the connection owes no reply; once it
    /// subscribes, event lines flow beside the replies, and every request must still be
    /// answered in order and see the appends sent before it on the connection.
    @Test func repliesKeepRequestOrderBesideSubscriptionEvents() throws {
        let d = try Daemon()
        try d.start()
        _ = try d.exchange(lines: [unitsBatch])
        try Self.append(d, count: 2_000)
        let c = try d.connect()
        // The catch-up of 2,005 events streams out while the requests below wait for their
        // appends: event lines and replies interleave on the socket.
        var lines = [#"{"id":"s","op":"subscribe","fromSeq":1}"#]
        try c.send(Array((lines[0] + "\n").utf8))
        for i in 0..<60 {
            let group = [
                #"{"id":"a\#(i)","op":"append","events":[\#(landEvent(area: "1"))]}"#,
                #"{"id":"q\#(i)","op":"query","projection":"summary","unit":"BY"}"#,
                #"{"id":"h\#(i)","op":"hello"}"#,
            ]
            lines += group
            // One line per write, so that the daemon reads them one by one.
            for line in group {
                try c.send(Array(line.utf8) + [UInt8(ascii: "\n")])
                usleep(200)
            }
        }
        var replies: [JSONValue] = []
        while replies.count < lines.count, let line = try c.readLine() {
            let v = try JSONParser.parse(line)
            if v["event"] == nil { replies.append(v) }
        }
        #expect(replies.map { $0["id"]?.stringValue ?? "?" } == lines.map { line in
            String(line.split(separator: "\"")[3])
        })
        for (i, reply) in replies.enumerated() where reply["id"]?.stringValue?.hasPrefix("q") == true {
            // q<k> follows the 2,000 events sent first and k + 1 appends of 1 m² each.
            let k = Int(reply["id"]?.stringValue?.dropFirst() ?? "") ?? -1
            #expect(reply["result"]?["landDonatedM2"] == .number(String(2_000 + k + 1)), "reply \(i): \(JSONWriter.string(reply))")
        }
        d.stop()
    }

    @Test func typesFilterUnsubscribeAndErrors() throws {
        let d = try Daemon()
        try d.start()
        _ = try d.exchange(lines: [unitsBatch])
        try Self.append(d, count: 3)
        let c = try d.connect()
        let ack = try c.request("subscribe", ["id": "x", "fromSeq": 1, "types": ["land.donated"]])
        #expect(try Self.receive(c, tag: ack.id, count: 3) == [6, 7, 8])
        let dup = try c.request("subscribe", [:])
        _ = dup
        let bad = try c.request("subscribe", ["fromSeq": 0])
        guard case .failure(let e) = bad.outcome else { Issue.record("fromSeq 0 must be refused"); return }
        #expect(e.code.name == "bad_params")
        let unsub = try c.request("unsubscribe", ["subscription": ack.id])
        #expect(try unsub.outcome.get()["unsubscribed"] == .bool(true))
        let again = try c.request("unsubscribe", ["subscription": ack.id])
        guard case .failure(let e2) = again.outcome else { Issue.record("a second unsubscribe must fail"); return }
        #expect(e2.code.name == "not_found")
        // Without fromSeq a subscription starts with the next new event.
        let live = try d.connect()
        let liveAck = try live.request("subscribe", [:])
        #expect(try liveAck.outcome.get()["fromSeq"] == .number("9"))
        try Self.append(d, count: 1)
        #expect(try Self.receive(live, tag: liveAck.id, count: 1) == [9])
        #expect(d.stop() == 0, "an open subscription must not keep danvand from stopping")
    }

    @Test func aSubscriberThatDoesNotReadSlowsNobody() throws {
        let d = try Daemon()
        try d.start()
        _ = try d.exchange(lines: [unitsBatch])
        let idle = try d.connect()
        _ = try idle.request("subscribe", ["fromSeq": 1])
        // 20,000 events (~8 MB of subscription lines) while the subscriber reads nothing.
        let started = Date()
        try Self.append(d, count: 20_000)
        #expect(Date().timeIntervalSince(started) < 60)
        let status = try d.connect().call("status")
        #expect(status["seq"] == .number("20005"))
        #expect(status["subscriptions"] == .number("1"))
        // The daemon did not buffer the backlog in memory.
        let rss = Self.residentKB(pid: d.process?.processIdentifier ?? 0)
        #expect(rss < 200_000, "resident \(rss) KB")
        d.stop()
    }

    static func residentKB(pid: Int32) -> Int {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0
        }
        return 0
    }
}
