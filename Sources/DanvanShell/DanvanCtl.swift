import DanvanClient

#if canImport(Glibc)
import Glibc
#endif

/// danvanctl's entry point: global flags, then one of three modes: a command given on
/// the command line, the interactive shell (no command, stdin a terminal), or a script
/// (`-f FILE`, or no command with stdin not a terminal).
public enum DanvanCtl {
    /// Global flags.
    struct Options {
        var socket: String?
        var output: OutputFormat?
        var numbers = NumberStyle.plain
        var bail = false
        var file: String?
        var command: [String] = []
    }

    /// Runs danvanctl with `arguments` (program name first) and returns the exit status.
    public static func main(_ arguments: [String], environment: [String: String]) -> Int32 {
        useUTF8Locale()
        let options: Options
        do throws(CommandFailure) {
            guard let parsed = try parseOptions(Array(arguments.dropFirst())) else { return ExitStatus.ok.rawValue }
            options = parsed
        } catch {
            Terminal.write("danvanctl: \(error.message)\n", to: 2)
            return ExitStatus.usage.rawValue
        }
        let session = Session(socket: SocketPath.resolve(flag: options.socket, environment: environment), format: options.output)
        session.numbers = NumberReader(options.numbers)
        session.language = ReportLanguage.from(environment: environment)
        if let file = options.file {
            let fd = file == "-" ? 0 : open(file, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                Terminal.write("danvanctl: cannot read \(file): \(String(cString: strerror(errno)))\n", to: 2)
                return ExitStatus.failed.rawValue
            }
            defer { if fd != 0 { close(fd) } }
            return ScriptRunner(session: session, bail: options.bail, name: file).run(fd: fd).rawValue
        }
        if options.command.isEmpty {
            if Terminal.isTerminal(0) {
                return InteractiveShell(session: session, environment: environment).run().rawValue
            }
            return ScriptRunner(session: session, bail: options.bail, name: "stdin").run(fd: 0).rawValue
        }
        do throws(CommandFailure) {
            let invocation = try CommandRunner.parse(arguments: options.command)
            try CommandRunner.run(invocation, in: session)
            return ExitStatus.ok.rawValue
        } catch {
            session.out.flush()
            if !error.message.isEmpty { Terminal.write("danvanctl: \(error.message)\n", to: 2) }
            return error.exitStatus.rawValue
        }
    }

    /// Reads the global flags up to the command; nil when `--help` or `--version` was
    /// answered.
    static func parseOptions(_ args: [String]) throws(CommandFailure) -> Options? {
        var o = Options()
        var i = 0
        func value(_ flag: String) throws(CommandFailure) -> String {
            if let eq = args[i].firstIndex(of: "="), args[i].hasPrefix("--") {
                return String(args[i][args[i].index(after: eq)...])
            }
            guard i + 1 < args.count else { throw .usage("\(flag) needs a value; see danvanctl --help") }
            i += 1
            return args[i]
        }
        while i < args.count {
            let arg = args[i]
            let name = arg.hasPrefix("--") ? String(arg.prefix(while: { $0 != "=" })) : arg
            switch name {
            case "--socket", "-s":
                o.socket = try value("--socket")
            case "--output", "-o":
                let v = try value("--output")
                guard let f = OutputFormat(rawValue: v) else {
                    throw .usage("--output wants one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")), got '\(v)'")
                }
                o.output = f
            case "--numbers":
                o.numbers = try NumberStyle.named(try value("--numbers"), for: "--numbers")
            case "--file", "-f":
                o.file = try value("--file")
            case "--bail":
                o.bail = true
            case "--help", "-h":
                Terminal.write(HelpText.overview, to: 1)
                return nil
            case "--version":
                Terminal.write("danvanctl \(HelpText.version)\n", to: 1)
                return nil
            case "--":
                o.command = Array(args[(i + 1)...])
                return o
            default:
                if arg.hasPrefix("-"), arg != "-" {
                    throw .usage("unknown option \(arg); see danvanctl --help")
                }
                o.command = Array(args[i...])
                return o
            }
            i += 1
        }
        if o.file != nil, !o.command.isEmpty { throw .usage("give a command or -f FILE, not both") }
        return o
    }

    /// libedit and the terminal need a UTF-8 character locale for Vietnamese; use the
    /// environment's when it is UTF-8, else C.UTF-8.
    static func useUTF8Locale() {
        _ = setlocale(LC_CTYPE, "")
        if let codeset = nl_langinfo(nl_item(CODESET)), String(cString: codeset) == "UTF-8" { return }
        _ = setlocale(LC_CTYPE, "C.UTF-8")
    }
}
