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
                if words.first == "\\timing" { return nil }
                throw CommandFailure.usage("'\(words.first ?? line)' is not available in scripts (only \\output FORMAT and \\q)")
            }
            guard let invocation = try CommandRunner.parse(line: line) else { return nil }
            try CommandRunner.run(invocation, in: session)
            return nil
        } catch {
            return error
        }
    }
}

/// Lines from a file descriptor as they arrive, so a script can be piped in slowly.
struct LineReader {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var done = false

    init(fd: Int32) { self.fd = fd }

    /// The next line without its newline, nil at the end.
    mutating func next() -> String? {
        while true {
            if let nl = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<nl], as: UTF8.self)
                buffer.removeSubrange(...nl)
                return line
            }
            if done {
                guard !buffer.isEmpty else { return nil }
                let line = String(decoding: buffer, as: UTF8.self)
                buffer.removeAll()
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 1 << 14)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { done = true; continue }
            buffer.append(contentsOf: chunk[..<n])
        }
    }
}
