import DanvanClient
import DanvanDomain

/// What Tab does to the line: replace the last `replace` characters (Unicode scalars,
/// as libedit counts them) before the cursor with `insertion`, and/or list candidates.
public struct Completion: Sendable, Equatable {
    /// Scalars before the cursor to delete.
    public var replace: Int
    /// Text to insert in their place.
    public var insertion: String
    /// Candidates to show under the line (when the insertion alone cannot decide).
    public var listing: [String]

    /// Nothing to do.
    public static let none = Completion(replace: 0, insertion: "", listing: [])

    /// A completion.
    public init(replace: Int, insertion: String, listing: [String]) {
        self.replace = replace
        self.insertion = insertion
        self.listing = listing
    }
}

/// Tab completion for the shell: commands, meta-commands, flags, output formats, event
/// types, model fields, projections, campaign ids, file names, and unit codes and names.
///
/// Unit names complete from what people type without diacritics: "bao y" becomes
/// "Bảo Yên"; a name several units share completes and then lists them with codes.
/// Pure logic on the text before the cursor, so it is tested without a terminal.
public struct Completer {
    /// The units (fetched lazily by the shell; empty when the daemon is down).
    public var units: () -> UnitDirectory?
    /// Campaign ids.
    public var campaigns: () -> [String]
    /// File names starting with a path prefix ("Samples/la" → ["Samples/lao-cai.ndjson"]).
    public var files: (String) -> [String]
    /// Most candidates listed at once.
    public var listLimit = 60

    /// A completer with these sources.
    public init(units: @escaping () -> UnitDirectory?, campaigns: @escaping () -> [String] = { [] },
                files: @escaping (String) -> [String] = { _ in [] }) {
        self.units = units
        self.campaigns = campaigns
        self.files = files
    }

    /// The meta-commands, as Tab offers them.
    public static let metaCommands = ["\\output", "\\numbers", "\\lang", "\\timing", "\\watch", "\\q", "\\?"]

    /// What Tab does with `line` (the text before the cursor).
    public func complete(_ line: String) -> Completion {
        let tokens = Tokenizer(line)
        var words = tokens.words
        let current: Tokenizer.Word
        if tokens.endsWithSpace && tokens.openQuote == nil {
            current = Tokenizer.Word(text: "", start: line.count)
        } else {
            current = words.removeLast()
        }
        let replace = String(line.dropFirst(current.start)).unicodeScalars.count
        func choose(_ candidates: [String], space: Bool = true) -> Completion {
            pick(candidates.filter { $0.hasPrefix(current.text) }, typed: current.text, replace: replace, space: space)
        }
        guard let first = words.first else {
            if current.text.hasPrefix("\\") { return choose(Self.metaCommands) }
            return choose(CommandCatalog.commands.map(\.name) + ["quit", "exit"] + (current.text.isEmpty ? [] : Self.metaCommands))
        }
        if first.text.hasPrefix("\\") {
            switch first.text {
            case "\\output": return words.count == 1 ? choose(OutputFormat.allCases.map(\.rawValue)) : .none
            case "\\numbers": return words.count == 1 ? choose(NumberStyle.allCases.map(\.rawValue)) : .none
            case "\\lang": return words.count == 1 ? choose(ReportLanguage.allCases.map(\.rawValue)) : .none
            case "\\timing": return words.count == 1 ? choose(["on", "off"]) : .none
            case "\\watch":
                guard words.count >= 2 else { return .none }
                let start = words.count >= 3 ? words[2].start : current.start
                return complete(String(line.dropFirst(start)))
            default: return .none
            }
        }
        guard let spec = CommandCatalog.command(first.text) else { return .none }
        let args = Array(words.dropFirst())
        if let previous = args.last, previous.text.hasPrefix("-"), let flag = spec.flag(named: previous.text), let kind = flag.value {
            return value(kind, current: current, replace: replace)
        }
        if current.text.hasPrefix("-") {
            let given = Set(args.map(\.text))
            let flags = spec.allFlags.filter { $0.repeatable || !given.contains($0.name) }.map(\.name)
            return choose(flags)
        }
        // Positional words so far (flags and their values left out).
        var positional: [Tokenizer.Word] = []
        var trailing: [Tokenizer.Word] = []
        var i = 0
        while i < args.count {
            let w = args[i]
            if w.text.hasPrefix("-"), w.text != "-" {
                trailing = []
                if let f = spec.flag(named: w.text), f.value != nil { i += 1 }
            } else {
                positional.append(w)
                trailing.append(w)
            }
            i += 1
        }
        switch spec.arguments {
        case .none, .raw:
            return .none
        case .unit:
            return unit(line: line, run: trailing, current: current)
        case .one(let kind), .optional(let kind):
            return positional.isEmpty ? value(kind, current: current, replace: replace) : .none
        case .query:
            if positional.isEmpty { return choose(Query.names) }
            return choose(["unit=", "parent=", "year=", "campaign=", "status=", "olderThanDays=", "limit=", "field="], space: false)
        case .event:
            if positional.isEmpty { return choose(EventType.allCases.map(\.rawValue)) }
            let type = positional[0].text
            let fields = EventCatalogue.fieldNames(of: type).map { $0 + "=" }
            return choose(fields, space: false)
        }
    }

