import DanvanJSON

/// Turns the events of one `append` request into stored events, all or none.
///
/// Each event is checked in order against the registry as it stands after the events
/// before it in the same batch (so a batch may register a unit and then use it). An
/// event whose id is already stored, or appears earlier in the batch, is a duplicate:
/// acknowledged, not stored again, which makes re-sending a batch after a lost reply safe.
public struct BatchAdmission {
    /// What an admitted batch produced.
    public struct Outcome: Sendable {
        /// New events, with consecutive seqs from the first free one.
        public var events: [StoredEvent]
        /// Events skipped as already stored.
        public var duplicates: Int
        /// Highest seq among the duplicates' originals (0 when none): a duplicate may be
        /// acknowledged only once its original is durable.
        public var duplicateMaxSeq: UInt64
        /// The registry changes the batch made, for `Registry.undo` when a later step
        /// refuses the admitted batch (no disk space for it): the batch then leaves no
        /// trace, its ids are not consumed and a retry is not a duplicate.
        public var undo: [Registry.UndoStep]
    }

    /// One event of a request with its envelope read and its data validated: everything
    /// that depends on the event alone, not yet checked against the registry.
    public struct ParsedEvent: Sendable {
        /// The client's id for the event, if it gave one.
        public var id: EventID?
        /// The stream named, if any.
        public var stream: String?
        /// The typed, validated data.
        public var data: EventData
        /// The event's position in the request's `events`.
        public var index: Int
        /// Where the event is in the request (`events[3]`), for error paths: written out only
        /// when one needs it.
        public var path: String { "events[\(index)]" }
    }

    /// Reads and validates every event of a request on its own (types, fields, ranges).
    ///
    /// Pure and independent of the registry, so the daemon runs it where the request was read
    /// (the event loop, or the connection's task for a large batch), in parallel for several
    /// clients, and only `admit(parsed:…)` runs under the engine's lock.
    /// The first malformed event refuses the whole batch.
    public static func parse(_ items: [JSONValue]) throws(AppendRefusal) -> [ParsedEvent] {
        try parse(items[...])
    }

    /// `parse` of part of a request's events; error paths keep the events' positions in the
    /// whole request (a slice keeps its base's indices).
    public static func parse(_ items: ArraySlice<JSONValue>) throws(AppendRefusal) -> [ParsedEvent] {
        do {
            var parsed: [ParsedEvent] = []
            parsed.reserveCapacity(items.count)
            for i in items.indices {
                parsed.append(try envelope(items[i], index: i))
            }
            return parsed
        } catch {
            throw AppendRefusal.invalid(error)
        }
    }

    /// The batch size from which `parseConcurrently` splits the work: below it, the hand-off
    /// to a second thread costs more than the parse it saves.
    public static let concurrentParseThreshold = 64

    /// `parse` on two threads for a large batch: its second half is parsed by a child task
    /// while the caller parses the first, so one client's 512-event batch uses both cores.
    /// Refuses with the same error as `parse` (the first malformed event's).
    public static func parseConcurrently(_ items: [JSONValue], threshold: Int = concurrentParseThreshold) async throws(AppendRefusal) -> [ParsedEvent] {
        guard items.count >= threshold else { return try parse(items) }
        let middle = items.count / 2
        async let second = Result { () throws(AppendRefusal) -> [ParsedEvent] in try parse(items[middle...]) }
        let first = Result { () throws(AppendRefusal) -> [ParsedEvent] in try parse(items[..<middle]) }
        let rest = await second
        return try first.get() + rest.get()
    }

    /// Admits `items` (the request's `events` array): `parse`, then `admit(parsed:…)`.
    public static func admit(
        _ items: [JSONValue], expectedVersion: ExpectedVersion, registry: inout Registry,
        nextSeq: UInt64, recordedAtMicros: Int64, recordedOn: Day, actor: Actor,
        target: (UInt64) -> EventData?
    ) throws(AppendRefusal) -> Outcome {
        try admit(
            parsed: try parse(items), expectedVersion: expectedVersion, registry: &registry, nextSeq: nextSeq,
            recordedAtMicros: recordedAtMicros, recordedOn: recordedOn, actor: actor, target: target)
    }

