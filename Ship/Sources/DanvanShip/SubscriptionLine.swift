import DanvanJSON

/// One line danvand sends on a subscribing connection, read.
public enum SubscriptionLine: Sendable, Equatable {
    /// The reply to `subscribe`: events follow from `fromSeq`; `lastSeq` was the log's end then.
    case subscribed(fromSeq: Int64, lastSeq: Int64)
    /// An event of the subscription.
    case event(ShippedEvent)
    /// The daemon ended the subscription (`too_slow`): resume from `resumeFrom`.
    case ended(code: String, resumeFrom: Int64?)
    /// An error reply to a request (the subscribe itself refused).
    case refused(code: String, message: String)

    /// Reads `line`; throws `SubscriptionLineError` for anything that is not one of the above.
    public static func parse(_ line: [UInt8]) throws(SubscriptionLineError) -> SubscriptionLine {
        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch { throw SubscriptionLineError("not JSON: \(error)") }
        guard case .object(let object) = value else { throw SubscriptionLineError("not an object") }
        if object["subscription"] != nil {
            if case .object(let event)? = object["event"] { return .event(try Self.event(event)) }
            if case .bool(false)? = object["ok"], case .object(let error)? = object["error"] {
                return .ended(code: error["code"]?.stringValue ?? "unknown", resumeFrom: error["resumeFrom"]?.int64Value)
            }
            throw SubscriptionLineError("a subscription line with neither event nor error")
        }
        switch object["ok"] {
        case .bool(true)?:
            guard case .object(let result)? = object["result"],
                  let from = result["fromSeq"]?.int64Value, let last = result["lastSeq"]?.int64Value else {
                throw SubscriptionLineError("a reply without fromSeq and lastSeq")
            }
            return .subscribed(fromSeq: from, lastSeq: last)
        case .bool(false)?:
            let error = object["error"]
            return .refused(code: error?["code"]?.stringValue ?? "unknown", message: error?["message"]?.stringValue ?? "")
        default:
            throw SubscriptionLineError("neither a reply nor a subscription line")
        }
    }

    private static func event(_ e: JSONObject) throws(SubscriptionLineError) -> ShippedEvent {
        guard let seq = e["seq"]?.int64Value, seq >= 1 else { throw SubscriptionLineError("an event without seq") }
        guard let id = e["id"]?.stringValue else { throw SubscriptionLineError("event \(seq) without id") }
        guard let type = e["type"]?.stringValue else { throw SubscriptionLineError("event \(seq) without type") }
        guard let recordedAt = e["recordedAt"]?.stringValue else { throw SubscriptionLineError("event \(seq) without recordedAt") }
        guard let data = e["data"], case .object = data else { throw SubscriptionLineError("event \(seq) without data") }
        let actor = e["actor"] ?? .object(JSONObject())
        return ShippedEvent(
            seq: seq, id: id, type: type, recordedAt: recordedAt,
            actor: JSONWriter.string(actor), data: JSONWriter.string(data),
            stream: e["stream"]?.stringValue, version: e["version"]?.int64Value)
    }
}

/// A line from danvand that the shipper cannot read.
public struct SubscriptionLineError: Error, Equatable, CustomStringConvertible {
    /// What is wrong with it.
    public let description: String
    /// An error.
    public init(_ description: String) { self.description = description }
}
