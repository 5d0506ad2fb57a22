import DanvanJSON

/// An error reply: a stable code, a sentence saying what to do, and details such as
/// the JSON `path` of a bad field.
public struct ProtocolError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable code.
    public var code: ErrorCode
    /// For a person.
    public var message: String
    /// Extra members of the `error` object (`path`, `candidates`, `expected`, ...).
    public var details: JSONObject

    /// Creates an error.
    public init(_ code: ErrorCode, _ message: String, details: JSONObject = JSONObject()) {
        self.code = code
        self.message = message
        self.details = details
    }

    /// The `error` object of the reply.
    public var json: JSONValue {
        var o = JSONObject()
        o.members.append(("code", .string(code.name)))
        o.members.append(("message", .string(message)))
        o.members.append(contentsOf: details.members)
        return .object(o)
    }

    public var description: String { "\(code.name): \(message)" }
}
