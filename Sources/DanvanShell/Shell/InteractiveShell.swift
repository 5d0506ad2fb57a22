import DanvanClient
import DanvanJSON

#if canImport(Glibc)
import Glibc
#endif

/// The interactive shell: a prompt with line editing, history and Tab completion;
/// protocol commands as in one-shot mode; meta-commands (`\output`, `\timing`,
/// `\watch`, `\q`) kept apart by their backslash, as psql does.
public final class InteractiveShell {
    private let session: Session
    private let environment: [String: String]
    private var timing = false
    private let clock = ContinuousClock()

    /// A shell on `session`.
    public init(session: Session, environment: [String: String]) {
        self.session = session
        self.environment = environment
    }

    /// Runs until `\q` or Ctrl-D; returns the exit status (0).
    public func run() -> ExitStatus {
        Interrupt.install()
        session.cancellable = true
        session.isShell = true
        guard let editor = LineEditor(program: "danvanctl", historyPath: HistoryFile.path(environment: environment)) else {
            Terminal.write("danvanctl: cannot start line editing; running commands from stdin\n", to: 2)
            return ScriptRunner(session: session, bail: false, name: "stdin").run(fd: 0)
        }
        editor.complete = { [unowned self] line in self.completer.complete(line) }
        greet()
        while true {
            switch editor.readLine(prompt: "danvan> ") {
            case .end:
                Terminal.write("\n", to: 1)
                return .ok
            case .interrupted:
                continue
            case .line(let raw):
                let line = raw.trimmingSpaces()
                if line.isEmpty { continue }
                // Quitting is not worth recalling: the first Up of the next session
                // should bring back the last question.
                if ["\\q", "quit", "exit", "\\quit"].contains(line) { return .ok }
                editor.remember(line)
                execute(line)
            }
        }
    }

    private var completer: Completer {
        Completer(
            units: { [unowned self] in
                if let d = session.unitDirectory { return d }
                let d = try? UnitDirectory.fetch(session)
                session.unitDirectory = d
                return d
            },
            campaigns: { [unowned self] in
                if let ids = session.campaignIDs { return ids }
                let r = try? session.query("campaigns")
                let ids = (r?["campaigns"]?.arrayValue ?? []).compactMap { $0["campaign"]?.stringValue }
                session.campaignIDs = ids
                return ids
            },
            files: InteractiveShell.files)
    }

    /// The banner: who we talk to, and how to find one's way.
    private func greet() {
        var text = "danvanctl \(HelpText.version)"
        do {
            let hello = try session.call("hello")
            let version = hello["version"]?.stringValue ?? "?"
            let user = hello["user"]?.stringValue ?? "?"
            text += ", connected to danvand \(version) at \(session.socket.path) as \(user)\n"
        } catch {
            text += "\n" + "error: \(error.message)\n"
        }
        text += "Type help for the commands (Tab completes them, and unit names), \\? for shell commands, \\q to quit.\n"
        Terminal.write(text, to: 1)
    }

    /// Runs one line: a meta-command or a protocol command.
    private func execute(_ line: String) {
        Interrupt.clear()
        let started = clock.now
        if line.hasPrefix("\\") {
            meta(line)
        } else {
            runCommand(line)
        }
        if Interrupt.isSet {
            // The terminal echoed ^C on the output line; start the prompt on a fresh one.
            Terminal.write("\n", to: 1)
            Interrupt.clear()
        }
        if timing {
            let d = clock.now - started
            let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
            Terminal.write("Time: \(CommandRunner.format3(ms)) ms\n", to: 1)
        }
    }

    /// Runs a protocol command; reports a failure and returns it.
    @discardableResult
    private func runCommand(_ line: String) -> CommandFailure? {
        do throws(CommandFailure) {
            guard let invocation = try CommandRunner.parse(line: line) else { return nil }
            try CommandRunner.run(invocation, in: session)
            return nil
        } catch {
            session.out.flush()
            report(error)
            return error
        }
    }

    private func report(_ failure: CommandFailure) {
        if failure.kind == .cancelled {
            session.disconnect()
            Interrupt.clear()
            // Commands that stop midway (import) say where; others just stopped.
            Terminal.write("\n" + (failure.message.isEmpty ? "cancelled" : failure.message) + "\n", to: 2)
        } else if !failure.message.isEmpty {
            Terminal.write("error: \(failure.message)\n", to: 2)
        }
    }

