import DanvanClient
import DanvanJSON
import DanvanProtocol

/// `import FILE|-`: NDJSON events appended through the daemon in batches.
///
/// Resumable by design: the daemon acknowledges an event whose id is already stored as
/// a duplicate instead of storing it again, so running an interrupted import again
/// stores only what is missing. Lines without an id cannot be recognised and are
/// stored again; the help text says so.
extension CommandRunner {
    /// Members of an exported event that the daemon assigns itself; dropped on the way in.
    static let assignedMembers: Set<String> = ["seq", "version", "recordedAt", "actor"]

    static func importEvents(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        let path = invocation.words[0]
        let batchSize = Int(try invocation.integer("--batch", in: 1...10_000, numbers: session.numbers) ?? 1000)
        let maxBatchBytes = 512 << 10
        let bytes = try FileInput.read(path)
        let name = path == "-" ? "stdin" : path

        // Every line must be a JSON object before anything is sent; a spreadsheet is named as such.
        let lines = FileInput.lines(bytes)
        if let first = lines.first, (try? JSONParser.parse(first.bytes)) == nil,
           let reason = NDJSONShape.spreadsheetReason(path: path, bytes: bytes, firstLine: first.bytes) {
            throw .input(NDJSONShape.message(name, reason: reason))
        }
        var events: [(line: Int, value: JSONValue, size: Int)] = []
        for (number, line) in lines {
            let value: JSONValue
            do {
                value = try JSONParser.parse(line)
            } catch {
                throw .input("\(name):\(number): not valid JSON: \(error); nothing was sent")
            }
            guard case .object(var o) = value else {
                throw .input("\(name):\(number): each line must be an event object {type, data, id?, stream?}; nothing was sent")
            }
            o.members.removeAll { assignedMembers.contains($0.key) }
            events.append((number, .object(o), line.count))
        }

        if !session.cancellable {
            Interrupt.install()
            session.cancellable = true
        }
        let progress = ProgressBar(total: events.count, label: "import", enabled: session.stderrIsTerminal)
        var appended = 0, duplicates = 0, batches = 0, done = 0
        var firstSeq: Int64?, lastSeq: Int64?
        var start = 0
        progress.update(done: 0, force: true)
        while start < events.count {
            var end = start
            var size = 0
            while end < events.count, end - start < batchSize, end == start || size + events[end].size < maxBatchBytes {
                size += events[end].size + 1
                end += 1
            }
            let batch = events[start..<end]
            let resume = "\(appended) events stored and \(duplicates) duplicates skipped before it; run the same import again to resume (stored events are skipped as duplicates)"
            if Interrupt.isSet {
                progress.finish()
                throw CommandFailure(.cancelled, "import interrupted at line \(batch.first?.line ?? 0) of \(name): \(resume)")
            }
            let reply: Reply.Parsed
            do throws(CommandFailure) {
                reply = try session.request("append", ["events": .array(batch.map(\.value))])
            } catch {
                progress.finish()
                throw CommandFailure(error.kind, "\(error.message)\nimport stopped at line \(batch.first?.line ?? 0) of \(name): \(resume)")
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
                throw CommandFailure(.server, "\(name):\(line): \(CommandFailure.serverMessage(e))\nnothing of this batch was stored; \(resume)", serverError: e)
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
