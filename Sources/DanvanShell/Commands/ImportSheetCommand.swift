import DanvanClient
import DanvanDomain
import DanvanJSON
import DanvanProtocol
import Foundation

/// `import-sheet FILE.xlsx|FILE.csv --map MAP [--type TYPE] [--sheet NAME] [--dry-run] [--skip-bad] [--replace-edited]`:
/// the rows of a spreadsheet become events of one type through a mapping file
/// (`SheetMapping`), every row checked before anything is sent.
///
/// Each row's event id is a UUIDv5 of the file's name (and sheet) and the row's data, so
/// importing the same sheet again stores nothing new: its rows come back as duplicates. A row
/// edited since is new data, so a new event. With a `key` in the mapping, each row's event goes
/// to the stream of its key (`SheetEarlierImports`), where a re-import finds the old event of
/// an edited row: it is named, and `--replace-edited` voids it in the same batch as the new one.
extension CommandRunner {
    /// A row ready to send.
    struct SheetEvent {
        /// Its row number.
        var row: Int
        /// The event.
        var event: JSONValue
        /// Its id.
        var id: String
        /// Its stream (the row's key), when the mapping has a key.
        var stream: String?
    }

    /// `import-sheet`: reads the sheet and the mapping, checks every row, then sends or lists.
    static func importSheet(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        let path = invocation.words[0]
        guard let mapPath = invocation.value("--map") else {
            throw .usage("import-sheet needs --map MAP, the file that maps columns to fields\nusage: \(invocation.spec.usage)")
        }
        let mapping = try SheetMapping.parse(try FileInput.read(mapPath), name: mapPath)
        guard let type = invocation.value("--type") ?? mapping.type else {
            throw .usage("import-sheet needs --type TYPE (or \"type\" in the mapping)\nusage: \(invocation.spec.usage)")
        }
        if let mapped = mapping.type, mapped != type {
            throw .usage("--type \(type) but the mapping \(mapPath) is for \(mapped)")
        }
        let replaceEdited = invocation.has("--replace-edited")
        if replaceEdited, mapping.key.isEmpty {
            throw .usage("--replace-edited needs \"key\" in the mapping \(mapPath): the columns that name a row (e.g. \"key\": [\"Số phiếu\"])")
        }
        let name = (path as NSString).lastPathComponent
        let bytes = try FileInput.read(path)
        let isWorkbook = bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
        let table: SheetTable
        if isWorkbook {
            table = try SheetXLSXReader.read(Data(bytes), sheet: invocation.value("--sheet"), file: name)
        } else {
            if invocation.value("--sheet") != nil { throw .usage("--sheet is for a workbook (xlsx); \(name) is CSV") }
            guard let text = String(validating: bytes, as: UTF8.self), let t = SheetCSVReader.read(text) else {
                throw .input("\(name) is not CSV in UTF-8 (nor an xlsx workbook): save it as \"CSV UTF-8\" or as xlsx")
            }
            table = t
        }
        // The sheet as the workbook names it, however --sheet was typed, so ids do not depend on it.
        let identity = name + (table.sheet.map { "#" + $0 } ?? "")
        let schema = try session.call("schema")
        let entry = try catalogueEntry(type, in: schema)
        let reader = try SheetRowReader(mapping: mapping, table: table, type: type, entry: entry, file: name)
        let unitFields = Set((entry["fields"]?.arrayValue ?? []).filter { $0["refers"]?.stringValue == "unit" }.compactMap { $0["name"]?.stringValue })
        let daemonCatalogue = try session.call("hello")["catalogue"]?.int64Value
        let check = daemonCatalogue == Int64(EventCatalogue.version)
        if !check {
            Terminal.write("danvanctl: the daemon's event catalogue is version \(daemonCatalogue.map(String.init) ?? "unknown"), this danvanctl's is \(EventCatalogue.version): rows are checked by the daemon only, batch by batch\n", to: 2)
        }
        let today = check ? (try session.call("status"))["today"]?.stringValue.flatMap(Day.init) : nil
        let headerOf = Dictionary(reader.sources.map { ($0.field, $0.header) }, uniquingKeysWith: { a, _ in a })

        var units = SheetUnitResolver(directory: try UnitDirectory.fetch(session))
        var events: [SheetEvent] = []
        var refusals: [SheetRowReader.Refusal] = []
        var keyRows: [String: Int] = [:]
        rows: for row in table.rows {
            let key = reader.key(row)
            if let key {
                if let first = keyRows[key] {
                    refusals.append(.init(row: row.number, column: mapping.key.joined(separator: ", "), reason: "the same key as row \(first): a key names one row"))
                    continue rows
                }
                keyRows[key] = row.number
            }
            var data: JSONObject
            switch reader.data(row) {
            case .failure(let refusal):
                refusals.append(refusal)
                continue rows
            case .success(let d): data = d
            }
            for field in unitFields {
                guard case .string(let typed)? = data[field] else { continue }
                let resolved = units.code(typed, session: session)
                switch resolved {
                case .success(let code): data[field] = .string(code)
                case .failure(let error):
                    guard error.kind == .server else { throw error }
                    refusals.append(.init(row: row.number, column: headerOf[field] ?? field, reason: error.message))
                    continue rows
                }
            }
            let canonical = JSONObject(data.members.sorted { $0.key < $1.key })
            let id = UUIDv5.make(name: identity + "\n" + type + "\n" + JSONWriter.string(.object(canonical)))
            let stream = key.map { SheetEarlierImports.stream(identity: identity, type: type, key: $0) }
            var event: JSONValue = ["id": .string(id), "type": .string(type), "data": .object(data)]
            if let stream, case .object(var o) = event {
                o["stream"] = .string(stream)
                event = .object(o)
            }
            if check {
                do {
                    let parsed = try BatchAdmission.parse([event])
                    if let today, let e = parsed.first { try Registry.checkOwnDate(e.data, recordedOn: today, path: e.path + ".data") }
                } catch let error as AppendRefusal {
                    refusals.append(refusal(error, row: row.number, headers: headerOf))
                    continue rows
                } catch let error as ValidationError {
                    refusals.append(refusal(.invalid(error), row: row.number, headers: headerOf))
                    continue rows
                } catch {
                    refusals.append(.init(row: row.number, column: "", reason: "\(error)"))
                    continue rows
                }
            }
            events.append(SheetEvent(row: row.number, event: event, id: id, stream: stream))
        }
        // Rows edited since an earlier import: their key's stream holds another live event.
        var replaced: [(row: Int, old: String, new: String)] = []
        if !mapping.key.isEmpty, !events.isEmpty {
            let earlier = try SheetEarlierImports.live(type: type, streams: Set(events.compactMap(\.stream)), session: session)
            for e in events {
                guard let stream = e.stream else { continue }
                for old in earlier[stream] ?? [] where old != e.id { replaced.append((e.row, old, e.id)) }
            }
        }
        func editedLine(_ r: (row: Int, old: String, new: String)) -> String {
            "\(name): row \(r.row) was edited since an earlier import: its old event \(r.old) "
                + (replaceEdited ? "is voided" : "stays (--replace-edited voids it)")
        }
        func describe(_ r: SheetRowReader.Refusal) -> String {
            "\(name): row \(r.row)\(r.column.isEmpty ? "" : ", column '\(r.column)'"): \(r.reason)"
        }
        let read = table.rows.count
        if invocation.has("--dry-run") {
            for r in refusals { session.out.write(describe(r) + "\n") }
            for r in replaced { session.out.write(editedLine(r) + "\n") }
            let edited = replaced.isEmpty ? "" : ", \(Set(replaced.map(\.row)).count) edited since an earlier import"
            session.out.write("dry run: \(read) rows read, \(events.count) would be sent, \(refusals.count) refused\(edited); nothing was stored\n")
            if !refusals.isEmpty { throw CommandFailure(.input, "") }
            return
        }
        if !refusals.isEmpty, !invocation.has("--skip-bad") {
            throw .input("\(refusals.count) of \(read) rows of \(name) are refused:\n" + refusals.map(describe).joined(separator: "\n")
                + "\nnothing was sent; fix the rows (danvanctl import-sheet --dry-run lists them), or send the good ones with --skip-bad")
        }
        var rejectedPath: String?
        if !refusals.isEmpty {
            let target = rejectedFile(path)
            try ReportOutput.write(Array(rejectedCSV(table, refusals).utf8), to: target)
            rejectedPath = target
        }
        // Each edited row's old event is voided right after its new one, in the same batch.
        var outgoing: [SheetEvent] = []
        for e in events {
            outgoing.append(e)
            guard replaceEdited else { continue }
            for r in replaced where r.new == e.id {
                let reason = "replaced by row \(r.row) of \(name), edited since it was imported (event \(r.new))"
                let voidID = UUIDv5.make(name: identity + "\nvoid\n" + r.old + "\n" + r.new)
                let void: JSONValue = ["id": .string(voidID), "type": "entry.voided", "data": ["target": .string(r.old), "reason": .string(reason)]]
                outgoing.append(SheetEvent(row: e.row, event: void, id: voidID, stream: nil))
            }
        }
        if !replaced.isEmpty, !replaceEdited {
            Terminal.write(replaced.map { "danvanctl: " + editedLine($0) + "\n" }.joined(), to: 2)
        }
        let progress = ProgressBar(total: outgoing.count, label: "import-sheet", enabled: session.stderrIsTerminal)
        var stored = 0, duplicates = 0, done = 0
        progress.update(done: 0, force: true)
        var start = 0
        while start < outgoing.count {
            let end = min(outgoing.count, start + 500)
            let batch = outgoing[start..<end]
            let r: JSONValue
            do throws(CommandFailure) {
                r = try session.call("append", ["events": .array(batch.map(\.event))])
            } catch {
                progress.finish()
                throw CommandFailure(error.kind, "\(name): rows \(batch.first?.row ?? 0)–\(batch.last?.row ?? 0): \(error.message)\n"
                    + "\(stored) events were stored before; running the same import again is safe (stored rows come back as duplicates)",
                    serverError: error.serverError)
            }
            if let f = r["firstSeq"]?.int64Value, let l = r["lastSeq"]?.int64Value { stored += Int(l - f + 1) }
            duplicates += Int(Cell.int(r["duplicates"]))
            done = end
            progress.update(done: done)
            start = end
        }
        progress.update(done: done, force: true)
        progress.finish()
        session.invalidateCaches()
        let result: JSONValue = [
            "file": .string(name), "rows": .int(read), "stored": .int(stored), "duplicates": .int(duplicates),
            "refused": .int(refusals.count), "rejectedFile": rejectedPath.map { .string($0) } ?? .null,
            "edited": .int(Set(replaced.map(\.row)).count), "voided": .int(replaceEdited ? replaced.count : 0),
        ]
        printer(invocation, session).single(result) {
            let rejected = rejectedPath.map { " (written to \($0), with the reason)" } ?? ""
            let voids = replaceEdited && !replaced.isEmpty ? " (\(NumberFormat.grouped(replaced.count)) voiding the old events of edited rows)" : ""
            return "imported \(name): \(NumberFormat.grouped(read)) rows read, \(NumberFormat.grouped(stored)) events stored\(voids), "
                + "\(NumberFormat.grouped(duplicates)) duplicates, \(NumberFormat.grouped(refusals.count)) refused\(rejected)\n"
        }
    }

