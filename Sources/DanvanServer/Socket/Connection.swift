import DanvanProtocol
import Logging
import NIOCore

/// One client connection: reads request lines, and writes replies in request order.
///
/// Child tasks share the connection. The reader decodes each line and hands the request
/// to the engine at once, so pipelined appends from one client are admitted in order and
/// can share a sync; the writer sends replies in that same order, waiting for durability
/// where an append needs it; subscriptions stream events beside the replies. When the
/// client half-closes, the reader ends, the writer drains the replies it owes, open
/// subscriptions go on until unsubscribed or the client closes, and then the connection closes.
struct Connection {
    let channel: NIOAsyncChannel<DecodedLine, ByteBuffer>
    let handler: RequestHandler
    let logger: Logger
    var maxSubscriberLag: UInt64 = 1_000_000
    /// Requests read but not yet answered; beyond it the connection is not read from.
    var maxInFlight: Int = 1024

    func run() async {
        handler.engine.clientConnected()
        let subscriptions = handler.subscriptions
        let feed = handler.engine.feed
        // A client that goes away ends its subscriptions, which may be waiting for events.
        channel.channel.closeFuture.whenComplete { _ in
            for id in subscriptions.removeAll() { feed.cancel(id) }
        }
        // How the reading ended, and a failure of the writing side: logged once, below.
        var ending = ConnectionEnd.hangup
        do {
            try await channel.executeThenClose { inbound, outbound in
                let (replies, repliesIn) = AsyncStream<OutgoingReply>.makeStream()
                let gate = InFlightGate(limit: maxInFlight)
                let (starts, startsIn) = AsyncStream<SubscriptionStart>.makeStream()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        defer {
                            startsIn.finish()
                            gate.open()
                        }
                        for await reply in replies {
                            defer { gate.release() }
                            switch reply {
                            case .now(let bytes):
                                try await outbound.write(ByteBuffer(bytes: bytes))
                            case .afterDurable(let seq, let bytes):
                                await handler.engine.waitDurable(seq)
                                try await outbound.write(ByteBuffer(bytes: bytes))
                            case .subscribe(let ack, let start):
                                try await outbound.write(ByteBuffer(bytes: ack))
                                startsIn.yield(start)
                            }
                        }
                    }
                    group.addTask {
                        await withDiscardingTaskGroup { subscriptionTasks in
                            for await start in starts {
                                subscriptionTasks.addTask {
                                    await SubscriptionRunner(
                                        start: start, engine: handler.engine, pool: handler.pool, outbound: outbound,
                                        channel: channel.channel, maxLag: maxSubscriberLag
                                    ).run()
                                    _ = subscriptions.remove(start.id)
                                }
                            }
                        }
                    }
                    ending = await readRequests(inbound, into: repliesIn, gate: gate)
                    repliesIn.finish()
                    try await group.waitForAll()
                    try await channel.flushedWrites()
                    outbound.finish()
                }
            }
        } catch {
            if case .hangup = ending, !ClientHangup.isHangup(error) { ending = .failed(error) }
        }
        ClientHangup.log(ending, peer: handler.peer, logger: logger)
        for id in subscriptions.removeAll() { feed.cancel(id) }
        handler.engine.clientDisconnected()
    }

    private func readRequests(
        _ inbound: NIOAsyncChannelInboundStream<DecodedLine>, into replies: AsyncStream<OutgoingReply>.Continuation,
        gate: InFlightGate
    ) async -> ConnectionEnd {
        do {
            // Appends pipelined on one connection are admitted back to back and may
            // share a sync; any other request first waits for this connection's
            // earlier appends to be durable, so a client always reads its own writes.
            var owed: UInt64 = 0
            for try await line in inbound {
                await gate.acquire()
                let reply = await handler.handle(line, after: owed)
                if case .afterDurable(let seq, _) = reply { owed = max(owed, seq) }
                replies.yield(reply)
            }
            return .hangup
        } catch is LineTooLongError {
            await gate.acquire()
            replies.yield(.now(RequestHandler.errorLine(id: .null, ProtocolError(
                .tooLarge,
                "the request line is longer than \(handler.configuration.maxLineBytes) bytes; send smaller batches (the connection is closed)",
                details: ["limit": .int(handler.configuration.maxLineBytes)]))))
            // No more requests will be read: end the subscriptions too, then close.
            for id in handler.subscriptions.removeAll() { handler.engine.feed.cancel(id) }
            return .closedByDaemon("too_large")
        } catch let timeout as PartialLineTimeoutError {
            await gate.acquire()
            let seconds = timeout.timeout.nanoseconds / 1_000_000_000
            replies.yield(.now(RequestHandler.errorLine(id: .null, ProtocolError(
                .timeout,
                "a request line was started but not finished within \(seconds) s (line_timeout); send each request as one line ending in \\n (the connection is closed)",
                details: ["limit": .int(Int(seconds))]))))
            for id in handler.subscriptions.removeAll() { handler.engine.feed.cancel(id) }
            return .closedByDaemon("timeout")
        } catch {
            return ClientHangup.isHangup(error) ? .hangup : .failed(error)
        }
    }
}
