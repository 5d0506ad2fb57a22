import NIOCore

/// Closes the door on slowloris clients: a request line that was started must be finished
/// within `timeout`.
///
/// It sits in front of the line decoder and looks only at where the bytes of each read end:
/// when a read leaves part of a line behind (its last byte is not `\n`), a timer starts for
/// that line; a read that completes it cancels the timer. When the timer fires it raises
/// `PartialLineTimeoutError`, which the connection answers with a `timeout` error before it
/// closes. A client that sends whole lines and then stays quiet (a shell between commands,
/// a subscriber) is never timed out: only a half-sent line holds buffered bytes hostage.
final class PartialLineTimer: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let timeout: TimeAmount
    private var pending: Scheduled<Void>?
    private var fired = false

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if fired { return }
        let buffer = unwrapInboundIn(data)
        if buffer.readableBytes > 0, let last = buffer.getInteger(at: buffer.writerIndex - 1, as: UInt8.self) {
            if last == UInt8(ascii: "\n") {
                cancel()
            } else if pending == nil || buffer.firstNewline() != nil {
                // A new line was started (possibly after completing the previous one).
                cancel()
                schedule(context)
            }
        }
        context.fireChannelRead(data)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        // At end of input the decoder takes the last line as it is: nothing to wait for.
        if case .some(ChannelEvent.inputClosed) = event as? ChannelEvent { cancel() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        cancel()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        cancel()
    }

    private func schedule(_ context: ChannelHandlerContext) {
        let seconds = timeout
        let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        pending = context.eventLoop.scheduleTask(in: timeout) {
            let (timer, context) = bound.value
            timer.pending = nil
            timer.fired = true
            context.fireErrorCaught(PartialLineTimeoutError(timeout: seconds))
        }
    }

    private func cancel() {
        pending?.cancel()
        pending = nil
    }
}

/// A request line was started and not finished within `line_timeout`.
struct PartialLineTimeoutError: Error {
    let timeout: TimeAmount
}
