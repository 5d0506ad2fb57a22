import DanvanDomain
import DanvanJSON
import DanvanProtocol
import DanvanStorage
import NIOCore
import NIOPosix

/// A reply on its way out: ready now, or ready once the log is durable up to a seq.
enum OutgoingReply: Sendable {
    case now([UInt8])
    case afterDurable(UInt64, [UInt8])
    /// Write the acknowledgement, then start the subscription.
    case subscribe([UInt8], SubscriptionStart)
}

/// Turns one request line into its reply: decodes it, checks its parameters, and asks
/// the engine. Every failure becomes an error reply with a stable code; nothing here
/// throws to the connection, so a bad line never costs the client its connection.
struct RequestHandler: Sendable {
    let engine: Engine
    let pool: NIOThreadPool
    let configuration: DaemonConfiguration
    let peer: PeerCredentials
    let actor: Actor
    let subscriptions = ConnectionSubscriptions()
    /// The peer's role from the access policy (nil: none; only `hello` is allowed).
    var role: Role? = .admin

    /// Ops and their descriptions, for `hello`.
    static let operations = Operation.allCases.map(\.rawValue)

    /// Handles one decoded line. `owed` is the highest seq this connection's earlier appends
    /// wait for; requests other than `append` see the state after it.
    func handle(_ decoded: Result<Request, RequestDecoder.Failure>, after owed: UInt64) async -> OutgoingReply {
        let request: Request
        let op: Operation
        switch admit(decoded) {
        case .reply(let bytes):
            return .now(bytes)
        case .operation(let o, let r):
            (op, request) = (o, r)
        }
        if op != .append, owed > 0 { await engine.waitDurable(owed) }
        switch op {
        case .query where Self.asksAsOf(request):
            return .now(await queryAsOf(request))
        case .hello, .schema, .query:
            return .now(immediateReply(op, request))
        case .append:
            return await append(request)
        case .read:
            return await read(request)
        case .status:
            return .now(Self.okLine(id: request.id, engine.status()))
        case .subscribe:
            return await subscribe(request)
        case .backup:
            return await backup(request)
        case .unsubscribe:
            let params: UnsubscribeParams
            do {
                params = try UnsubscribeParams(request)
            } catch {
                return .now(Self.errorLine(id: request.id, error))
            }
            guard let feedID = subscriptions.remove(params.subscription) else {
                return .now(Self.errorLine(id: request.id, ProtocolError(
                    .notFound, "this connection has no subscription \(JSONWriter.string(params.subscription))")))
            }
            engine.feed.cancel(feedID)
            return .now(Self.okLine(id: request.id, ["subscription": params.subscription, "unsubscribed": true]))
        }
    }

    /// The answer to `decoded` when it is handled on the event loop (see `ImmediateReplies`):
    /// `hello`, `schema`, `query`, refusals, and small appends (admitted here, answered once
    /// durable). Nil when it must go to the connection's task (large batches, reads,
    /// subscriptions, status, backups).
    ///
    /// Only correct when the connection owes no earlier reply, and, for anything but an
    /// append, when no earlier append's reply waits: the caller checks that.
    func answerAtOnce(_ decoded: Result<Request, RequestDecoder.Failure>) -> ImmediateAnswer? {
        switch admit(decoded) {
        case .reply(let bytes):
            return .now(bytes)
        case .operation(let op, let request):
            if Self.answersAtOnce(op), !(op == .query && Self.asksAsOf(request)) { return .now(immediateReply(op, request)) }
            guard op == .append, let (durableAt, reply) = appendAtOnce(request) else { return nil }
            return durableAt == 0 ? .now(reply) : .afterDurable(durableAt, reply)
        }
    }

