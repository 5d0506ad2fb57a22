import DanvanClient

#if canImport(Glibc)
import Glibc
#endif

/// Commands read from a file or a pipe, one per line, as psql runs `-f` scripts:
/// blank lines and `#` comments are skipped; `--bail` stops at the first failure with
/// status 3 (2 when the connection is lost), otherwise every line runs and the status is
/// that of the last failing command.
public struct ScriptRunner {
    let session: Session
    let bail: Bool
    let name: String

    /// A runner; `name` labels error messages ("backup.dv:12: ...").
    public init(session: Session, bail: Bool, name: String) {
        self.session = session
        self.bail = bail
        self.name = name
    }

    /// Runs the lines read from `fd` until end of input.
    public func run(fd: Int32) -> ExitStatus {
        var status = ExitStatus.ok
        var reader = LineReader(fd: fd)
        var number = 0
        while let raw = reader.next() {
            number += 1
            let line = raw.trimmingSpaces()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if ["\\q", "quit", "exit"].contains(line) { break }
            if let failure = runLine(line) {
                session.out.flush()
                if !failure.message.isEmpty {
                    Terminal.write("danvanctl: \(name):\(number): \(failure.message)\n", to: 2)
                }
                if bail {
                    Terminal.write("danvanctl: \(name):\(number): stopped at the first error (--bail)\n", to: 2)
                    return failure.kind == .connection ? .connection : .scriptStopped
                }
                status = failure.exitStatus
            }
        }
        session.out.flush()
        return status
    }

    private func runLine(_ line: String) -> CommandFailure? {
        do throws(CommandFailure) {
            if line.hasPrefix("\\") {
                let words = Tokenizer(line).words.map(\.text)
                if words.first == "\\output" || words.first == "\\o", words.count == 2, let f = OutputFormat(rawValue: words[1]) {
                    session.chosenFormat = f
                    return nil
                }
                if words.first == "\\numbers", words.count == 2 {
                    session.numbers = NumberReader(try NumberStyle.named(words[1], for: "\\numbers"))
                    return nil
                }
                if words.first == "\\lang", words.count == 2 {
                    session.language = try ReportLanguage.parse(words[1], for: "\\lang")
                    return nil
                }
                if words.first == "\\timing" { return nil }
                throw CommandFailure.usage("'\(words.first ?? line)' is not available in scripts (only \\output FORMAT, \\numbers STYLE, \\lang vi|en and \\q)")
            }
            guard let invocation = try CommandRunner.parse(line: line) else { return nil }
            try CommandRunner.run(invocation, in: session)
            return nil
        } catch {
            return error
        }
    }
}
