import DanvanClient

/// The help texts: `danvanctl --help`, `help`, `help COMMAND`, `\?`.
public enum HelpText {
    /// The program's version.
    public static let version = "0.1.0"

    /// `danvanctl --help`: usage, commands, global options, exit status, files.
    public static var overview: String {
        """
        danvanctl: the danvan admin shell. Ask danvand for figures, read and append events, import and export.

        Usage:
          danvanctl [OPTIONS]                  interactive shell (on a terminal), else run the commands read from stdin
          danvanctl [OPTIONS] COMMAND [ARGS]   run one command and exit
          danvanctl [OPTIONS] -f FILE          run the commands in FILE, one per line

        \(commandList)

        Options:
          --socket PATH        danvand's socket (default: $DANVAN_SOCKET, else \(SocketPath.system) if it exists,
                               else \(SocketPath.local))
          -o, --output FORMAT  table, json, ndjson, csv (spreadsheets) or csv-keys (scripts)
                               (default: table on a terminal, json otherwise);
                               json prints the protocol's own result
          --numbers STYLE      how typed numbers are written: plain (default: 1200, 1200.5, 1_200.5; a comma
                               or 1.200 is refused as ambiguous), vi (1.200,5) or en (1,200.5)
          -f, --file FILE      run the commands in FILE (one per line, # starts a comment)
          --bail               in a script, stop at the first failing command (exit status 3)
          -h, --help           this help; 'danvanctl help COMMAND' for one command
          --version            the version

        Units are given by code (BY) or by Vietnamese name, with or without diacritics, in any case:
        'summary Bảo Yên', 'summary bao yen' and 'summary BAO YEN' are the same question.

        \(ExitStatus.documentation)

        Files:
          ~/.local/state/danvan/history   the shell's history ($XDG_STATE_HOME/danvan/history when set)

        Examples:
          danvanctl summary LC --year 2023
          danvanctl --output json summary LC --year 2023 | jq .landDonatedM2
          danvanctl units bao yen
          danvanctl opinions --open --older-than 30
          danvanctl export > backup.ndjson && danvanctl import backup.ndjson
        """ + "\n"
    }

    /// The commands with their one-line summaries.
    public static var commandList: String {
        let width = CommandCatalog.commands.map { $0.name.count }.max() ?? 0
        var lines = ["Commands:"]
        for c in CommandCatalog.commands {
            lines.append("  " + c.name.padding(to: width) + "  " + c.summary)
        }
        return lines.joined(separator: "\n")
    }

    /// The shell's meta-commands.
    public static var metaCommands: String {
        """
        Shell commands:
          \\output [FORMAT]          show or set the output format (table, json, ndjson, csv, csv-keys)
          \\numbers [plain|vi|en]   how typed numbers are read: plain 1200.5, vi 1.200,5, en 1,200.5
          \\lang [vi|en]            the language of reports (default: vi when LANG is vi_VN.*)
          \\timing [on|off]          show how long each command takes
          \\watch SECONDS COMMAND    run COMMAND every SECONDS seconds until Ctrl-C
          \\q                        quit (also Ctrl-D, quit, exit)
          \\?                        this list
        Tab completes commands, flags, unit codes and names, campaign ids and event types.
        Ctrl-C cancels the running command or \\watch; history is kept across sessions.
        """ + "\n"
    }

    /// `help` in the shell.
    public static var shellOverview: String {
        commandList + "\n\n'help COMMAND' for details; every command takes --output FORMAT.\n\n" + metaCommands
    }

    /// `help COMMAND`.
    public static func command(_ spec: CommandSpec) -> String {
        var out = "usage: \(spec.usage)\n\n\(wrap(spec.summary.prefix(1).uppercased() + spec.summary.dropFirst() + "."))\n"
        if !spec.details.isEmpty { out += "\n" + wrap(spec.details) + "\n" }
        let flags = spec.allFlags
        let width = flags.map { flagLabel($0).count }.max() ?? 0
        out += "\nFlags:\n"
        for f in flags { out += "  " + flagLabel(f).padding(to: width) + "  " + f.help + "\n" }
        if !spec.examples.isEmpty {
            out += "\nExamples:\n"
            for e in spec.examples { out += "  \(e)\n" }
        }
        return out
    }

    static func flagLabel(_ f: FlagSpec) -> String {
        let names = (f.short.map { "\($0), " } ?? "") + f.name
        return f.value.map { names + " " + $0.placeholder } ?? names
    }

    /// `text` wrapped at `width` columns.
    static func wrap(_ text: String, width: Int = 88) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, DisplayWidth.of(line) + 1 + DisplayWidth.of(String(word)) > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}

extension CommandRunner {
    static func help(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        if let name = invocation.words.first {
            guard let spec = CommandCatalog.command(name) else { throw unknownCommand(name) }
            session.out.write(HelpText.command(spec))
        } else {
            session.out.write(session.isShell ? HelpText.shellOverview : HelpText.overview)
        }
    }
}

extension String {
    /// Padded with spaces to `width` display columns.
    func padding(to width: Int) -> String { DisplayWidth.pad(self, to: width) }
}
