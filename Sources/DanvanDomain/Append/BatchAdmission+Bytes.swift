import DanvanJSON

extension BatchAdmission {
    /// Reads one event (`{type, id?, stream?, data}`) at the cursor straight into a
    /// `ParsedEvent`, without a `JSONValue` tree for the event itself; nil when the event is not
    /// in the plain form this reads (a key twice, an escape in a key, an array or object
    /// inside `data`, an unknown member) or is not valid.
    ///
    /// Nil never means "refused": the caller then decodes the whole request the general way
    /// (`parse`), which accepts what this accepts with the same result and reports the error
    /// of an invalid event. What this reads, it checks as `envelope` does, and `data` goes
    /// through the same `EventData` validation.
    public static func parseEvent(_ cursor: inout JSONCursor, index: Int) -> ParsedEvent? {
        guard cursor.take(UInt8(ascii: "{")) else { return nil }
        var type: EventType?
        var id: EventID?, idSeen = false
        var stream: String?, streamSeen = false
        var data: JSONObject?
        repeat {
            guard let key = cursor.key() else { return nil }
            if key.equals("type") {
                guard type == nil, case .string(let name)? = cursor.scalar(), let t = EventType(rawValue: name) else { return nil }
                type = t
            } else if key.equals("data") {
                guard data == nil, let object = dataObject(&cursor) else { return nil }
                data = object
            } else if key.equals("id") {
                // `null` is no id, as `FieldReader.optionalCode` reads it.
                guard !idSeen, let text = nullableString(&cursor) else { return nil }
                idSeen = true
                if let text {
                    guard let parsed = EventID(text) else { return nil }
                    id = parsed
                }
            } else if key.equals("stream") {
                guard !streamSeen, let text = nullableString(&cursor) else { return nil }
                streamSeen = true
                if let text {
                    guard Identifier.isValid(text) else { return nil }
                    stream = text
                }
            } else {
                return nil
            }
        } while cursor.take(UInt8(ascii: ","))
        guard cursor.take(UInt8(ascii: "}")), let type, let data else { return nil }
        guard let eventData = try? EventData(
            type: type, data: .object(data), location: FieldPath("events", index: index, key: "data"), trusted: false)
        else { return nil }
        return ParsedEvent(id: id, stream: stream, data: eventData, index: index)
    }

    /// A string (`.some(text)`) or `null` (`.some(nil)`); nil for any other value.
    private static func nullableString(_ cursor: inout JSONCursor) -> String?? {
        switch cursor.scalar() {
        case .string(let text)?: return .some(text)
        case .null?: return .some(nil)
        default: return nil
        }
    }

    /// A `data` object whose members are all scalars, keys plain ASCII and each present once:
    /// the `JSONObject` a full parse would make of it.
    private static func dataObject(_ cursor: inout JSONCursor) -> JSONObject? {
        guard cursor.take(UInt8(ascii: "{")) else { return nil }
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(8)
        if cursor.take(UInt8(ascii: "}")) { return JSONObject(members) }
        repeat {
            guard let key = cursor.key(), let value = cursor.scalar() else { return nil }
            let name = String(decoding: key, as: UTF8.self)
            // A key twice: the full parse keeps both and the last wins; leave that to it.
            guard !members.contains(where: { $0.key == name }) else { return nil }
            members.append((name, value))
        } while cursor.take(UInt8(ascii: ","))
        guard cursor.take(UInt8(ascii: "}")) else { return nil }
        return JSONObject(members)
    }
}
