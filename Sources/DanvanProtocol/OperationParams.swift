import DanvanDomain
import DanvanJSON

/// Parameters of `append`.
public struct AppendParams: Sendable {
    /// The events (checked one by one by the domain); empty when `parsed` holds them.
    public var events: [JSONValue]
    /// The events already read from the line (`Request.parsedEvents`), nil when `events` holds them.
    public var parsed: [BatchAdmission.ParsedEvent]?
    /// Optimistic concurrency check.
    public var expectedVersion: ExpectedVersion

    /// How many events the batch holds.
    public var count: Int { parsed?.count ?? events.count }

    /// The events read and validated one by one: those read with the line, or `events` parsed now.
    public func parsedEvents() throws(AppendRefusal) -> [BatchAdmission.ParsedEvent] {
        if let parsed { return parsed }
        return try BatchAdmission.parse(events)
    }

    /// `parsedEvents()` with a large batch read on two threads (`BatchAdmission.parseConcurrently`).
    public func parsedEventsConcurrently() async throws(AppendRefusal) -> [BatchAdmission.ParsedEvent] {
        if let parsed { return parsed }
        return try await BatchAdmission.parseConcurrently(events)
    }

    /// Reads `events` and `expectedVersion` from a request; `maxEvents` bounds the batch.
    public init(_ r: Request, maxEvents: Int) throws(ProtocolError) {
        let allowed: Set<String> = ["id", "op", "events", "expectedVersion"]
        if let extra = r.params.keys.first(where: { !allowed.contains($0) }) {
            throw badParams(extra, "unknown parameter '\(extra)'; append takes events and expectedVersion")
        }
        if let parsed = r.parsedEvents {
            guard parsed.count <= maxEvents else { throw Self.tooLarge(maxEvents) }
            self.events = []
            self.parsed = parsed
            self.expectedVersion = try Self.expectedVersion(r.params["expectedVersion"])
            return
        }
        guard let value = r.params["events"] else {
            throw badParams("events", "append needs 'events', an array of {type, data, id?, stream?}")
        }
        guard case .array(let events) = value else { throw badParams("events", "'events' must be an array") }
        guard !events.isEmpty else { throw badParams("events", "'events' is empty; send at least one event") }
        guard events.count <= maxEvents else { throw Self.tooLarge(maxEvents) }
        self.events = events
        self.parsed = nil
        self.expectedVersion = try Self.expectedVersion(r.params["expectedVersion"])
    }

    private static func tooLarge(_ maxEvents: Int) -> ProtocolError {
        ProtocolError(.tooLarge, "a batch holds at most \(maxEvents) events; split it", details: ["path": "events", "limit": .int(maxEvents)])
    }

    private static func expectedVersion(_ value: JSONValue?) throws(ProtocolError) -> ExpectedVersion {
        switch value {
        case nil, .some(.null), .some(.string("any")): return .any
        case .some(.string("none")): return .none
        case .some(let v):
            guard let n = v.int64Value, n >= 0 else {
                throw badParams("expectedVersion", "'expectedVersion' must be \"any\", \"none\" or a stream version (integer >= 0)")
            }
            return .exactly(n)
        }
    }
}

/// Parameters of `read`.
public struct ReadParams: Sendable {
    /// First sequence number wanted (default 1).
    public var fromSeq: UInt64
    /// Most events returned (default 100, at most 10000).
    public var limit: Int
    /// Only these types.
    public var types: Set<EventType>?
    /// Only this stream.
    public var stream: String?

    /// Largest `limit`.
    public static let maxLimit = 10_000

