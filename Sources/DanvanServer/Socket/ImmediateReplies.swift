import DanvanProtocol
import NIOCore

/// A request line decoded on the event loop: the request, or the error reply it deserves.
typealias DecodedLine = Result<Request, RequestDecoder.Failure>

/// Decodes each request line on the event loop, and answers there, at once, the requests
/// that need nothing but memory (`hello`, `schema`, `query`, and every malformed, unknown or
/// forbidden request); the others go on to the connection's task (`Connection`).
///
/// Why: a query handed to the connection's task crosses three threads (event loop → task →
/// reply writer → event loop) and each crossing costs a wake-up, several times the query's
/// own work on this kind of machine. Answered here it crosses none, and two event loops
/// serve queries on both cores.
///
/// Replies stay in request order: a request is answered here only while the connection's
/// task owes no reply. The handler counts the lines it passed on and the replies that come
/// back through it on their way out (every passed-on line gets exactly one reply line;
/// empty buffers are write barriers, not replies). Once the client subscribes, event lines
/// flow out beside the replies and can no longer be told apart from them, so from then on
/// every line goes to the task. A client that does not read its replies (the channel not
/// writable) is also served by the task, whose in-flight bound then stops reading from it.
final class ImmediateReplies: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = DecodedLine
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// The reply to a line when it can be answered at once, nil when it needs the task
    /// (`RequestHandler.replyAtOnce`). Set by the accept loop once the connection is taken
    /// (a refused one never gets it): until then every line goes to the task.
    private var answer: ((DecodedLine) -> [UInt8]?)?
    /// Lines passed to the connection's task whose reply has not come back through here.
    private var owed = 0
    /// The client subscribed: every line goes to the task from now on.
    private var passThrough = false
    /// Replies written since the last flush.
    private var unflushed = false

    init() {}

    /// Starts answering at once with `answer` (called on the channel's event loop).
    func serve(_ answer: @escaping (DecodedLine) -> [UInt8]?) {
        self.answer = answer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        let decoded = line.withUnsafeReadableBytes { RequestDecoder.decode($0) }
        if !passThrough {
            if owed == 0, context.channel.isWritable, let reply = answer?(decoded) {
                context.write(wrapOutboundOut(ByteBuffer(bytes: reply)), promise: nil)
                unflushed = true
                return
            }
            if case .success(let request) = decoded, request.op == Operation.subscribe.rawValue {
                passThrough = true
            } else {
                owed += 1
            }
        }
        context.fireChannelRead(wrapInboundOut(decoded))
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if unflushed {
            unflushed = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let buffer = unwrapOutboundIn(data)
        if !passThrough, owed > 0, buffer.readableBytes > 0 { owed -= 1 }
        context.write(data, promise: promise)
    }
}
