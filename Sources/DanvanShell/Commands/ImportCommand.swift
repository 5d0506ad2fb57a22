import DanvanClient
import DanvanDomain
import DanvanJSON
import DanvanProtocol

/// `import FILE|- [--batch N] [--from-line N]`: NDJSON events appended through the daemon
/// in batches.
///
/// Every line is parsed and checked before anything is sent, with the daemon's own event
/// rules (`BatchAdmission.parse`, the code the daemon runs on each append, when the daemon's
/// catalogue is this danvanctl's): a bad line stores nothing. What only the daemon can see
/// (an unknown unit, a taken code) stops the import at its batch, and the message says which
/// lines were stored and the `--from-line` that goes on exactly. Ctrl-C lets the batch in
/// flight finish, so the count reported is what the daemon stored; a second Ctrl-C abandons
/// that batch and names its lines as unknown.
extension CommandRunner {
    /// Members of an exported event that the daemon assigns itself; dropped on the way in.
    static let assignedMembers: Set<String> = ["seq", "version", "recordedAt", "actor"]

    /// How many refused lines a failed check lists.
    static let listedProblems = 20

    /// One line to send.
    struct ImportLine {
        var line: Int
        var value: JSONValue
        var size: Int
        var hasID: Bool
    }

    static func importEvents(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        let path = invocation.words[0]
        let batchSize = Int(try invocation.integer("--batch", in: 1...10_000, numbers: session.numbers) ?? 1000)
        let fromLine = Int(try invocation.integer("--from-line", in: 1...Int64(Int32.max), numbers: session.numbers) ?? 1)
        let maxBatchBytes = 512 << 10
        // Ctrl-C is ours from the start: checking a large file takes seconds, and a Ctrl-C
        // then must say that nothing was sent, not kill danvanctl silently.
        if !session.cancellable {
            Interrupt.install()
            session.cancellable = true
        }
        let bytes = try FileInput.read(path)
        let name = path == "-" ? "stdin" : path
        let events: [ImportLine]
        do throws(CommandFailure) {
            events = try importLines(bytes, path: path, name: name, from: fromLine, session: session)
        } catch where error.kind == .cancelled {
            throw CommandFailure(.cancelled, "import stopped by Ctrl-C while checking \(name); nothing was sent")
        }
        let progress = ProgressBar(total: events.count, label: "import", enabled: session.stderrIsTerminal)
        var appended = 0, duplicates = 0, batches = 0, done = 0
        var firstSeq: Int64?, lastSeq: Int64?
        var start = 0
        /// What the daemon acknowledged so far, and where to go on from `next`.
        func acknowledged() -> String {
            guard done > 0 else { return "nothing of \(name) was acknowledged in this run" }
            let seqs = firstSeq.map { f in lastSeq.map { " (seqs \(f)–\($0))" } ?? "" } ?? ""
            return "lines \(fromLine)–\(events[done - 1].line) were acknowledged: \(appended) events stored\(seqs), \(duplicates) duplicates skipped"
        }
        progress.update(done: 0, force: true)
        while start < events.count {
            var end = start
            var size = 0
            while end < events.count, end - start < batchSize, end == start || size + events[end].size < maxBatchBytes {
                size += events[end].size + 1
                end += 1
            }
            let batch = events[start..<end]
            let lines = "lines \(batch.first?.line ?? 0)–\(batch.last?.line ?? 0)"
            if Interrupt.isSet {
                progress.finish()
                throw CommandFailure(.cancelled, "import stopped by Ctrl-C: \(acknowledged()); line \(batch.first?.line ?? 0) and after were not sent. "
                    + "To resume: \(resumeCommand(invocation, session, from: batch.first?.line ?? 0))")
            }
            let reply: Reply.Parsed
            do throws(CommandFailure) {
                reply = try session.requestFinishing("append", ["events": .array(batch.map(\.value))]) {
                    progress.finish()
                    Terminal.write("stopping after the batch in flight; Ctrl-C again to abandon it\n", to: 2)
                }
            } catch {
                progress.finish()
                let why = error.kind == .cancelled ? "import abandoned by a second Ctrl-C" : error.message
                let first = batch.first?.line ?? 0, last = batch.last?.line ?? 0
                let after = lastSeq.map { " (the log was at seq \($0) after the last acknowledged batch)" } ?? ""
                let safe = events[start...].allSatisfy(\.hasID)
                    ? " Every line from \(first) on has an id, so \(resumeCommand(invocation, session, from: first)) is safe either way."
                    : ""
                throw CommandFailure(error.kind, "\(why)\n\(acknowledged()); \(lines) were in flight and are unknown: "
                    + "the daemon may or may not have stored them. Check with danvanctl status or read\(after) before resuming: "
                    + "if they were stored, resume with \(resumeCommand(invocation, session, from: last + 1)); "
                    + "if not, with \(resumeCommand(invocation, session, from: first)).\(safe)")
            }
            switch reply.outcome {
            case .success(let r):
                if let f = r["firstSeq"]?.int64Value, let l = r["lastSeq"]?.int64Value {
                    firstSeq = firstSeq ?? f
                    lastSeq = l
                    appended += Int(l - f + 1)
                }
                duplicates += Int(Cell.int(r["duplicates"]))
            case .failure(let e):
                progress.finish()
                var line = batch.first?.line ?? 0
                if let p = e.details["path"]?.stringValue, let i = eventIndex(p), i < batch.count {
                    line = batch[batch.startIndex + i].line
                }
                let first = batch.first?.line ?? 0
                throw CommandFailure(
                    .server,
                    "\(name):\(line): \(CommandFailure.serverMessage(e))\nnothing of \(lines) (this batch) was stored; \(acknowledged()). "
                        + "Fix line \(line), then resume with: \(resumeCommand(invocation, session, from: first))",
                    serverError: e)
            }
            batches += 1
            done = end
            progress.update(done: done)
            start = end
        }
        progress.update(done: done, force: true)
        progress.finish()
        session.invalidateCaches()
        let seconds = progress.elapsed
        let result: JSONValue = [
            "file": .string(name), "events": .int(events.count), "appended": .int(appended), "duplicates": .int(duplicates),
            "batches": .int(batches), "firstSeq": firstSeq.map { .int($0) } ?? .null, "lastSeq": lastSeq.map { .int($0) } ?? .null,
            "seconds": .number(String(format3(seconds))),
        ]
        printer(invocation, session).single(result) {
            let rate = seconds > 0 ? Int((Double(events.count) / seconds).rounded()) : 0
            let seq = lastSeq.map { "; log now at seq \(NumberFormat.grouped($0))" } ?? ""
            return "imported \(NumberFormat.grouped(events.count)) events from \(name): \(NumberFormat.grouped(appended)) stored, "
                + "\(NumberFormat.grouped(duplicates)) duplicates skipped, in \(format3(seconds)) s (\(NumberFormat.grouped(rate)) events/s)\(seq)\n"
        }
    }

