import DanvanClient
import DanvanJSON

/// The commands that read the log: `read`, `export`, `follow`.
extension CommandRunner {
    static func readParams(_ invocation: Invocation, from: Int64?, limit: Int64) -> JSONObject {
        var p = JSONObject()
        if let from { p["fromSeq"] = .int(from) }
        p["limit"] = .int(limit)
        let types = invocation.values("--type")
        if !types.isEmpty { p["types"] = .array(types.map { .string($0) }) }
        if let stream = invocation.value("--stream") { p["stream"] = .string(stream) }
        return p
    }

    static func read(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        let from = try invocation.integer("--from", in: 0...Int64.max, numbers: session.numbers)
        let limit = try invocation.integer("--limit", in: 1...10_000, numbers: session.numbers) ?? 100
        let r = try session.call("read", readParams(invocation, from: from, limit: limit))
        let events = r["events"]?.arrayValue ?? []
        let next = Cell.int(r["nextSeq"]), last = Cell.int(r["lastSeq"])
        let footer = "\(Cell.plural(Int64(events.count), "event")) (log at seq \(NumberFormat.grouped(last)))"
        // The next page is the same command from the next seq: its filters and limit kept.
        var again = ["read", "--from", String(next)]
        if let l = invocation.value("--limit") { again += ["--limit", l] }
        for t in invocation.values("--type") { again += ["--type", t] }
        if let s = invocation.value("--stream") { again += ["--stream", s] }
        let more = next <= last ? "; next: \(again.joined(separator: " "))" : ""
        printer(invocation, session).list(
            r, items: events, cut: more.isEmpty ? nil : footer + more,
            csv: (EventTables.csvHeader, { events.map(EventTables.csvFields) }),
            table: { EventTables.table(events) + footer + more + "\n" })
    }

    /// Writes one event in a streaming format (export, follow).
    static func stream(_ event: JSONValue, format: OutputFormat, to out: OutputStream) {
        switch format {
        case .json, .ndjson: out.write(JSONWriter.string(event) + "\n")
        case .csv, .csvKeys: out.write(CSV.record(EventTables.csvFields(event), spreadsheet: format == .csv))
        case .table: out.write(EventTables.streamLine(event))
        }
    }

    static func streamHeading(_ format: OutputFormat, to out: OutputStream) {
        switch format {
        case .csv, .csvKeys: out.write(CSVHeader.heading(EventTables.csvHeader, format: format))
        case .table: out.write(EventTables.streamHeading)
        case .json, .ndjson: break
        }
    }

    /// Every event from `--from` up to the last one stored when export started, in pages.
    static func export(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        let format = session.format(for: invocation, fallback: .ndjson)
        var next = try invocation.integer("--from", in: 0...Int64.max, numbers: session.numbers) ?? 1
        var end: Int64?
        streamHeading(format, to: session.out)
        while true {
            if session.cancellable, Interrupt.isSet { throw CommandFailure(.cancelled, "export interrupted at seq \(next)") }
            let r = try session.call("read", readParams(invocation, from: next, limit: 10_000))
            let last = end ?? Cell.int(r["lastSeq"])
            end = last
            for e in r["events"]?.arrayValue ?? [] {
                if Cell.int(e["seq"]) > last { break }
                stream(e, format: format, to: session.out)
            }
            let n = Cell.int(r["nextSeq"])
            if n > last || n <= next { break }
            next = n
        }
    }

    /// Prints events as they are stored, until Ctrl-C: through `subscribe` when the daemon
    /// has it, else by polling `read`.
    static func follow(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        let format = session.format(for: invocation, fallback: session.stdoutIsTerminal ? .table : .ndjson)
        let interval = try seconds(invocation.value("--interval"), default: 0.5, numbers: session.numbers)
        if !session.cancellable {
            Interrupt.install()
            session.cancellable = true
        }
        do throws(CommandFailure) {
            let ops = invocation.has("--poll") ? [] : (try session.call("hello"))["ops"]?.arrayValue?.compactMap(\.stringValue) ?? []
            if ops.contains("subscribe") {
                try followSubscription(invocation, session, format: format)
                return
            }
            var next: Int64
            if let from = try invocation.integer("--from", in: 0...Int64.max, numbers: session.numbers) {
                next = from
            } else {
                let r = try session.call("read", ["fromSeq": .int(Int64.max), "limit": 1])
                next = Cell.int(r["lastSeq"]) + 1
            }
            streamHeading(format, to: session.out)
            session.out.flush()
            while !Interrupt.isSet {
                let r = try session.call("read", readParams(invocation, from: next, limit: 1000))
                let events = r["events"]?.arrayValue ?? []
                for e in events { stream(e, format: format, to: session.out) }
                session.out.flush()
                next = max(next, Cell.int(r["nextSeq"]))
                if events.isEmpty, !Interrupt.sleep(seconds: interval) { break }
            }
        } catch {
            guard error.kind == .cancelled else { throw error }
            session.disconnect()
        }
        session.out.flush()
    }

    /// `follow` through the daemon's `subscribe` operation: events are pushed as they
    /// become durable. A subscription ended by the daemon for lagging (`too_slow`) is
    /// resumed where it stopped; `--stream` is filtered here, as `subscribe` has no such
    /// parameter.
    static func followSubscription(_ invocation: Invocation, _ session: Session, format: OutputFormat) throws(CommandFailure) {
        var from = try invocation.integer("--from", in: 1...Int64.max, numbers: session.numbers)
        let types = invocation.values("--type")
        let stream = invocation.value("--stream")
        streamHeading(format, to: session.out)
        session.out.flush()
        while true {
            var params = JSONObject()
            if let from { params["fromSeq"] = .int(from) }
            if !types.isEmpty { params["types"] = .array(types.map { .string($0) }) }
            let ended = try session.subscribe(params) { event in
                if let seq = event["seq"]?.int64Value { from = seq + 1 }
                if let stream, event["stream"]?.stringValue != stream { return }
                CommandRunner.stream(event, format: format, to: session.out)
                session.out.flush()
            }
            guard let resume = ended.details["resumeFrom"]?.int64Value else {
                throw CommandFailure(.server, CommandFailure.serverMessage(ended), serverError: ended)
            }
            from = resume
        }
    }

    /// The `--interval` of `follow`: a positive number of seconds, read by `numbers`.
    static func seconds(_ text: String?, default value: Double, numbers: NumberReader) throws(CommandFailure) -> Double {
        guard let text else { return value }
        let exact: String
        do {
            exact = try numbers.read(text, .decimal, label: "--interval")
        } catch {
            throw .usage(error.message)
        }
        guard let s = Double(exact), s >= 0.05, s <= 86_400 else {
            throw .usage("--interval wants a number of seconds from 0.05 to 86400, got '\(text)'")
        }
        return s
    }
}
