import DanvanProtocol
import NIOCore
import NIOEmbedded
import Testing

@testable import DanvanServer

/// `ImmediateReplies` as a state machine on an `EmbeddedChannel`: which lines it answers on
/// the event loop and which it passes to the connection's task, so that replies keep the
/// order of requests whatever interleaving of reads and writes happens.
@Suite struct ImmediateRepliesTests {
    /// The daemon as `ImmediateReplies` sees it, scripted: `hello` and `query` are answered,
    /// `append` is admitted with the next seq, `bad-append` is refused at once, every other op
    /// goes to the task; the test moves the durable seq by hand.
    final class ScriptedDaemon: @unchecked Sendable {
        var durable: UInt64 = 0
        var nextSeq: UInt64 = 1
        var callbacks: [(seq: UInt64, call: @Sendable () -> Void)] = []
        var maxQueued = 1024
        var commits = 0

        var service: ImmediateService {
            ImmediateService(
                answer: { decoded in
                    switch decoded {
                    case .failure: return .now(Array("error\n".utf8))
                    case .success(let request):
                        switch request.op {
                        case "hello", "query": return .now(Array("answer \(request.op)\n".utf8))
                        case "append":
                            defer { self.nextSeq += 1 }
                            return .afterDurable(self.nextSeq, Array("appended \(self.nextSeq)\n".utf8))
                        case "bad-append": return .now(Array("error\n".utf8))
                        default: return nil
                        }
                    }
                },
                durableSeq: { self.durable },
                notify: { seq, call in
                    if seq <= self.durable { call() } else { self.callbacks.append((seq, call)) }
                },
                commit: { self.commits += 1 },
                maxQueued: maxQueued)
        }

        /// The log becomes durable up to `seq`; the loop runs what that scheduled.
        func makeDurable(_ seq: UInt64, _ channel: EmbeddedChannel) {
            durable = seq
            let due = callbacks.filter { $0.seq <= seq }
            callbacks.removeAll { $0.seq <= seq }
            for callback in due { callback.call() }
            channel.embeddedEventLoop.run()
        }
    }

