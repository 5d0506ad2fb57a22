import DanvanClient
import DanvanJSON
import DanvanProtocol

/// Why a command did not complete, with the exit status it means and a message that
/// says what to do next.
public struct CommandFailure: Error, Sendable, CustomStringConvertible {
    /// The kind of failure, which decides the exit status.
    public enum Kind: Sendable, Equatable {
        /// The daemon replied with an error.
        case server
        /// Could not connect, or the connection broke.
        case connection
        /// The command line is wrong.
        case usage
        /// The input could not be used (a file, a JSON argument).
        case input
        /// Ctrl-C.
        case cancelled
    }

    /// The kind.
    public var kind: Kind
    /// For a person; may span several lines (candidates of an ambiguous unit).
    public var message: String
    /// The server's error, when there was one.
    public var serverError: ProtocolError?

    /// A failure.
    public init(_ kind: Kind, _ message: String, serverError: ProtocolError? = nil) {
        self.kind = kind
        self.message = message
        self.serverError = serverError
    }

    /// The exit status of a one-shot command that failed this way.
    public var exitStatus: ExitStatus {
        switch kind {
        case .server, .input: return .failed
        case .connection: return .connection
        case .usage: return .usage
        case .cancelled: return .interrupted
        }
    }

    public var description: String { message }

    /// A usage failure.
    static func usage(_ message: String) -> CommandFailure { CommandFailure(.usage, message) }
    /// An input failure.
    static func input(_ message: String) -> CommandFailure { CommandFailure(.input, message) }

    /// The failure a client error means; server errors keep their details, and an
    /// ambiguous unit lists its candidates one per line so the person can pick a code.
    static func from(_ error: ClientError) -> CommandFailure {
        switch error {
        case .server(let e):
            return CommandFailure(.server, serverMessage(e), serverError: e)
        case .cancelled:
            return CommandFailure(.cancelled, "cancelled")
        case .connect, .broken, .closed, .badReply:
            return CommandFailure(.connection, error.description)
        }
    }

    /// The text of an error reply, in the shell's words where `ShellHint` has them; an
    /// ambiguous unit's candidates are listed one a line, with their parents' names when
    /// `parentNames` knows them.
    static func serverMessage(_ e: ProtocolError, parentNames: [String: String] = [:]) -> String {
        guard e.code == .ambiguous, case .array(let candidates)? = e.details["candidates"], !candidates.isEmpty else {
            return "\(e.code.name): \(ShellHint.message(for: e) ?? e.message)"
        }
        // Each candidate with what names it alone: the daemon's `say` ("tỉnh Lào Cai") when it
        // is more than the code (daemons before 2026-12-07 send no `say`), and always the code.
        let says = candidates.contains { c in c["say"]?.stringValue.map { $0 != c["code"]?.stringValue } ?? false }
        var lines = ["\(e.code.name): \(e.message.components(separatedBy: ":").first ?? e.message); \(says ? "say which, with its level word or its code:" : "use one of these codes:")"]
        let rows = candidates.map { c -> (String, String) in
            let code = c["code"]?.stringValue ?? "?"
            let name = c["name"]?.stringValue ?? ""
            let level = c["level"]?.stringValue ?? ""
            let parent = c["parent"]?.stringValue.map { " in \(parentNames[$0] ?? $0)" } ?? ""
            let say = c["say"]?.stringValue.flatMap { $0 == code ? nil : "  say: \($0)" } ?? ""
            return (code, "\(name) (\(level)\(parent))\(say)")
        }
        let width = rows.map { DisplayWidth.of($0.0) }.max() ?? 0
        for (code, text) in rows { lines.append("  " + DisplayWidth.pad(code, to: width) + "  " + text) }
        return lines.joined(separator: "\n")
    }
}
