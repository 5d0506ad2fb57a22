import DanvanProtocol
import NIOCore
import NIOEmbedded
import Testing

@testable import DanvanServer

/// `ImmediateReplies` as a state machine on an `EmbeddedChannel`: which lines it answers on
/// the event loop and which it passes to the connection's task, so that replies keep the
/// order of requests whatever interleaving of reads and writes happens.
@Suite struct ImmediateRepliesTests {
    /// A channel with the handler; `serving` false leaves it as a refused connection's.
    static func channel(serving: Bool = true) throws -> EmbeddedChannel {
        let handler = ImmediateReplies()
        let channel = EmbeddedChannel(handler: handler)
        if serving {
            // Answers `hello` and `query` (and malformed lines), like RequestHandler.replyAtOnce.
            handler.serve { decoded in
                switch decoded {
                case .failure: return Array("error\n".utf8)
                case .success(let request):
                    return ["hello", "query"].contains(request.op) ? Array("answer \(request.op)\n".utf8) : nil
                }
            }
        }
        return channel
    }

    /// Feeds one line; returns what it became: "answered" (a reply was written) or "passed".
    static func feed(_ channel: EmbeddedChannel, _ op: String) throws -> String {
        try channel.writeInbound(ByteBuffer(string: #"{"id":1,"op":"\#(op)"}"#))
        channel.pipeline.fireChannelReadComplete()
        if let _: DecodedLine = try channel.readInbound() {
            #expect(try channel.readOutbound(as: ByteBuffer.self) == nil)
            return "passed"
        }
        let reply = try #require(try channel.readOutbound(as: ByteBuffer.self))
        #expect(String(buffer: reply).hasPrefix("answer") || String(buffer: reply).hasPrefix("error"))
        return "answered"
    }

    /// The connection's task writes one reply (or event line) through the pipeline.
    static func taskWrites(_ channel: EmbeddedChannel, _ text: String = "reply\n") throws {
        try channel.writeOutbound(ByteBuffer(string: text))
        _ = try channel.readOutbound(as: ByteBuffer.self)
    }

    @Test func answersMemoryOnlyRequestsAndPassesTheRest() throws {
        let c = try Self.channel()
        #expect(try Self.feed(c, "hello") == "answered")
        #expect(try Self.feed(c, "query") == "answered")
        try c.writeInbound(ByteBuffer(string: "{not json"))
        #expect(try c.readOutbound(as: ByteBuffer.self).map { String(buffer: $0) } == "error\n")
        #expect(try Self.feed(c, "append") == "passed")
        _ = try c.finish()
    }

    @Test func aQueryAfterAnUnansweredAppendWaitsBehindIt() throws {
        let c = try Self.channel()
        #expect(try Self.feed(c, "append") == "passed")
        #expect(try Self.feed(c, "query") == "passed")
        #expect(try Self.feed(c, "hello") == "passed")
        try Self.taskWrites(c)  // the append's reply
        #expect(try Self.feed(c, "query") == "passed")  // the query's and hello's are still owed
        try Self.taskWrites(c)
        try Self.taskWrites(c)
        try Self.taskWrites(c)
        #expect(try Self.feed(c, "query") == "answered")  // nothing owed any more
        _ = try c.finish()
    }

    @Test func emptyWritesAreBarriersNotReplies() throws {
        let c = try Self.channel()
        #expect(try Self.feed(c, "append") == "passed")
        try Self.taskWrites(c, "")  // `flushedWrites` writes an empty buffer
        #expect(try Self.feed(c, "query") == "passed")
        try Self.taskWrites(c)
        try Self.taskWrites(c)
        #expect(try Self.feed(c, "query") == "answered")
        _ = try c.finish()
    }

    @Test func afterASubscribeEveryLineGoesToTheTask() throws {
        let c = try Self.channel()
        #expect(try Self.feed(c, "subscribe") == "passed")
        try Self.taskWrites(c)  // the acknowledgement
        for _ in 0..<5 { try Self.taskWrites(c, #"{"subscription":1,"event":{}}"# + "\n") }
        #expect(try Self.feed(c, "append") == "passed")
        // An event line is not the append's reply: the query must not overtake it.
        try Self.taskWrites(c, #"{"subscription":1,"event":{}}"# + "\n")
        #expect(try Self.feed(c, "query") == "passed")
        try Self.taskWrites(c)
        try Self.taskWrites(c)
        #expect(try Self.feed(c, "hello") == "passed")
        _ = try c.finish()
    }

    @Test func aClientThatDoesNotReadIsServedByTheTask() throws {
        let c = try Self.channel()
        c.isWritable = false
        #expect(try Self.feed(c, "query") == "passed")
        try Self.taskWrites(c)
        c.isWritable = true
        #expect(try Self.feed(c, "query") == "answered")
        _ = try c.finish()
    }

    @Test func aConnectionNotYetServedPassesEverything() throws {
        let c = try Self.channel(serving: false)
        #expect(try Self.feed(c, "hello") == "passed")
        #expect(try Self.feed(c, "query") == "passed")
        _ = try c.finish()
    }
}