    /// The lines of the file from `from` on, each parsed and, when the daemon's catalogue is
    /// this danvanctl's, checked with the daemon's own rules; any bad line refuses the
    /// import before anything is sent, listing the first `listedProblems` of them.
    static func importLines(_ bytes: [UInt8], path: String, name: String, from: Int, session: Session) throws(CommandFailure) -> [ImportLine] {
        let lines = FileInput.lines(bytes)
        if let first = lines.first(where: { $0.number >= from }), (try? JSONParser.parse(first.bytes)) == nil,
           let reason = SpreadsheetFile.reason(path: path, bytes: bytes, firstLine: first.bytes) {
            throw .input(NDJSONShape.message(name, reason: reason))
        }
        let daemonCatalogue = try session.call("hello")["catalogue"]?.int64Value
        let check = daemonCatalogue == Int64(EventCatalogue.version)
        // The province's today, which no line's own date may pass (daemons before 2026-12-07
        // say none: the daemon alone checks dates then).
        let today = check ? (try session.call("status"))["today"]?.stringValue.flatMap(Day.init) : nil
        if !check {
            Terminal.write("danvanctl: the daemon's event catalogue is version \(daemonCatalogue.map(String.init) ?? "unknown"), this danvanctl's is \(EventCatalogue.version): lines are checked by the daemon only, batch by batch\n", to: 2)
        }
        if from > 1, let lastLine = lines.last?.number, from > lastLine {
            throw .usage("--from-line \(from) is past the end of \(name), whose last line is \(lastLine); nothing was sent")
        }
        var events: [ImportLine] = []
        var problems: [String] = []
        var refused = 0
        for (number, line) in lines where number >= from {
            if number % 1024 == 0, Interrupt.isSet {
                throw CommandFailure(.cancelled, "cancelled at line \(number)")
            }
            let problem: String
            do throws(CommandFailure) {
                var o = try eventObject(line, from: "the line")
                o.members.removeAll { assignedMembers.contains($0.key) }
                if check {
                    do {
                        let parsed = try BatchAdmission.parse([.object(o)])
                        if let today, let event = parsed.first {
                            try Registry.checkOwnDate(event.data, recordedOn: today, path: event.path + ".data")
                        }
                    } catch let error as AppendRefusal {
                        throw .input(refusal(error))
                    } catch let error as ValidationError {
                        throw .input(refusal(.invalid(error)))
                    } catch {
                        throw .input("\(error)")
                    }
                }
                events.append(ImportLine(line: number, value: .object(o), size: line.count, hasID: o["id"] != nil))
                continue
            } catch {
                problem = error.message
            }
            refused += 1
            if problems.count < listedProblems { problems.append("\(name):\(number): \(problem)") }
        }
        guard refused == 0 else {
            let more = refused > problems.count ? "\n(and \(refused - problems.count) more)" : ""
            let head = refused == 1 ? "" : "\(refused) lines of \(name) are refused:\n"
            throw .input("\(head)\(problems.joined(separator: "\n"))\(more)\nnothing was sent; fix the lines and run the import again")
        }
        return events
    }

