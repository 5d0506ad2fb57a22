import DanvanProtocol
import NIOCore

/// A request line decoded on the event loop: the request, or the error reply it deserves.
typealias DecodedLine = Result<Request, RequestDecoder.Failure>

/// A line handled on the event loop: its reply now, or once the log is durable up to a seq.
enum ImmediateAnswer: Equatable {
    /// Send in its turn (answers from memory, refusals).
    case now([UInt8])
    /// An append admitted here: send once the log is durable up to the seq.
    case afterDurable(UInt64, [UInt8])
}

/// What `ImmediateReplies` needs from the daemon, as values so that its state machine can be
/// tested on an `EmbeddedChannel` with a durability the test moves by hand.
struct ImmediateService: Sendable {
    /// The answer to a line handled on the event loop, nil when it must go to the connection's
    /// task (`RequestHandler.answerAtOnce`).
    var answer: @Sendable (DecodedLine) -> ImmediateAnswer?
    /// The seq the log is durable up to now.
    var durableSeq: @Sendable () -> UInt64
    /// Calls the closure (on any thread) once the log is durable up to the seq.
    var notify: @Sendable (UInt64, @escaping @Sendable () -> Void) -> Void
    /// Commits (or has the commit thread commit) what `answer` staged: called once per loop
    /// tick in which this connection admitted appends (`Engine.commitOrWake`).
    var commit: @Sendable () -> Void
    /// Replies and held lines queued here beyond which the connection is not read from.
    var maxQueued: Int
}

