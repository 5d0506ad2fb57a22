/// A command line checked against its `CommandSpec`: the command, its arguments and
/// its flags. The same parser serves argv (one-shot mode) and shell lines.
public struct Invocation: Sendable {
    /// The command.
    public var spec: CommandSpec
    /// Positional words, in order.
    public var words: [String] = []
    /// Flag values by long name; a switch has one empty value per use.
    public var flags: [String: [String]] = [:]
    /// For `raw` (and a JSON `append`): the rest of the line, verbatim.
    public var rest: String?

    /// `--output`, when given on the command.
    public var output: OutputFormat? {
        flags["--output"]?.last.flatMap(OutputFormat.init(rawValue:))
    }

    /// Whether the switch was given.
    public func has(_ name: String) -> Bool { flags[name] != nil }

    /// The last value of a flag.
    public func value(_ name: String) -> String? { flags[name]?.last }

    /// Every value of a repeatable flag.
    public func values(_ name: String) -> [String] { flags[name] ?? [] }

    /// A flag's value as an integer in `range`, read by `numbers` (so `--limit 1.000` is
    /// refused as ambiguous, not read as 1), or nil when absent.
    public func integer(_ name: String, in range: ClosedRange<Int64>, numbers: NumberReader) throws(CommandFailure) -> Int64? {
        guard let text = value(name) else { return nil }
        let n: Int64
        do {
            n = try numbers.integer(text, label: name)
        } catch {
            throw .usage(error.message)
        }
        guard range.contains(n) else {
            throw .usage("\(name) wants a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return n
    }

    /// The unit argument: every positional word, joined by spaces ("bao yen"); nil when none.
    public var unit: String? {
        words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// Parses `words` (after the command name) for `spec`. `rest` gives, for the index of a
    /// word, the verbatim text of the line from that word on (for `raw` and JSON events).
    public static func parse(
        _ spec: CommandSpec, _ arguments: [String], rest: (Int) -> String
    ) throws(CommandFailure) -> Invocation {
        var inv = Invocation(spec: spec)
        if spec.arguments == .raw {
            // Everything after the name is the request, except a leading --output.
            var i = 0
            while i + 1 < arguments.count, arguments[i] == "--output" || arguments[i] == "-o" {
                guard OutputFormat(rawValue: arguments[i + 1]) != nil else {
                    throw .usage("--output wants one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")), got '\(arguments[i + 1])'")
                }
                inv.flags["--output", default: []].append(arguments[i + 1])
                i += 2
            }
            guard i < arguments.count else { throw .usage("raw needs a JSON request, e.g. raw {\"op\":\"hello\"}\nusage: \(spec.usage)") }
            inv.rest = rest(i)
            return inv
        }
        var i = 0
        var onlyWords = false
        while i < arguments.count {
            let word = arguments[i]
            defer { i += 1 }
            if spec.arguments == .event, inv.words.isEmpty, word.hasPrefix("{") {
                inv.rest = rest(i)
                return try inv.checked()
            }
            if onlyWords || !word.hasPrefix("-") || word == "-" || isNegativeNumber(word) {
                inv.words.append(word)
                continue
            }
            if word == "--" {
                onlyWords = true
                continue
            }
            var name = word
            var attached: String?
            if let eq = word.firstIndex(of: "="), word.hasPrefix("--") {
                name = String(word[..<eq])
                attached = String(word[word.index(after: eq)...])
            }
            guard let flag = spec.flag(named: name) else {
                let known = spec.allFlags.map(\.name).joined(separator: ", ")
                throw .usage("\(spec.name) has no flag \(name); its flags are \(known)\nusage: \(spec.usage)")
            }
            var value = ""
            if let kind = flag.value {
                if let attached {
                    value = attached
                } else {
                    guard i + 1 < arguments.count else {
                        throw .usage("\(flag.name) needs a value (\(kind.placeholder))\nusage: \(spec.usage)")
                    }
                    i += 1
                    value = arguments[i]
                }
                if kind == .outputFormat, OutputFormat(rawValue: value) == nil {
                    throw .usage("\(flag.name) wants one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")), got '\(value)'")
                }
            } else if attached != nil {
                throw .usage("\(flag.name) takes no value")
            }
            if !flag.repeatable, flag.value != nil, inv.flags[flag.name] != nil, flag.name != "--output" {
                throw .usage("\(flag.name) is given twice")
            }
            inv.flags[flag.name, default: []].append(value)
        }
        return try inv.checked()
    }

    static func isNegativeNumber(_ word: String) -> Bool {
        word.count > 1 && word.hasPrefix("-") && word.dropFirst().allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
    }

    /// Checks the number of positional words.
    func checked() throws(CommandFailure) -> Invocation {
        switch spec.arguments {
        case .none:
            if let first = words.first {
                throw .usage("\(spec.name) takes no argument, got '\(first)'\nusage: \(spec.usage)")
            }
        case .one(let kind):
            if words.count != 1 {
                throw .usage("\(spec.name) needs one \(kind.placeholder)\(words.count > 1 ? ", got \(words.count) words (quote a value with spaces)" : "")\nusage: \(spec.usage)")
            }
        case .optional(let kind):
            if words.count > 1 {
                throw .usage("\(spec.name) takes at most one \(kind.placeholder), got \(words.count) words\nusage: \(spec.usage)")
            }
        case .query:
            if words.isEmpty { throw .usage("query needs a projection\nusage: \(spec.usage)") }
        case .unit, .raw, .event:
            break
        }
        return self
    }
}
