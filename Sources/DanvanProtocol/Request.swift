import DanvanDomain
import DanvanJSON

/// One request line: `{"id": <string or number>, "op": "<name>", ...params}`.
public struct Request: Sendable {
    /// The client's correlation id, echoed in the reply.
    public var id: JSONValue
    /// Operation name.
    public var op: String
    /// The whole request object; operations read their parameters from it (an `append` read
    /// by `AppendLineDecoder` has its events in `parsedEvents` instead, so `line` leaves them out).
    public var params: JSONObject
    /// An `append`'s events, already read and validated one by one when the line was decoded
    /// by `AppendLineDecoder`; `params` then holds no `events`. Nil for every other request.
    public var parsedEvents: [BatchAdmission.ParsedEvent]?

    /// Creates a request.
    public init(id: JSONValue, op: String, params: JSONObject) {
        self.id = id
        self.op = op
        self.params = params
    }

    /// The request as one JSON line (without the newline), for clients.
    public var line: [UInt8] {
        var o = JSONObject()
        o.members.append(("id", id))
        o.members.append(("op", .string(op)))
        o.members.append(contentsOf: params.members.filter { $0.key != "id" && $0.key != "op" })
        var out: [UInt8] = []
        JSONWriter.write(.object(o), into: &out)
        return out
    }
}

/// Turns a line into a `Request`, or into the error reply it deserves.
///
/// This is the one narrow door through which request bytes enter the daemon, so that
/// the parser behind it can be replaced without touching the operations.
public enum RequestDecoder {
    /// A decoding failure, with the request id when it could be recovered.
    public struct Failure: Error, Sendable {
        /// The id to echo (null when the line had none).
        public var id: JSONValue
        /// The error.
        public var error: ProtocolError
    }

    /// Decodes one line (without its `\n`; a trailing `\r` is tolerated).
    public static func decode(_ line: UnsafeRawBufferPointer) -> Result<Request, Failure> {
        // The plain form of an append, read without a tree (a `\r` before the newline is white
        // space to it); anything else the general way.
        if let append = AppendLineDecoder.decode(line) { return .success(append) }
        return decodeInFull(line)
    }

    /// `decode` the general way alone: the line parsed into a `JSONValue` tree, events and
    /// all (`parsedEvents` nil). What `decode` falls back on, and what tests and the fuzzer
    /// compare its fast reading of appends with.
    public static func decodeInFull(_ line: UnsafeRawBufferPointer) -> Result<Request, Failure> {
        var bytes = line
        if let last = bytes.last, last == UInt8(ascii: "\r") {
            bytes = UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - 1)])
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            return .failure(Failure(id: .null, error: ProtocolError(
                .badJSON, "the line is not valid JSON: \(error.description); send one JSON object per line",
                details: ["offset": .int(error.offset)])))
        }
        guard case .object(let object) = value else {
            return .failure(Failure(id: .null, error: ProtocolError(
                .badRequest, "a request must be a JSON object like {\"id\":1,\"op\":\"hello\"}, got \(value.kindName)")))
        }
        let id: JSONValue
        switch object["id"] {
        case .some(.string(let s)) where s.utf8.count <= 256: id = .string(s)
        case .some(.number(let n)) where n.utf8.count <= 64: id = .number(n)
        case .none:
            return .failure(Failure(id: .null, error: ProtocolError(
                .badRequest, "the request has no 'id'; add \"id\": 1 (a string or number echoed in the reply)")))
        case .some:
            return .failure(Failure(id: .null, error: ProtocolError(
                .badRequest, "'id' must be a string (at most 256 bytes) or a number")))
        }
        guard let opValue = object["op"] else {
            return .failure(Failure(id: id, error: ProtocolError(
                .badRequest, "the request has no 'op'; send {\"id\":1,\"op\":\"hello\"} to list the operations")))
        }
        guard case .string(let op) = opValue else {
            return .failure(Failure(id: id, error: ProtocolError(.badRequest, "'op' must be a string")))
        }
        return .success(Request(id: id, op: op, params: object))
    }

    /// Decodes a line held in an array.
    public static func decode(_ line: [UInt8]) -> Result<Request, Failure> {
        line.withUnsafeBytes { decode($0) }
    }
}