/// Decodes each request line on the event loop and handles there the requests that need no
/// other thread: `hello`, `schema`, `query`, every malformed, unknown or forbidden request,
/// and appends of fewer than `RequestHandler.immediateAppendLimit` events, which are admitted
/// here and answered from here once the commit thread has made them durable. The others
/// (large batches, reads, status, subscriptions, backups) go on to the connection's task
/// (`Connection`), already decoded.
///
/// Why: every hand-off between threads costs a wake-up, tens of µs on this kind of machine,
/// several times a query's own work and a large part of an append's. Handled here, a query
/// crosses no thread and an append two (to the commit thread and back).
///
/// Replies stay in request order, and every request sees the writes of the appends sent
/// before it on its connection:
/// - Appends admitted here queue their replies in `waiting`, which is sent in order as the
///   durable seq passes each one's seq. While replies wait, a line that is not an append is
///   held (`held`) and handled only once they are all out, so a query after an append sees it.
/// - A line is passed to the task only while nothing waits or is held here, and then handling
///   stops here while the task owes a reply: the handler counts the lines it passed on and the
///   replies that come back through it on their way out (every passed-on line gets exactly one
///   reply line; empty buffers are write barriers, not replies). Once the client subscribes,
///   event lines flow out beside the replies and can no longer be told apart from them, so from
///   then on every line goes to the task. A client that does not read its replies (the channel
///   not writable) with nothing queued here is also served by the task, whose in-flight bound
///   then stops reading from it; here, reading stops once `maxQueued` lines are queued.
/// - The end of the input (half-close), and a read error (line too long, line timeout), are
///   passed on only once everything queued here is out: the task closes the connection after
///   them, and the replies owed here must not be lost.
final class ImmediateReplies: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = DecodedLine
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Set by the accept loop once the connection is taken (a refused one never gets it):
    /// until then every line goes to the task.
    private var service: ImmediateService?
    private var context: ChannelHandlerContext?
    /// Lines passed to the connection's task whose reply has not come back through here.
    private var owed = 0
    /// The client subscribed: every line goes to the task from now on.
    private var passThrough = false
    /// Replies written since the last flush.
    private var unflushed = false
    /// Replies of the appends admitted here (and of the lines after them), in request order,
    /// each with the seq the log must be durable up to before it is sent (0: at once).
    private var waiting = CircularBuffer<(seq: UInt64, reply: [UInt8])>()
    /// Lines behind `waiting` that must see its appends: handled once it is empty.
    private var held = CircularBuffer<DecodedLine>()
    /// Inbound events (end of input, read errors) read behind what is queued here.
    private var heldEvents: [HeldEvent] = []
    /// A durability notification is registered for `waiting`'s head.
    private var notifying = false
    /// A `read` was withheld because `maxQueued` lines are queued.
    private var readWithheld = false
    /// Appends were admitted in this loop tick: a task to commit them is scheduled. Run as a
    /// task rather than at `channelReadComplete`, it comes after every connection of the tick
    /// was read, so one turn takes the appends of all of them.
    private var commitScheduled = false
    /// `sendDurable` is running: a held line it handles must not start it again (which could
    /// pass on a held end of input before the lines still in its hands).
    private var sending = false

    private enum HeldEvent {
        case user(Any)
        case error(any Error)
    }

    init() {}

    /// Starts handling lines with `service` (called on the channel's event loop).
    func serve(_ service: ImmediateService) {
        self.service = service
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = unwrapInboundIn(data)
        let decoded = line.withUnsafeReadableBytes { RequestDecoder.decode($0) }
        handle(decoded, context: context)
    }

    private func handle(_ decoded: DecodedLine, context: ChannelHandlerContext) {
        if passThrough {
            context.fireChannelRead(wrapInboundOut(decoded))
            return
        }
        if !held.isEmpty {
            held.append(decoded)
            return
        }
        if owed == 0, let service, context.channel.isWritable || !waiting.isEmpty {
            var isAppend = false
            if case .success(let request) = decoded, request.op == Operation.append.rawValue { isAppend = true }
            guard waiting.isEmpty || isAppend else {
                held.append(decoded)
                return
            }
            switch service.answer(decoded) {
            case .now(let reply)?:
                if waiting.isEmpty {
                    write(reply, context: context)
                } else {
                    waiting.append((0, reply))
                }
                return
            case .afterDurable(let seq, let reply)?:
                waiting.append((seq, reply))
                scheduleCommit(service, loop: context.eventLoop)
                sendDurable(context: context)
                return
            case nil:
                guard waiting.isEmpty else {
                    held.append(decoded)
                    return
                }
            }
        }
        if case .success(let request) = decoded, request.op == Operation.subscribe.rawValue {
            passThrough = true
        } else {
            owed += 1
        }
        context.fireChannelRead(wrapInboundOut(decoded))
    }

    private func scheduleCommit(_ service: ImmediateService, loop: any EventLoop) {
        guard !commitScheduled else { return }
        commitScheduled = true
        let bound = NIOLoopBound(self, eventLoop: loop)
        loop.execute {
            bound.value.commitScheduled = false
            service.commit()
        }
    }

    private func write(_ reply: [UInt8], context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(ByteBuffer(bytes: reply)), promise: nil)
        unflushed = true
    }

    /// Sends the waiting replies the log is durable for, then handles the held lines once none
    /// waits, and asks to be called again for the next one that waits.
    private func sendDurable(context: ChannelHandlerContext) {
        guard let service, !sending else { return }
        sending = true
        defer { sending = false }
        while true {
            let durable = service.durableSeq()
            while let head = waiting.first, head.seq <= durable {
                write(head.reply, context: context)
                waiting.removeFirst()
            }
            guard waiting.isEmpty, !held.isEmpty else { break }
            let lines = held
            held.removeAll()
            for line in lines { handle(line, context: context) }
        }
        if let head = waiting.first, !notifying {
            notifying = true
            let loop = context.eventLoop
            let bound = NIOLoopBound(self, eventLoop: loop)
            service.notify(head.seq) {
                loop.execute { bound.value.durableMoved() }
            }
        }
        if waiting.isEmpty, held.isEmpty, !heldEvents.isEmpty {
            let events = heldEvents
            heldEvents.removeAll()
            for event in events {
                switch event {
                case .user(let event): context.fireUserInboundEventTriggered(event)
                case .error(let error): context.fireErrorCaught(error)
                }
            }
        }
        if readWithheld, waiting.count + held.count < service.maxQueued {
            readWithheld = false
            context.read()
        }
    }

    /// The log became durable up to the seq of `waiting`'s head (called on the loop).
    private func durableMoved() {
        notifying = false
        guard let context else { return }
        sendDurable(context: context)
        flushIfNeeded(context: context)
    }

    private func flushIfNeeded(context: ChannelHandlerContext) {
        if unflushed {
            unflushed = false
            context.flush()
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushIfNeeded(context: context)
        context.fireChannelReadComplete()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if waiting.isEmpty, held.isEmpty {
            context.fireUserInboundEventTriggered(event)
        } else {
            heldEvents.append(.user(event))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if waiting.isEmpty, held.isEmpty {
            context.fireErrorCaught(error)
        } else {
            heldEvents.append(.error(error))
        }
    }

    func read(context: ChannelHandlerContext) {
        if let service, waiting.count + held.count >= service.maxQueued {
            readWithheld = true
        } else {
            context.read()
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let buffer = unwrapOutboundIn(data)
        if !passThrough, owed > 0, buffer.readableBytes > 0 { owed -= 1 }
        context.write(data, promise: promise)
    }
}