    /// Admits parsed events against the registry: the expected version, duplicates, and the
    /// rules across events (units exist, ids unique, voids name a stored event, …).
    ///
    /// - Parameters:
    ///   - nextSeq: the sequence number the first new event gets.
    ///   - recordedOn: the day of `recordedAtMicros` in the province's time zone, which no
    ///     event's own date may pass (`Registry.checkAdmission`).
    ///   - target: reads an earlier event's data by seq, for `entry.voided`; targets in this
    ///     same batch are resolved from the batch.
    public static func admit(
        parsed: [ParsedEvent], expectedVersion: ExpectedVersion, registry: inout Registry,
        nextSeq: UInt64, recordedAtMicros: Int64, recordedOn: Day, actor: Actor,
        target: (UInt64) -> EventData?
    ) throws(AppendRefusal) -> Outcome {
        var undo: [Registry.UndoStep] = []
        var events: [StoredEvent] = []
        var duplicates = 0
        var duplicateMaxSeq: UInt64 = 0
        var seq = nextSeq
        do {
            if case .any = expectedVersion {} else {
                let streams = Set(parsed.map(\.stream))
                guard streams.count == 1, let only = streams.first, let stream = only else {
                    throw AppendRefusal.invalid(ValidationError(
                        .invalidValue, path: "expectedVersion",
                        "expectedVersion needs every event of the batch to name the same 'stream'"))
                }
                let actual = registry.version(of: stream)
                let ok: Bool
                switch expectedVersion {
                case .any: ok = true
                case .none: ok = actual == 0
                case .exactly(let v): ok = actual == v
                }
                guard ok else { throw AppendRefusal.conflict(stream: stream, expected: expectedVersion, actual: actual) }
            }
            events.reserveCapacity(parsed.count)
            for p in parsed {
                // An id stored before, or earlier in this batch: `registry.admit` indexes each
                // id as it admits it, so a repeat within the batch is found here too (its
                // original's seq is in this batch, durable with it).
                if let id = p.id, let original = registry.event(id) {
                    duplicates += 1
                    duplicateMaxSeq = max(duplicateMaxSeq, original.seq)
                    continue
                }
                let id = p.id ?? EventID.random()
                try registry.checkAdmission(p.data, recordedOn: recordedOn, path: p.path + ".data")
                let version = try registry.admit(
                    p.data, id: id, seq: seq, stream: p.stream, path: p.path + ".data", undo: &undo,
                    target: { s in
                        if s >= nextSeq { return events.first(where: { $0.seq == s })?.data }
                        return target(s)
                    })
                events.append(StoredEvent(
                    seq: seq, id: id, stream: p.stream, version: version,
                    recordedAtMicros: recordedAtMicros, actor: actor, data: p.data))
                seq += 1
            }
        } catch let refusal as AppendRefusal {
            registry.undo(undo)
            throw refusal
        } catch let error as ValidationError {
            registry.undo(undo)
            throw AppendRefusal.invalid(error)
        } catch {
            registry.undo(undo)
            throw AppendRefusal.invalid(ValidationError(.invalidValue, path: "events", "\(error)"))
        }
        return Outcome(events: events, duplicates: duplicates, duplicateMaxSeq: duplicateMaxSeq, undo: undo)
    }

    /// Reads `{type, id?, stream?, data}`.
    static func envelope(_ item: JSONValue, index: Int) throws(ValidationError) -> ParsedEvent {
        var r = try FieldReader(item, location: FieldPath("events", index: index), trusted: false)
        guard let typeValue = r.object["type"] else {
            throw ValidationError(.missingField, path: r.path("type"), "required field 'type' is missing")
        }
        guard case .string(let typeName) = typeValue else {
            throw ValidationError(.wrongType, path: r.path("type"), "'type' must be a string, got \(typeValue.kindName)")
        }
        guard let type = EventType(rawValue: typeName) else {
            throw ValidationError(
                .unknownType, path: r.path("type"),
                EventType.unknown(typeName))
        }
        _ = try r.code("type")
        var id: EventID?
        if let idText = try r.optionalCode("id") {
            guard let parsed = EventID(idText) else {
                throw ValidationError(.invalidValue, path: r.path("id"), "'id' must be a UUID like 3f2b8c1e-9d4a-4e6b-8f00-1c2d3e4f5a6b")
            }
            id = parsed
        }
        let stream = try r.optionalCode("stream")
        guard let dataValue = r.object["data"] else {
            throw ValidationError(.missingField, path: r.path("data"), "required field 'data' is missing")
        }
        _ = try r.optionalObject("data")
        try r.finish()
        let data = try EventData(type: type, data: dataValue, location: r.location.member("data"), trusted: false)
        return ParsedEvent(id: id, stream: stream, data: data, index: index)
    }
}
