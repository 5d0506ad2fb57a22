import DanvanJSON

/// Writes reply lines: `{"id", "ok": true, "result"}` or `{"id", "ok": false, "error"}`.
public enum Reply {
    /// A success line, `\n`-terminated.
    public static func ok(id: JSONValue, result: JSONValue, into out: inout [UInt8]) {
        let o: JSONObject = ["id": id, "ok": true, "result": result]
        JSONWriter.write(.object(o), into: &out)
        out.append(UInt8(ascii: "\n"))
    }

    /// A success line whose result `writeResult` writes as JSON bytes itself (a `summary`
    /// answer, see `Projection.writeAnswer`); the same bytes as `ok(id:result:into:)` with
    /// that result. When `writeResult` throws, `out` is left as it was.
    public static func ok<E: Error>(
        id: JSONValue, into out: inout [UInt8], writingResult writeResult: (inout [UInt8]) throws(E) -> Void
    ) throws(E) {
        let start = out.count
        out.append(contentsOf: #"{"id":"#.utf8)
        JSONWriter.write(id, into: &out)
        out.append(contentsOf: #","ok":true,"result":"#.utf8)
        do {
            try writeResult(&out)
        } catch {
            out.removeSubrange(start...)
            throw error
        }
        out.append(contentsOf: "}\n".utf8)
    }

    /// An error line, `\n`-terminated.
    public static func error(id: JSONValue, _ error: ProtocolError, into out: inout [UInt8]) {
        let o: JSONObject = ["id": id, "ok": false, "error": error.json]
        JSONWriter.write(.object(o), into: &out)
        out.append(UInt8(ascii: "\n"))
    }

    /// A reply line read back by a client.
    public struct Parsed: Sendable {
        /// Echoed id.
        public var id: JSONValue
        /// `result` on success, or the error.
        public var outcome: Result<JSONValue, ProtocolError>
        /// The whole reply object as received.
        public var raw: JSONValue
    }

    /// Parses a reply line (clients).
    public static func parse(_ line: [UInt8]) throws -> Parsed {
        let value = try JSONParser.parse(line)
        guard case .object(let o) = value, let ok = o["ok"]?.boolValue else {
            throw ProtocolError(.badRequest, "the daemon's reply is not a reply object")
        }
        let id = o["id"] ?? .null
        if ok {
            return Parsed(id: id, outcome: .success(o["result"] ?? .null), raw: value)
        }
        let e = o["error"]?.objectValue ?? JSONObject()
        let code = e["code"]?.stringValue ?? "internal"
        var details = e
        details["code"] = nil
        details["message"] = nil
        let known = ErrorCode.all.first { $0.name == code } ?? .internal
        return Parsed(id: id, outcome: .failure(ProtocolError(known, e["message"]?.stringValue ?? "", details: details)), raw: value)
    }
}