    /// `answerAtOnce` as `ImmediateReplies` takes it.
    var immediateService: ImmediateService {
        let durable = engine.durableView
        let handler = self
        let engine = self.engine
        return ImmediateService(
            answer: { handler.answerAtOnce($0) }, durableSeq: { durable.seq }, notify: { durable.notify(when: $0, $1) },
            commit: { engine.commitOrWake() },
            maxQueued: configuration.maxInFlight)
    }

    /// A decoded line sorted out: an error reply already, or an operation the caller may run.
    enum Admitted {
        case reply([UInt8])
        case operation(Operation, Request)
    }

    /// Refuses what is malformed, unknown or forbidden to this peer.
    private func admit(_ decoded: Result<Request, RequestDecoder.Failure>) -> Admitted {
        let request: Request
        switch decoded {
        case .failure(let failure):
            return .reply(Self.errorLine(id: failure.id, failure.error))
        case .success(let r):
            request = r
        }
        guard let op = Operation(rawValue: request.op) else {
            return .reply(Self.errorLine(id: request.id, ProtocolError(
                .unknownOp, "unknown op '\(request.op)'; the ops are \(Self.operations.joined(separator: ", "))",
                details: ["ops": .array(Self.operations.map { .string($0) })])))
        }
        if let needed = Role.needed(for: op), (role.map { $0 < needed } ?? true) {
            let has = role.map { "role '\($0.rawValue)'" } ?? "no role"
            return .reply(Self.errorLine(id: request.id, ProtocolError(
                .forbidden,
                "'\(op.rawValue)' needs the \(needed.rawValue) role and uid \(peer.uid) has \(has); ask an administrator to add you to the access lists in danvand.conf",
                details: ["needed": .string(needed.rawValue), "role": role.map { .string($0.rawValue) } ?? .null])))
        }
        return .operation(op, request)
    }

    /// A query with `asOf`: it may rebuild a past state (seconds on a long log) or read the
    /// log, so it goes to the connection's task, never answered on the event loop.
    static func asksAsOf(_ request: Request) -> Bool {
        request.params["asOf"] != nil
    }

    /// The ops answered from memory without waiting for anything: `hello`, `schema`, `query`
    /// (without `asOf`).
    static func answersAtOnce(_ op: Operation) -> Bool {
        switch op {
        case .hello, .schema, .query: true
        case .append, .read, .status, .subscribe, .backup, .unsubscribe: false
        }
    }

    /// The reply of an op for which `answersAtOnce` holds.
    private func immediateReply(_ op: Operation, _ request: Request) -> [UInt8] {
        switch op {
        case .hello:
            return Self.okLine(id: request.id, [
                "server": "danvand", "version": .string(engine.version), "protocol": .int(Operation.protocolVersion),
                "role": role.map { .string($0.rawValue) } ?? .null, "uid": .int(peer.uid), "user": .string(actor.user),
                "ops": .array(Self.operations.map { .string($0) }),
                "catalogue": .int(EventCatalogue.version),
            ])
        case .schema:
            return Self.okLine(id: request.id, EventCatalogue.json)
        case .query:
            return query(request)
        case .append, .read, .status, .subscribe, .backup, .unsubscribe:
            return Self.errorLine(id: request.id, ProtocolError(.internal, "'\(op.rawValue)' was routed to the wrong path; report this"))
        }
    }

    private func backup(_ request: Request) async -> OutgoingReply {
        guard case .string(let directory)? = request.params["directory"], directory.hasPrefix("/") else {
            return .now(Self.errorLine(id: request.id, ProtocolError(
                .badParams, "backup needs 'directory', an absolute path the daemon can write (a new or empty directory)",
                details: ["path": "directory"])))
        }
        let snapshot = engine.readSnapshot()
        do {
            let report = try await pool.runIfActive { () throws -> BackupReport in try snapshot.backup(to: directory) }
            return .now(Self.okLine(id: request.id, [
                "directory": .string(report.directory), "seq": .int(report.lastSeq), "segments": .int(report.segments),
                "bytes": .int(report.bytes), "verified": true,
            ]))
        } catch let error as StorageError where error.code == .invalidArgument {
            return .now(Self.errorLine(id: request.id, ProtocolError(.badParams, error.message, details: ["path": "directory"])))
        } catch {
            return .now(Self.errorLine(id: request.id, ProtocolError(.internal, "the backup failed: \(error)")))
        }
    }