    /// Reads the parameters of a `read` request.
    public init(_ r: Request) throws(ProtocolError) {
        let allowed: Set<String> = ["id", "op", "fromSeq", "limit", "types", "stream"]
        if let extra = r.params.keys.first(where: { !allowed.contains($0) }) {
            throw badParams(extra, "unknown parameter '\(extra)'; read takes fromSeq, limit, types, stream")
        }
        switch r.params["fromSeq"] {
        case nil, .some(.null): fromSeq = 1
        case .some(let v):
            guard let n = v.int64Value, n >= 0 else { throw badParams("fromSeq", "'fromSeq' must be an integer >= 0") }
            fromSeq = UInt64(max(n, 1))
        }
        switch r.params["limit"] {
        case nil, .some(.null): limit = 100
        case .some(let v):
            guard let n = v.int64Value, n >= 1, n <= Int64(ReadParams.maxLimit) else {
                throw badParams("limit", "'limit' must be an integer from 1 to \(ReadParams.maxLimit)")
            }
            limit = Int(n)
        }
        switch r.params["types"] {
        case nil, .some(.null): types = nil
        case .some(.array(let list)):
            var set = Set<EventType>()
            for (i, item) in list.enumerated() {
                guard let s = item.stringValue else {
                    throw badParams("types[\(i)]", "each of 'types' must be an event type name (a string), got \(item.kindName)")
                }
                guard let t = EventType(rawValue: s) else {
                    throw badParams("types[\(i)]", EventType.unknown(s))
                }
                set.insert(t)
            }
            types = set
        case .some:
            throw badParams("types", "'types' must be an array of event type names")
        }
        switch r.params["stream"] {
        case nil, .some(.null): stream = nil
        case .some(.string(let s)): stream = s
        case .some: throw badParams("stream", "'stream' must be a string")
        }
    }
}

/// Parameters of `subscribe`.
public struct SubscribeParams: Sendable {
    /// First sequence number wanted; earlier events are not sent. Default: the next new event.
    public var fromSeq: UInt64?
    /// Only these types.
    public var types: Set<EventType>?

    /// Reads the parameters of a `subscribe` request.
    public init(_ r: Request) throws(ProtocolError) {
        let allowed: Set<String> = ["id", "op", "fromSeq", "types"]
        if let extra = r.params.keys.first(where: { !allowed.contains($0) }) {
            throw badParams(extra, "unknown parameter '\(extra)'; subscribe takes fromSeq and types")
        }
        switch r.params["fromSeq"] {
        case nil, .some(.null): fromSeq = nil
        case .some(let v):
            guard let n = v.int64Value, n >= 1 else { throw badParams("fromSeq", "'fromSeq' must be an integer >= 1") }
            fromSeq = UInt64(n)
        }
        let read = try ReadParams(Request(id: r.id, op: "read", params: ["types": r.params["types"] ?? .null]))
        types = read.types
    }
}

/// Parameters of `unsubscribe`.
public struct UnsubscribeParams: Sendable {
    /// The id of the `subscribe` request.
    public var subscription: JSONValue

    /// Reads the parameters of an `unsubscribe` request.
    public init(_ r: Request) throws(ProtocolError) {
        guard let s = r.params["subscription"], s.stringValue != nil || s.int64Value != nil || { if case .number = s { return true }; return false }() else {
            throw badParams("subscription", "'subscription' must be the id of the subscribe request")
        }
        subscription = s
    }
}

/// A `bad_params` error naming the parameter.
func badParams(_ path: String, _ message: String) -> ProtocolError {
    ProtocolError(.badParams, message, details: ["path": .string(path)])
}

extension ValidationError {
    /// The error reply for a refused event or bad query parameters.
    public func protocolError(_ code: ErrorCode = .validationFailed) -> ProtocolError {
        ProtocolError(code, "\(path.isEmpty ? "" : path + ": ")\(message)", details: [
            "path": .string(path), "reason": .string(self.code.name),
        ])
    }
}

extension AppendRefusal {
    /// The error reply.
    public var protocolError: ProtocolError {
        switch self {
        case .invalid(let e):
            return e.protocolError()
        case .conflict(let stream, let expected, let actual):
            let expectedJSON: JSONValue
            switch expected {
            case .any: expectedJSON = "any"
            case .none: expectedJSON = "none"
            case .exactly(let v): expectedJSON = .int(v)
            }
            return ProtocolError(
                .conflict,
                "stream '\(stream)' is at version \(actual), not \(expectedJSON == "none" ? "empty" : JSONWriter.string(expectedJSON)); read it again and retry",
                details: ["stream": .string(stream), "expected": expectedJSON, "actual": .int(actual)])
        }
    }
}

extension QueryError {
    /// The error reply.
    public var protocolError: ProtocolError {
        var details = JSONObject()
        if !candidates.isEmpty { details["candidates"] = .array(candidates) }
        if let missing {
            details["missing"] = .string(missing.kind)
            details["given"] = .string(missing.given)
        }
        let wire: ErrorCode
        switch code {
        case "ambiguous": wire = .ambiguous
        case "not_current": wire = .notCurrent
        default: wire = .notFound
        }
        return ProtocolError(wire, message, details: details)
    }
}
