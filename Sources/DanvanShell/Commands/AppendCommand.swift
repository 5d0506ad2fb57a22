import DanvanProtocol
import DanvanDomain
import DanvanClient
import DanvanJSON

/// `append`: one event from `TYPE field=value ...`, from a JSON file, or from JSON
/// typed on the line.
extension CommandRunner {
    static func append(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        var event: JSONObject
        if let file = invocation.value("--file") {
            guard invocation.words.isEmpty, invocation.rest == nil else {
                throw .usage("give --file or the event on the line, not both\nusage: \(invocation.spec.usage)")
            }
            let bytes = try FileInput.read(file)
            let lines = FileInput.lines(bytes)
            if lines.count > 1, (try? JSONParser.parse(lines[0].bytes)) != nil {
                throw .input("\(file) holds \(lines.count) lines; append stores one event: use import for NDJSON files")
            }
            if let first = lines.first, (try? JSONParser.parse(first.bytes)) == nil,
               let reason = SpreadsheetFile.reason(path: file, bytes: bytes, firstLine: first.bytes) {
                throw .input(NDJSONShape.message(file, reason: reason))
            }
            event = try eventObject(bytes[...], from: file)
        } else if let text = invocation.rest {
            event = try eventObject(Array(text.utf8)[...], from: "the event")
        } else {
            guard let type = invocation.words.first else {
                throw .usage("append needs an event: TYPE FIELD=VALUE ..., --file FILE or a JSON object\nusage: \(invocation.spec.usage)")
            }
            let schema: JSONValue
            if let cached = session.schema {
                schema = cached
            } else {
                schema = try session.call("schema")
                session.schema = schema
            }
            var data = try eventData(type: type, pairs: Array(invocation.words.dropFirst()), schema: schema, numbers: session.numbers)
            try resolveUnits(&data, entry: try catalogueEntry(type, in: schema), session: session)
            event = ["type": .string(type), "data": .object(data)]
        }
        if let id = invocation.value("--id") { event["id"] = .string(id) }
        if let stream = invocation.value("--stream") { event["stream"] = .string(stream) }
        var params: JSONObject = ["events": .array([.object(event)])]
        if let v = invocation.value("--expected-version") {
            if v == "none" || v == "any" {
                params["expectedVersion"] = .string(v)
            } else {
                do {
                    params["expectedVersion"] = .int(try session.numbers.integer(v, label: "--expected-version"))
                } catch {
                    throw .usage("\(error.message); --expected-version takes a stream version, none or any")
                }
            }
        }
        let r = try session.call("append", params)
        session.invalidateCaches()
        printer(invocation, session).single(r) { InfoTables.appended(r) }
    }

    /// JSON typed on the command line (`FIELD:=JSON`, an object field), with its numbers held
    /// to the session's style (`NumberReader.checkTypedJSON`).
    static func typedJSON(_ text: String, label: String, numbers: NumberReader) throws(CommandFailure) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw .input("\(label) wants a JSON value: \(error)")
        }
        do {
            try numbers.checkTypedJSON(value, label: label)
        } catch {
            throw .input(error.message)
        }
        return value
    }

    /// What to say of a type the daemon's catalogue does not have: the type as typed, the
    /// nearest one when it is a slip, and the catalogue's types.
    static func unknownType(_ type: String, in schema: JSONValue) -> String {
        let names = (schema["types"]?.arrayValue ?? []).compactMap { $0["type"]?.stringValue }
        return "no event type '\(type)'\(NameSuggestion.hint(for: type, among: names)); the catalogue has \(names.joined(separator: ", "))"
    }

    /// The schema's entry for `type`.
    static func catalogueEntry(_ type: String, in schema: JSONValue) throws(CommandFailure) -> JSONValue {
        guard let entry = schema["types"]?.arrayValue?.first(where: { $0["type"]?.stringValue == type }) else {
            throw .usage(unknownType(type, in: schema))
        }
        return entry
    }

    /// Gives the unit fields (those the schema marks `refers: "unit"`: `unit`, `parent`) the
    /// code of the unit typed, code or name. The daemon resolves it, through the `summary`
    /// projection that resolves every query's unit, so append and queries read a name the
    /// same way from one decision in one place; a name several units share is refused with
    /// their codes, and nothing is sent.
    static func resolveUnits(_ data: inout JSONObject, entry: JSONValue, session: Session) throws(CommandFailure) {
        for field in entry["fields"]?.arrayValue ?? [] where field["refers"]?.stringValue == "unit" {
            guard let name = field["name"]?.stringValue, case .string(let typed)? = data[name] else { continue }
            let answer: JSONValue
            do throws(CommandFailure) {
                answer = try session.query("summary", ["unit": .string(typed)])
            } catch {
                throw CommandFailure(error.kind, "\(name)=\(typed) (nothing was stored): \(error.message)", serverError: error.serverError)
            }
            guard let code = answer["unit"]?["code"]?.stringValue else {
                throw CommandFailure(.connection, "\(name)=\(typed): the daemon's summary named no unit code; nothing was stored")
            }
            data[name] = .string(code)
        }
    }

    /// A JSON event object from text (a file, the line typed, one line of an import).
    static func eventObject(_ bytes: ArraySlice<UInt8>, from source: String) throws(CommandFailure) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw .input("\(source) is not valid JSON: \(error)")
        }
        guard case .object(let o) = value else {
            throw .input("\(source) must be a JSON object {type, data, id?, stream?}, got \(value.kindName)")
        }
        return o
    }

    /// The `data` object from `field=value` pairs, typed by the catalogue: decimal and
    /// integer fields become numbers read by `numbers` (never by stripping separators, which
    /// stored `1,5` as 15), object fields parse as JSON, the rest are strings.
    /// `field:=JSON` takes any JSON value as is.
    static func eventData(type: String, pairs: [String], schema: JSONValue, numbers: NumberReader) throws(CommandFailure) -> JSONObject {
        let entry = try catalogueEntry(type, in: schema)
        var kinds: [String: String] = [:]
        for f in entry["fields"]?.arrayValue ?? [] {
            if let name = f["name"]?.stringValue { kinds[name] = f["kind"]?.stringValue ?? "text" }
        }
        var data = JSONObject()
        for (i, pair) in pairs.enumerated() {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                // A word with no '=' after a FIELD=VALUE is most often the rest of a value with
                // spaces (unit=xã Sa Pả): say how to keep it together.
                let spaced = i > 0 && pairs[i - 1].contains("=") && !pair.contains("=")
                let hint = spaced ? " (a value with spaces goes in quotes: \(pairs[i - 1].prefix { $0 != "=" })=\"\(pairs[i - 1].drop { $0 != "=" }.dropFirst()) \(pair)…\")" : ""
                throw .usage("event fields are FIELD=VALUE (or FIELD:=JSON), got '\(pair)'\(hint); \(type) has \(kinds.keys.sorted().joined(separator: ", "))")
            }
            var name = String(pair[..<eq])
            let text = String(pair[pair.index(after: eq)...])
            if name.hasSuffix(":") {
                name.removeLast()
                data[name] = try typedJSON(text, label: name, numbers: numbers)
                continue
            }
            switch kinds[name] {
            case "decimal"?, "integer"?:
                do {
                    data[name] = .number(try numbers.read(text, kinds[name] == "integer" ? .whole : .decimal, label: name))
                } catch {
                    throw .input(error.message)
                }
            case "object"?:
                data[name] = try typedJSON(text, label: name, numbers: numbers)
            case "date"?:
                try DateInput.check(text, label: name)
                data[name] = .string(text)
            default:
                data[name] = .string(text)
            }
        }
        return data
    }
}
