import DanvanProtocol
import Logging
import NIOCore

/// One client connection: reads request lines, and writes replies in request order.
///
/// Two child tasks share the connection. The reader decodes each line and hands the
/// request to the engine at once, so pipelined appends from one client are admitted in
/// order and can share a sync; the writer sends replies in that same order, waiting for
/// durability where an append needs it. When the client half-closes, the reader ends,
/// the writer drains the remaining replies, and the connection closes.
struct Connection {
    let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
    let handler: RequestHandler
    let logger: Logger

    func run() async {
        await handler.engine.clientConnected()
        do {
            try await channel.executeThenClose { inbound, outbound in
                let (replies, continuation) = AsyncStream<OutgoingReply>.makeStream()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await reply in replies {
                            switch reply {
                            case .now(let bytes):
                                try await outbound.write(ByteBuffer(bytes: bytes))
                            case .afterDurable(let seq, let bytes):
                                await handler.engine.waitDurable(seq)
                                try await outbound.write(ByteBuffer(bytes: bytes))
                            }
                        }
                        outbound.finish()
                    }
                    do {
                        // Appends pipelined on one connection are admitted back to back and may
                        // share a sync; any other request first waits for this connection's
                        // earlier appends to be durable, so a client always reads its own writes.
                        var owed: UInt64 = 0
                        for try await line in inbound {
                            let reply = await handler.handle(line, after: owed)
                            if case .afterDurable(let seq, _) = reply { owed = max(owed, seq) }
                            continuation.yield(reply)
                        }
                    } catch is LineTooLongError {
                        continuation.yield(.now(RequestHandler.errorLine(id: .null, ProtocolError(
                            .tooLarge,
                            "the request line is longer than \(handler.configuration.maxLineBytes) bytes; send smaller batches (the connection is closed)",
                            details: ["limit": .int(handler.configuration.maxLineBytes)]))))
                    } catch {
                        logger.debug("connection read ended: \(error)")
                    }
                    continuation.finish()
                    try await group.waitForAll()
                }
            }
        } catch {
            logger.debug("connection closed with error: \(error)")
        }
        await handler.engine.clientDisconnected()
    }
}
