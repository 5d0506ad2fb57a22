import DanvanClient
import DanvanJSON

/// Runs a parsed command against a session. Commands print their result to the
/// session's output and report failure by throwing; they never exit the process, so the
/// interactive shell can run the next one.
public enum CommandRunner {
    /// Runs `invocation`.
    public static func run(_ invocation: Invocation, in session: Session) throws(CommandFailure) {
        defer { session.out.flush() }
        switch invocation.spec.name {
        case "help": try help(invocation, session)
        case "status": try status(invocation, session)
        case "hello": try hello(invocation, session)
        case "summary": try summary(invocation, session)
        case "units": try units(invocation, session)
        case "tree": try tree(invocation, session)
        case "history": try history(invocation, session)
        case "campaigns": try campaigns(invocation, session)
        case "campaign": try campaign(invocation, session)
        case "opinions": try opinions(invocation, session)
        case "models": try models(invocation, session)
        case "query": try query(invocation, session)
        case "schema": try schema(invocation, session)
        case "read": try read(invocation, session)
        case "export": try export(invocation, session)
        case "follow": try follow(invocation, session)
        case "append": try append(invocation, session)
        case "import": try importEvents(invocation, session)
        case "report": try report(invocation, session)
        case "import-sheet": try importSheet(invocation, session)
        case "backup": try backup(invocation, session)
        case "raw": try raw(invocation, session)
        default: throw .usage("unknown command '\(invocation.spec.name)'")
        }
    }

    /// Parses argv-style words (`danvanctl summary LC --year 2023`, without the program
    /// name and global flags) into an invocation.
    public static func parse(arguments: [String]) throws(CommandFailure) -> Invocation {
        guard let name = arguments.first else { throw .usage("no command given; try: danvanctl help") }
        guard let spec = CommandCatalog.command(name) else { throw unknownCommand(name) }
        let rest = Array(arguments.dropFirst())
        if rest.contains("--help") || rest.contains("-h"), spec.arguments != .raw {
            return Invocation(spec: CommandCatalog.command("help") ?? spec, words: [name])
        }
        return try Invocation.parse(spec, rest) { i in rest[i...].joined(separator: " ") }
    }

    /// Parses a shell or script line into an invocation; nil for a blank line or a comment.
    public static func parse(line: String) throws(CommandFailure) -> Invocation? {
        let tokens = Tokenizer(line)
        if tokens.openQuote != nil { throw .usage("a quote is not closed: \(line)") }
        guard let first = tokens.words.first, !first.text.hasPrefix("#") else { return nil }
        guard let spec = CommandCatalog.command(first.text) else { throw unknownCommand(first.text) }
        let words = tokens.words.dropFirst().map(\.text)
        if words.contains("--help") || words.contains("-h"), spec.arguments != .raw {
            return Invocation(spec: CommandCatalog.command("help") ?? spec, words: [first.text])
        }
        let after = Array(tokens.words.dropFirst())
        return try Invocation.parse(spec, words) { i in
            i < after.count ? Tokenizer.rest(of: line, after: i == 0 ? first : after[i - 1]) : ""
        }
    }

    static func unknownCommand(_ name: String) -> CommandFailure {
        let names = CommandCatalog.commands.map(\.name)
        let close = names.filter { $0.hasPrefix(String(name.prefix(2))) }
        let hint = close.isEmpty ? "" : " (did you mean \(close.joined(separator: " or "))?)"
        return .usage("unknown command '\(name)'\(hint); the commands are \(names.joined(separator: ", "))")
    }
}
