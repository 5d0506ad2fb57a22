import DanvanDomain
import DanvanJSON

/// Decodes an `append` request line straight into parsed events, without a `JSONValue` tree.
///
/// A batch of 512 events spent about a third of its CPU building the tree of the request,
/// walking it to read the events, and freeing it. This reads the plain form every client
/// sends — `{"id":…,"op":"append","events":[…],"expectedVersion":…}` with scalar ids, each
/// member once, events as `BatchAdmission.parseEvent` reads them — and answers nil for anything
/// else, refused or merely unusual: `RequestDecoder` then decodes the line in full, which gives
/// the same request (`AppendLineDecoderTests` compares the two on every line they both read)
/// or the error to report.
enum AppendLineDecoder {
    /// The request of `line` with its events parsed, or nil to decode it the general way.
    static func decode(_ line: UnsafeRawBufferPointer) -> Request? {
        var cursor = JSONCursor(line)
        guard cursor.take(UInt8(ascii: "{")) else { return nil }
        var id: JSONValue?, isAppend = false, hasExpectedVersion = false
        var events: [BatchAdmission.ParsedEvent]?
        // The request object without its events, members in the order they came.
        var params = JSONObject()
        repeat {
            guard let key = cursor.key() else { return nil }
            if key.equals("events") {
                guard events == nil, let parsed = Self.events(&cursor) else { return nil }
                events = parsed
            } else if key.equals("id") {
                guard id == nil, let value = cursor.scalar() else { return nil }
                switch value {
                case .string(let s) where s.utf8.count <= 256: id = value
                case .number(let n) where n.utf8.count <= 64: id = value
                default: return nil
                }
                params.members.append(("id", value))
            } else if key.equals("op") {
                guard !isAppend, case .string("append")? = cursor.scalar() else { return nil }
                isAppend = true
                params.members.append(("op", .string("append")))
            } else if key.equals("expectedVersion") {
                guard !hasExpectedVersion, let value = cursor.scalar() else { return nil }
                hasExpectedVersion = true
                params.members.append(("expectedVersion", value))
            } else {
                return nil
            }
        } while cursor.take(UInt8(ascii: ","))
        guard cursor.take(UInt8(ascii: "}")), cursor.isAtEnd(), let id, isAppend, let events else { return nil }
        var request = Request(id: id, op: Operation.append.rawValue, params: params)
        request.parsedEvents = events
        return request
    }

    /// `[event, …]`, at least one.
    private static func events(_ cursor: inout JSONCursor) -> [BatchAdmission.ParsedEvent]? {
        guard cursor.take(UInt8(ascii: "[")) else { return nil }
        var events: [BatchAdmission.ParsedEvent] = []
        repeat {
            guard let event = BatchAdmission.parseEvent(&cursor, index: events.count) else { return nil }
            events.append(event)
        } while cursor.take(UInt8(ascii: ","))
        guard cursor.take(UInt8(ascii: "]")) else { return nil }
        return events
    }
}
