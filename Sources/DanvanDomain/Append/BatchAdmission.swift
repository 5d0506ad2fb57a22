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

    /// Admits `items` (the request's `events` array).
    ///
    /// - Parameters:
    ///   - nextSeq: the sequence number the first new event gets.
    ///   - target: reads an earlier event's data by seq, for `entry.voided`.
    ///   - batchTarget: on return, voided targets found in this same batch are resolved through it.
    public static func admit(
        _ items: [JSONValue], expectedVersion: ExpectedVersion, registry: inout Registry,
        nextSeq: UInt64, recordedAtMicros: Int64, actor: Actor,
        target: (UInt64) -> EventData?
    ) throws(AppendRefusal) -> Outcome {
        var undo: [Registry.UndoStep] = []
        var events: [StoredEvent] = []
        var duplicates = 0
        var duplicateMaxSeq: UInt64 = 0
        var seq = nextSeq
        do {
            // Parse every envelope first so that shape errors never touch the registry.
            var parsed: [(id: EventID?, stream: String?, data: EventData, path: String)] = []
            parsed.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                parsed.append(try envelope(item, path: "events[\(i)]"))
            }
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
            var batchIDs = Set<EventID>()
            for p in parsed {
                if let id = p.id, let original = registry.event(id) {
                    duplicates += 1
                    duplicateMaxSeq = max(duplicateMaxSeq, original.seq)
                    continue
                }
                if let id = p.id, batchIDs.contains(id) {
                    duplicates += 1
                    continue
                }
                let id = p.id ?? EventID.random()
                batchIDs.insert(id)
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
    static func envelope(_ item: JSONValue, path: String) throws(ValidationError) -> (id: EventID?, stream: String?, data: EventData, path: String) {
        var r = try FieldReader(item, path: path)
        guard let typeValue = r.object["type"] else {
            throw ValidationError(.missingField, path: r.path("type"), "required field 'type' is missing")
        }
        guard case .string(let typeName) = typeValue else {
            throw ValidationError(.wrongType, path: r.path("type"), "'type' must be a string, got \(typeValue.kindName)")
        }
        guard let type = EventType(rawValue: typeName) else {
            throw ValidationError(
                .unknownType, path: r.path("type"),
                "unknown event type '\(typeName)'; the catalogue has \(EventType.allCases.map(\.rawValue).joined(separator: ", "))")
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
        let data = try EventData(type: type, data: dataValue, path: r.path("data"))
        return (id, stream, data, path)
    }
}