    /// A refusal of the daemon's rules for a row, on the column its field came from.
    static func refusal(_ error: AppendRefusal, row: Int, headers: [String: String]) -> SheetRowReader.Refusal {
        guard case .invalid(let e) = error else { return .init(row: row, column: "", reason: "\(error)") }
        let field = e.path.components(separatedBy: ".data.").last.map { String($0.prefix { $0 != "." && $0 != "[" }) } ?? ""
        return .init(row: row, column: headers[field] ?? "", reason: e.path.contains(".data.") ? "\(field): \(e.message)" : e.message)
    }

    /// `lands.csv` → `lands.rejected.csv`, beside it.
    static func rejectedFile(_ path: String) -> String {
        let ns = path as NSString
        return ns.deletingPathExtension + ".rejected.csv"
    }

    /// The refused rows as they were, with their row number and the reason.
    static func rejectedCSV(_ table: SheetTable, _ refusals: [SheetRowReader.Refusal]) -> String {
        let byRow = Dictionary(refusals.map { ($0.row, $0) }, uniquingKeysWith: { a, _ in a })
        var out = "\u{FEFF}" + CSV.record(["row"] + table.header + ["reason"], spreadsheet: true)
        for row in table.rows {
            guard let r = byRow[row.number] else { continue }
            let reason = (r.column.isEmpty ? "" : "\(r.column): ") + r.reason
            out += CSV.record([String(row.number)] + row.cells.map(\.text) + [reason], spreadsheet: true)
        }
        return out
    }
}