    private func subscribe(_ request: Request) async -> OutgoingReply {
        let params: SubscribeParams
        do {
            params = try SubscribeParams(request)
        } catch {
            return .now(Self.errorLine(id: request.id, error))
        }
        let durable = engine.durable()
        let fromSeq = params.fromSeq ?? durable + 1
        let (feedID, seqs) = engine.feed.subscribe(current: durable)
        guard subscriptions.add(request.id, feedID: feedID) else {
            engine.feed.cancel(feedID)
            return .now(Self.errorLine(id: request.id, ProtocolError(
                .badRequest, "a subscription with id \(JSONWriter.string(request.id)) is already open on this connection; use another id")))
        }
        let ack = Self.okLine(id: request.id, ["subscription": request.id, "fromSeq": .int(fromSeq), "lastSeq": .int(durable)])
        return .subscribe(ack, SubscriptionStart(id: request.id, fromSeq: fromSeq, types: params.types, feedID: feedID, seqs: seqs))
    }

    /// Appends of fewer events than this are admitted on the event loop that read them
    /// (`ImmediateReplies`): one event's parse is a few µs, far less than handing it to another
    /// thread. Larger batches go to the connection's task, which parses them on two threads.
    static let immediateAppendLimit = BatchAdmission.concurrentParseThreshold

    /// An append handled right where it was read, on the event loop: its reply and the seq the
    /// log must be durable up to before it is sent (0 for a refusal, which goes out at once in
    /// its turn). Nil when the batch is large enough to go to the connection's task. The
    /// batch stays staged until the loop calls `Engine.commitOrWake`.
    func appendAtOnce(_ request: Request) -> (durableAt: UInt64, reply: [UInt8])? {
        let params: AppendParams
        do {
            params = try AppendParams(request, maxEvents: configuration.maxBatchEvents)
        } catch {
            return (0, Self.errorLine(id: request.id, error))
        }
        guard params.count < Self.immediateAppendLimit else { return nil }
        let parsed: [BatchAdmission.ParsedEvent]
        do {
            parsed = try params.parsedEvents()
        } catch {
            return (0, Self.errorLine(id: request.id, error.protocolError))
        }
        return stage(parsed, params, request, wakeWriter: false)
    }

    private func append(_ request: Request) async -> OutgoingReply {
        let params: AppendParams
        do {
            params = try AppendParams(request, maxEvents: configuration.maxBatchEvents)
        } catch {
            return .now(Self.errorLine(id: request.id, error))
        }
        // Each event is read and validated here, on the connection's task (a large batch on
        // two), so that batches are parsed in parallel; the engine's lock is held only to
        // check the rules across events.
        let parsed: [BatchAdmission.ParsedEvent]
        do {
            parsed = try await params.parsedEventsConcurrently()
        } catch {
            return .now(Self.errorLine(id: request.id, error.protocolError))
        }
        let (durableAt, reply) = stage(parsed, params, request)
        return durableAt == 0 ? .now(reply) : .afterDurable(durableAt, reply)
    }

    /// Admits parsed events and builds the reply to send once durable (`durableAt` 0: a
    /// refusal, to send at once).
    private func stage(
        _ parsed: [BatchAdmission.ParsedEvent], _ params: AppendParams, _ request: Request, wakeWriter: Bool = true
    ) -> (durableAt: UInt64, reply: [UInt8]) {
        switch engine.append(parsed, expectedVersion: params.expectedVersion, actor: actor, wakeWriter: wakeWriter) {
        case .failure(let error):
            return (0, Self.errorLine(id: request.id, error))
        case .success(let ticket):
            let line = Self.okLine(id: request.id, [
                "firstSeq": ticket.firstSeq.map { .int($0) } ?? .null,
                "lastSeq": ticket.lastSeq.map { .int($0) } ?? .null,
                "duplicates": .int(ticket.duplicates),
            ])
            return (ticket.durableAt, line)
        }
    }

