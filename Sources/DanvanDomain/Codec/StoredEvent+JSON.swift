import DanvanJSON

extension StoredEvent {
    /// The protocol's event object: `{seq, id, type, stream?, version?, recordedAt, actor, data}`.
    /// `export`, `read` and subscriptions all use exactly this form.
    public var json: JSONValue {
        var o = JSONObject()
        o.members.reserveCapacity(8)
        o.members.append(("seq", .number(String(seq))))
        o.members.append(("id", .string(id.description)))
        o.members.append(("type", .string(type.rawValue)))
        if let stream {
            o.members.append(("stream", .string(stream)))
            o.members.append(("version", version.map { .number(String($0)) } ?? .null))
        }
        o.members.append(("recordedAt", .string(Timestamp.iso8601(micros: recordedAtMicros))))
        o.members.append(("actor", ["uid": .int(actor.uid), "user": .string(actor.user)]))
        o.members.append(("data", .object(data.json)))
        return .object(o)
    }
}