    /// `\output`, `\timing`, `\watch`, `\?`.
    private func meta(_ line: String) {
        let words = Tokenizer(line).words.map(\.text)
        switch words.first ?? "" {
        case "\\?", "\\help":
            Terminal.write(HelpText.metaCommands, to: 1)
        case "\\output", "\\o":
            guard words.count > 1 else {
                let current = session.chosenFormat ?? OutputFormat.defaultFor(stdoutIsTerminal: session.stdoutIsTerminal)
                Terminal.write("output format: \(current.rawValue)\n", to: 1)
                return
            }
            guard let f = OutputFormat(rawValue: words[1]) else {
                report(.usage("\\output wants one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")), got '\(words[1])'"))
                return
            }
            session.chosenFormat = f
            Terminal.write("output format is \(f.rawValue)\n", to: 1)
        case "\\numbers":
            guard words.count > 1 else {
                Terminal.write("numbers: \(session.numbers.style.rawValue) (\(session.numbers.style.rule))\n", to: 1)
                return
            }
            do throws(CommandFailure) {
                session.numbers = NumberReader(try NumberStyle.named(words[1], for: "\\numbers"))
            } catch {
                report(error)
                return
            }
            Terminal.write("numbers are read \(session.numbers.style.rawValue): \(session.numbers.style.rule)\n", to: 1)
        case "\\lang":
            guard words.count > 1 else {
                Terminal.write("reports are in \(session.language == .vi ? "Vietnamese (vi)" : "English (en)")\n", to: 1)
                return
            }
            do throws(CommandFailure) {
                session.language = try ReportLanguage.parse(words[1], for: "\\lang")
            } catch {
                report(error)
                return
            }
            Terminal.write("reports are in \(session.language == .vi ? "Vietnamese (vi)" : "English (en)")\n", to: 1)
        case "\\timing":
            switch words.count > 1 ? words[1] : "" {
            case "on": timing = true
            case "off": timing = false
            case "": timing.toggle()
            default:
                report(.usage("\\timing takes on or off"))
                return
            }
            Terminal.write("Timing is \(timing ? "on" : "off").\n", to: 1)
        case "\\watch":
            watch(line)
        default:
            report(.usage("unknown shell command '\(words.first ?? "")'; \\? lists them"))
        }
    }

    /// `\watch SECONDS COMMAND`: runs COMMAND every SECONDS seconds until Ctrl-C or an error.
    private func watch(_ line: String) {
        let tokens = Tokenizer(line).words
        let exact = tokens.count >= 3 ? try? session.numbers.read(tokens[1].text, .decimal, label: "SECONDS") : nil
        guard let exact, let seconds = Double(exact), seconds >= 0.1, seconds <= 86_400 else {
            report(.usage("usage: \\watch SECONDS COMMAND, e.g. \\watch 5 summary LC (SECONDS from 0.1)"))
            return
        }
        let command = Tokenizer.rest(of: line, after: tokens[1])
        do throws(CommandFailure) {
            _ = try CommandRunner.parse(line: command)
        } catch {
            report(error)
            return
        }
        while true {
            Terminal.write("\(Self.timestamp())  every \(CommandRunner.format3(seconds).trimmingZeros()) s: \(command)  (Ctrl-C stops)\n\n", to: 1)
            if runCommand(command) != nil { return }
            Terminal.write("\n", to: 1)
            if !Interrupt.sleep(seconds: seconds) { return }
        }
    }

    /// Local time as "2024-05-02 14:03:07".
    static func timestamp() -> String {
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let n = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M:%S", &parts)
        return String(decoding: buffer.prefix(n).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// File names for completion: entries of the prefix's directory that start with its
    /// last component; directories end with "/".
    static func files(_ prefix: String) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let dir = slash.map { String(prefix[...$0]) } ?? ""
        let start = slash.map { String(prefix[prefix.index(after: $0)...]) } ?? prefix
        guard let handle = opendir(dir.isEmpty ? "." : dir) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." || !name.hasPrefix(start) { continue }
            if name.hasPrefix("."), !start.hasPrefix(".") { continue }
            var isDir = entry.pointee.d_type == UInt8(DT_DIR)
            if entry.pointee.d_type == UInt8(DT_UNKNOWN) || entry.pointee.d_type == UInt8(DT_LNK) {
                var st = stat()
                isDir = stat(dir + name, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
            }
            names.append(dir + name + (isDir ? "/" : ""))
        }
        return names.sorted()
    }
}

extension String {
    /// "5.000" → "5", "0.500" → "0.5".
    func trimmingZeros() -> String {
        guard contains(".") else { return self }
        var s = self
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
