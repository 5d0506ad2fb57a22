import DanvanClient
import DanvanJSON

/// `raw JSON`: any request line, as typed, and the reply as received.
extension CommandRunner {
    static func raw(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        let text = invocation.rest ?? ""
        var line = Array(text.utf8)
        // A request without an id would only earn a bad_request reply: add one.
        if case .object(var o)? = try? JSONParser.parse(line), o["id"] == nil {
            o.members.insert(("id", 1), at: 0)
            line = JSONWriter.bytes(.object(o))
        }
        let reply = try session.rawExchange(line)
        guard let value = try? JSONParser.parse(reply) else {
            session.out.write(String(decoding: reply, as: UTF8.self) + "\n")
            throw CommandFailure(.connection, "the reply is not JSON")
        }
        printer(invocation, session).single(value) { JSONPretty.string(value) + "\n" }
        if value["ok"]?.boolValue == false {
            // The reply, error included, is already printed.
            throw CommandFailure(.server, "")
        }
    }
}