    /// Completion of a flag's or argument's value.
    func value(_ kind: ValueKind, current: Tokenizer.Word, replace: Int) -> Completion {
        let typed = current.text
        func choose(_ c: [String], space: Bool = true) -> Completion {
            pick(c.filter { $0.hasPrefix(typed) }, typed: typed, replace: replace, space: space)
        }
        switch kind {
        case .outputFormat: return choose(OutputFormat.allCases.map(\.rawValue))
        case .eventType: return choose(EventType.allCases.map(\.rawValue))
        case .modelField: return choose(ModelField.allCases.map(\.rawValue))
        case .boundaries: return choose(Boundaries.allCases.map(\.rawValue))
        case .command: return choose(CommandCatalog.commands.map(\.name))
        case .projection: return choose(Query.names)
        case .choice(let words): return choose(words)
        case .campaign:
            let ids = campaigns()
            let upper = typed.uppercased()
            return pick(ids.filter { $0.uppercased().hasPrefix(upper) }, typed: typed, replace: replace, space: true)
        case .file:
            let names = files(typed)
            if names.count == 1, let only = names.first, only.hasSuffix("/") {
                return Completion(replace: replace, insertion: only, listing: [])
            }
            return pick(names, typed: typed, replace: replace, space: true, display: { n in
                String(n.split(separator: "/", omittingEmptySubsequences: false).last(where: { !$0.isEmpty }) ?? Substring(n))
                    + (n.hasSuffix("/") ? "/" : "")
            })
        case .unit:
            return unit(line: "", run: [], current: current)
        case .integer, .seconds, .text:
            return .none
        }
    }

    /// Completion of a unit given as the trailing run of words before the cursor.
    func unit(line: String, run: [Tokenizer.Word], current: Tokenizer.Word) -> Completion {
        guard let directory = units() else { return .none }
        let words = run + [current]
        let start = words.first?.start ?? current.start
        let typed = words.map(\.text).joined(separator: " ") + (current.text.isEmpty && !run.isEmpty ? " " : "")
        let replaceText = line.isEmpty ? current.text : String(line.dropFirst(start))
        let replace = replaceText.unicodeScalars.count
        let matches = directory.matches(typed)
        guard !matches.isEmpty else { return .none }
        var texts: [String] = []
        for m in matches where !texts.contains(m.text) { texts.append(m.text) }
        func listing() -> [String] {
            let width = matches.prefix(listLimit).map { DisplayWidth.of($0.unit.code) }.max() ?? 0
            var lines = matches.prefix(listLimit).map { DisplayWidth.pad($0.unit.code, to: width) + "  " + directory.describe($0.unit) }
            if matches.count > listLimit { lines.append("… and \(matches.count - listLimit) more: type more letters") }
            return lines
        }
        if texts.count == 1, let only = texts.first {
            let shared = matches.count > 1
            if only == typed.trimmingSpaces() {
                return Completion(replace: 0, insertion: shared ? "" : (typed.hasSuffix(" ") ? "" : " "), listing: shared ? listing() : [])
            }
            return Completion(replace: replace, insertion: only + (shared ? "" : " "), listing: [])
        }
        // Several: extend to what they all share, in their own spelling.
        let foldedTexts = texts.map { Array($0).map { Text.fold(String($0)) } }
        var common = 0
        if let firstText = foldedTexts.first {
            outer: while common < firstText.count {
                for t in foldedTexts where common >= t.count || t[common] != firstText[common] { break outer }
                common += 1
            }
        }
        let typedLength = Array(typed).count
        if common > typedLength {
            let prefixes = Set(texts.map { String(Array($0).prefix(common)) })
            if prefixes.count == 1, let prefix = prefixes.first {
                return Completion(replace: replace, insertion: prefix, listing: [])
            }
            let upper = Set(texts.map { String(Array($0).prefix(common)).uppercased() })
            if upper.count == 1, let prefix = upper.first, texts.allSatisfy({ $0 == $0.uppercased() }) {
                return Completion(replace: replace, insertion: prefix, listing: [])
            }
        }
        return Completion(replace: 0, insertion: "", listing: listing())
    }

    /// One candidate: insert it; several: insert their common prefix, or list them.
    func pick(_ candidates: [String], typed: String, replace: Int, space: Bool, display: (String) -> String = { $0 }) -> Completion {
        var unique: [String] = []
        for c in candidates where !unique.contains(c) { unique.append(c) }
        guard let first = unique.first else { return .none }
        if unique.count == 1 {
            return Completion(replace: replace, insertion: first + (space ? " " : ""), listing: [])
        }
        var prefix = first
        for c in unique.dropFirst() {
            while !c.hasPrefix(prefix) { prefix.removeLast() }
        }
        if prefix.count > typed.count {
            return Completion(replace: replace, insertion: prefix, listing: [])
        }
        var shown = unique.prefix(listLimit).map(display)
        if unique.count > listLimit { shown.append("… and \(unique.count - listLimit) more") }
        return Completion(replace: 0, insertion: "", listing: shown)
    }
}

extension EventCatalogue {
    /// The data fields of an event type, for completing `append TYPE field=`.
    static func fieldNames(of type: String) -> [String] {
        guard let entry = json["types"]?.arrayValue?.first(where: { $0["type"]?.stringValue == type }) else { return [] }
        return (entry["fields"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
    }
}