    /// Records the inbound events that get past `ImmediateReplies`, and the reads that do.
    final class Recorder: ChannelDuplexHandler {
        typealias InboundIn = DecodedLine
        typealias InboundOut = DecodedLine
        typealias OutboundIn = ByteBuffer
        var events: [String] = []
        var reads = 0

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            events.append("\(event)")
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            events.append("error")
        }
    }

    /// Counts the reads that reach the head of the pipeline.
    final class ReadCounter: ChannelOutboundHandler {
        typealias OutboundIn = ByteBuffer
        var reads = 0

        func read(context: ChannelHandlerContext) {
            reads += 1
            context.read()
        }
    }

    /// A channel with the handler; `serving` false leaves it as a refused connection's.
    static func channel(serving: Bool = true, daemon: ScriptedDaemon = ScriptedDaemon()) throws -> EmbeddedChannel {
        let handler = ImmediateReplies()
        let channel = EmbeddedChannel(handler: handler)
        if serving { handler.serve(daemon.service) }
        return channel
    }

    /// The lines written to the client so far.
    static func written(_ channel: EmbeddedChannel) throws -> [String] {
        var out: [String] = []
        while let buffer = try channel.readOutbound(as: ByteBuffer.self) { out.append(String(buffer: buffer)) }
        return out
    }

    /// The ops passed on to the task so far.
    static func passed(_ channel: EmbeddedChannel) throws -> [String] {
        var out: [String] = []
        while let line: DecodedLine = try channel.readInbound() {
            switch line {
            case .success(let request): out.append(request.op)
            case .failure: out.append("malformed")
            }
        }
        return out
    }

    /// Sends one line without looking at what it became.
    static func send(_ channel: EmbeddedChannel, _ op: String) throws {
        try channel.writeInbound(ByteBuffer(string: #"{"id":1,"op":"\#(op)"}"#))
        channel.pipeline.fireChannelReadComplete()
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
        #expect(try Self.feed(c, "read") == "passed")
        _ = try c.finish()
    }

    @Test func aQueryAfterAnUnansweredReadWaitsBehindIt() throws {
        let c = try Self.channel()
        #expect(try Self.feed(c, "read") == "passed")
        #expect(try Self.feed(c, "query") == "passed")
        #expect(try Self.feed(c, "hello") == "passed")
        try Self.taskWrites(c)  // the append's reply
        #expect(try Self.feed(c, "append") == "passed")  // the query's and hello's are still owed
        try Self.taskWrites(c)
        try Self.taskWrites(c)
        try Self.taskWrites(c)
        #expect(try Self.feed(c, "query") == "answered")  // nothing owed any more
        _ = try c.finish()
    }

    @Test func emptyWritesAreBarriersNotReplies() throws {
        let c = try Self.channel()
        #expect(try Self.feed(c, "status") == "passed")
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

    // MARK: Appends admitted on the event loop

    @Test func appendRepliesGoOutOnceDurableAndInOrder() throws {
        let d = ScriptedDaemon()
        let c = try Self.channel(daemon: d)
        try Self.send(c, "append")
        try Self.send(c, "append")
        try Self.send(c, "append")
        #expect(try Self.passed(c).isEmpty)
        #expect(try Self.written(c).isEmpty)  // nothing is durable yet
        d.makeDurable(2, c)
        #expect(try Self.written(c) == ["appended 1\n", "appended 2\n"])
        d.makeDurable(3, c)
        #expect(try Self.written(c) == ["appended 3\n"])
        _ = try c.finish()
    }

    @Test func anAppendAlreadyDurableIsAnsweredAtOnce() throws {
        let d = ScriptedDaemon()
        d.durable = 5  // e.g. an append of duplicates only
        let c = try Self.channel(daemon: d)
        try Self.send(c, "append")
        #expect(try Self.written(c) == ["appended 1\n"])
        _ = try c.finish()
    }

    @Test func aQueryBehindAWaitingAppendIsAnsweredAfterIt() throws {
        let d = ScriptedDaemon()
        let c = try Self.channel(daemon: d)
        try Self.send(c, "append")
        try Self.send(c, "query")
        try Self.send(c, "bad-append")  // refused, but its reply keeps its turn
        try Self.send(c, "hello")
        #expect(try Self.written(c).isEmpty)
        d.makeDurable(1, c)
        #expect(try Self.written(c) == ["appended 1\n", "answer query\n", "error\n", "answer hello\n"])
        #expect(try Self.passed(c).isEmpty)
        _ = try c.finish()
    }

    @Test func appendsBehindAHeldLineWaitForIt() throws {
        let d = ScriptedDaemon()
        let c = try Self.channel(daemon: d)
        try Self.send(c, "append")
        try Self.send(c, "query")
        try Self.send(c, "append")  // behind the held query: held too, not admitted before it
        #expect(d.nextSeq == 2)
        d.makeDurable(1, c)
        #expect(try Self.written(c) == ["appended 1\n", "answer query\n"])
        #expect(d.nextSeq == 3)
        d.makeDurable(2, c)
        #expect(try Self.written(c) == ["appended 2\n"])
        _ = try c.finish()
    }

    @Test func aLineForTheTaskBehindAWaitingAppendIsPassedOnceItIsOut() throws {
        let d = ScriptedDaemon()
        let c = try Self.channel(daemon: d)
        try Self.send(c, "append")
        try Self.send(c, "status")
        try Self.send(c, "query")
        #expect(try Self.passed(c).isEmpty)
        d.makeDurable(1, c)
        #expect(try Self.written(c) == ["appended 1\n"])
        // status goes to the task; the query after it is the task's too (it owes status's reply)
        #expect(try Self.passed(c) == ["status", "query"])
        try Self.taskWrites(c)
        try Self.taskWrites(c)
        try Self.send(c, "append")
        #expect(try Self.passed(c).isEmpty)  // nothing owed: admitted here again
        _ = try c.finish()
    }

    @Test func theEndOfInputWaitsForTheRepliesQueuedHere() throws {
        let d = ScriptedDaemon()
        let c = try Self.channel(daemon: d)
        let recorder = Recorder()
        try c.pipeline.syncOperations.addHandler(recorder)
        try Self.send(c, "append")
        try Self.send(c, "status")
        c.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        c.pipeline.fireErrorCaught(ChannelError.ioOnClosedChannel)
        #expect(recorder.events.isEmpty)
        d.makeDurable(1, c)
        #expect(try Self.written(c) == ["appended 1\n"])
        #expect(try Self.passed(c) == ["status"])  // before the end of input, as it was read
        #expect(recorder.events == ["\(ChannelEvent.inputClosed)", "error"])
        c.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        #expect(recorder.events.count == 3)  // nothing queued: passed on at once
        _ = try c.finish()
    }

    @Test func readingStopsWhileTooManyRepliesWait() throws {
        let d = ScriptedDaemon()
        d.maxQueued = 2
        let counter = ReadCounter()
        let handler = ImmediateReplies()
        let c = EmbeddedChannel()
        try c.pipeline.syncOperations.addHandler(counter)
        try c.pipeline.syncOperations.addHandler(handler)
        handler.serve(d.service)
        try Self.send(c, "append")
        c.read()
        #expect(counter.reads == 1)
        try Self.send(c, "append")
        c.read()
        #expect(counter.reads == 1)  // two replies wait: the read is withheld
        d.makeDurable(2, c)
        #expect(counter.reads == 2)  // and made once they are out
        #expect(try Self.written(c).count == 2)
        _ = try c.finish()
    }

    @Test func appendsOfOneTickAreCommittedOnce() throws {
        let d = ScriptedDaemon()
        let c = try Self.channel(daemon: d)
        // Three lines in one read: one commit after them, not one per append.
        try c.writeInbound(ByteBuffer(string: #"{"id":1,"op":"append"}"# + "\n"))
        try c.writeInbound(ByteBuffer(string: #"{"id":2,"op":"append"}"# + "\n"))
        try c.writeInbound(ByteBuffer(string: #"{"id":3,"op":"query"}"# + "\n"))
        c.embeddedEventLoop.run()
        #expect(d.commits == 1)
        try Self.send(c, "hello")  // held behind the appends: nothing to commit
        c.embeddedEventLoop.run()
        #expect(d.commits == 1)
        d.makeDurable(2, c)  // the held query and hello go out; nothing new staged
        #expect(try Self.written(c).count == 4)
        try Self.send(c, "append")
        c.embeddedEventLoop.run()
        #expect(d.commits == 2)
        _ = try c.finish()
    }
}