    /// A local refusal as the daemon would word it, without the request's `events[0].`.
    static func refusal(_ error: AppendRefusal) -> String {
        switch error {
        case .invalid(let e):
            var field = e.path
            if field.hasPrefix("events[0].") { field.removeFirst("events[0].".count) }
            return "validation_failed: \(field): \(e.message)"
        case .conflict(let stream, _, _):
            return "conflict on stream \(stream)"
        }
    }

    /// The command that goes on from line `line`, as the person would type it here.
    static func resumeCommand(_ invocation: Invocation, _ session: Session, from line: Int) -> String {
        var words = session.isShell ? [] : ["danvanctl"]
        if !session.isShell, session.socket.origin == .flag { words += ["--socket", shellWord(session.socket.path)] }
        words += ["import", shellWord(invocation.words[0])]
        if let batch = invocation.value("--batch") { words += ["--batch", batch] }
        words += ["--from-line", String(line)]
        return words.joined(separator: " ")
    }

    /// `word` as the shell and sh read it back: as is when plain, else in single quotes.
    static func shellWord(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { $0.value > 0x7F || "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=+,@".unicodeScalars.contains($0) }
        return plain ? word : "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }

    /// 12 from "events[12].data.unit".
    static func eventIndex(_ path: String) -> Int? {
        guard path.hasPrefix("events["), let close = path.firstIndex(of: "]") else { return nil }
        return Int(path[path.index(path.startIndex, offsetBy: 7)..<close])
    }

    /// Seconds with three decimals, as text.
    static func format3(_ seconds: Double) -> String {
        let ms = Int((seconds * 1000).rounded())
        let frac = ms % 1000
        return "\(ms / 1000).\(frac < 10 ? "00" : frac < 100 ? "0" : "")\(frac)"
    }
}
