import DanvanClient
import DanvanJSON
import Foundation
import Testing

/// A client that pipelines many requests, half-closes, and reads its replies slowly gets
/// every reply before the daemon closes.
///
/// Regression: once the client had half-closed, NIO turned the daemon's closing of its
/// output into a full close that dropped the replies still queued in the channel, and the
/// client received only the first 1,100–1,900 of 2,000 replies (some runs in five).
@Suite(.serialized, .timeLimit(.minutes(3)))
struct HalfCloseTests {
    @Test func aSlowReaderAfterHalfCloseGetsEveryReply() throws {
        let d = try Daemon()
        try d.start()
        _ = try d.exchange(lines: [unitsBatch])
        let count = 3000
        // `schema` replies are large: 3,000 of them far exceed the socket buffers, so the
        // daemon's last writes are still queued when it has answered everything.
        let payload = Array(String(repeating: #"{"id":7,"op":"schema"}"# + "\n", count: count).utf8)
        for round in 1...5 {
            let c = try d.connect()
            try c.send(payload)
            c.finishSending()
            Thread.sleep(forTimeInterval: 0.3)
            var replies = 0
            while let line = try c.readLine() {
                let v = try JSONParser.parse(line)
                #expect(v["ok"] == .bool(true))
                replies += 1
                if replies % 500 == 0 { Thread.sleep(forTimeInterval: 0.01) }
            }
            #expect(replies == count, "round \(round): \(replies) of \(count) replies")
        }
        #expect(d.stop() == 0)
    }
}