    private func read(_ request: Request) async -> OutgoingReply {
        let params: ReadParams
        do {
            params = try ReadParams(request)
        } catch {
            return .now(Self.errorLine(id: request.id, error))
        }
        let snapshot = engine.readSnapshot()
        do {
            let (events, next) = try await pool.runIfActive {
                try EventReader.events(from: params.fromSeq, limit: params.limit, types: params.types, stream: params.stream, in: snapshot)
            }
            return .now(Self.okLine(id: request.id, [
                "events": .array(events.map(\.json)), "nextSeq": .int(next), "lastSeq": .int(snapshot.lastSeq),
            ]))
        } catch {
            return .now(Self.errorLine(id: request.id, ProtocolError(.internal, "reading the log failed: \(error)")))
        }
    }

    private func query(_ request: Request) -> [UInt8] {
        let query: Query
        switch Self.queryParams(request, lastSeq: engine.durable(), defaultCutoff: configuration.periodCutoff) {
        case .failure(let error): return Self.errorLine(id: request.id, error)
        case .success((let q, nil)): query = q
        case .success((_, _?)):
            return Self.errorLine(id: request.id, ProtocolError(.internal, "a query with asOf was routed to the event loop; report this"))
        }
        switch engine.queryReply(query, today: engine.calendar.today(), id: request.id) {
        case .success(let line): return line
        case .failure(let error): return Self.errorLine(id: request.id, error.protocolError)
        }
    }

    /// A query with `asOf`, on the connection's task (see `asksAsOf`).
    private func queryAsOf(_ request: Request) async -> [UInt8] {
        switch Self.queryParams(request, lastSeq: engine.durable(), defaultCutoff: configuration.periodCutoff) {
        case .failure(let error):
            return Self.errorLine(id: request.id, error)
        case .success((let query, nil)):
            // `"asOf": null`: now, as without it.
            switch engine.queryReply(query, today: engine.calendar.today(), id: request.id) {
            case .success(let line): return line
            case .failure(let error): return Self.errorLine(id: request.id, error.protocolError)
            }
        case .success((let query, let asOf?)):
            switch await engine.queryReply(query, asOf: asOf, today: engine.calendar.today(), id: request.id) {
            case .success(let line): return line
            case .failure(let error): return Self.errorLine(id: request.id, error)
            }
        }
    }

    /// A query's parameters: `asOf` taken out first (`AsOf.take`), the rest read by
    /// `Query(params:)`. A bad `asOf` is `bad_params` with the log's `lastSeq`.
    static func queryParams(_ request: Request, lastSeq: UInt64, defaultCutoff: ReportingCutoff) -> Result<(Query, AsOf?), ProtocolError> {
        var params = request.params
        params["id"] = nil
        params["op"] = nil
        let asOf: AsOf?
        do {
            asOf = try AsOf.take(from: &params)
        } catch {
            return .failure(Engine.asOfRefusal("\(error.message); the log's last seq is \(lastSeq) now", lastSeq: lastSeq))
        }
        do {
            return .success((try Query(params: params, defaultCutoff: defaultCutoff), asOf))
        } catch {
            return .failure(error.protocolError(.badParams))
        }
    }

    static func okLine(id: JSONValue, _ result: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        Reply.ok(id: id, result: result, into: &out)
        return out
    }

    static func errorLine(id: JSONValue, _ error: ProtocolError) -> [UInt8] {
        var out: [UInt8] = []
        Reply.error(id: id, error, into: &out)
        return out
    }
}
