/// What kind of value a flag or argument takes: it drives parsing, help text and, in
/// the interactive shell, what Tab offers (unit names, event types, file names...).
public enum ValueKind: Sendable, Equatable {
    /// A whole number; the string names it in help ("SEQ", "DAYS").
    case integer(String)
    /// A number of seconds, possibly fractional.
    case seconds
    /// A unit code or Vietnamese name, with or without diacritics.
    case unit
    /// A campaign id.
    case campaign
    /// An event type of the catalogue.
    case eventType
    /// A model field.
    case modelField
    /// `current` or `historical` (`Boundaries`).
    case boundaries
    /// An output format.
    case outputFormat
    /// A file path ("-" for standard input).
    case file
    /// A command name.
    case command
    /// A projection name.
    case projection
    /// One of a few words (`report --format md|html|csv|xlsx`), which Tab offers.
    case choice([String])
    /// Free text; the string names it in help.
    case text(String)

    /// The placeholder shown in usage lines.
    public var placeholder: String {
        switch self {
        case .integer(let name): return name
        case .seconds: return "SECONDS"
        case .unit: return "UNIT"
        case .campaign: return "ID"
        case .eventType: return "TYPE"
        case .modelField: return "FIELD"
        case .boundaries: return "VIEW"
        case .outputFormat: return "FORMAT"
        case .file: return "FILE"
        case .command: return "COMMAND"
        case .projection: return "PROJECTION"
        case .choice(let words): return words.joined(separator: "|")
        case .text(let name): return name
        }
    }
}

/// A command's flag.
public struct FlagSpec: Sendable {
    /// The long name with its dashes ("--year").
    public var name: String
    /// A one-letter alias ("-o"), if any.
    public var short: String?
    /// The value it takes; nil for a switch.
    public var value: ValueKind?
    /// Whether it may be given several times (`--type` of `read`).
    public var repeatable: Bool
    /// One line of help.
    public var help: String

    /// A flag.
    public init(_ name: String, short: String? = nil, _ value: ValueKind? = nil, repeatable: Bool = false, help: String) {
        self.name = name
        self.short = short
        self.value = value
        self.repeatable = repeatable
        self.help = help
    }
}

/// What a command takes after its name, besides flags.
public enum ArgumentsSpec: Sendable, Equatable {
    /// Nothing.
    case none
    /// An optional unit: every word is part of it ("summary Bảo Yên" needs no quotes).
    case unit
    /// Exactly one value.
    case one(ValueKind)
    /// At most one value.
    case optional(ValueKind)
    /// The rest of the line, verbatim (a JSON request).
    case raw
    /// A projection and `name=value` parameters.
    case query
    /// An event type and `field=value` pairs, or one JSON event.
    case event
}

/// One command: its grammar and its help. The catalogue of these drives the parser,
/// `help`, the shell's Tab completion and the bash completion, so they cannot disagree.
public struct CommandSpec: Sendable {
    /// The name typed.
    public var name: String
    /// What follows the name, for the usage line ("[UNIT] [--year YEAR]").
    public var synopsis: String
    /// One line for the command list.
    public var summary: String
    /// More about it, for `help COMMAND`.
    public var details: String
    /// Its arguments.
    public var arguments: ArgumentsSpec
    /// Its own flags (every command also takes `--output`).
    public var flags: [FlagSpec]
    /// Examples for `help COMMAND`.
    public var examples: [String]

    /// A command.
    public init(
        _ name: String, _ synopsis: String, summary: String, details: String = "",
        arguments: ArgumentsSpec = .none, flags: [FlagSpec] = [], examples: [String] = []
    ) {
        self.name = name
        self.synopsis = synopsis
        self.summary = summary
        self.details = details
        self.arguments = arguments
        self.flags = flags
        self.examples = examples
    }

    /// The flag every command takes.
    public static let outputFlag = FlagSpec(
        "--output", short: "-o", .outputFormat,
        help: "table, json, ndjson, csv (spreadsheets) or csv-keys (scripts) (default: table on a terminal, json otherwise)")

    /// Its flags and `--output`.
    public var allFlags: [FlagSpec] { flags + [Self.outputFlag] }

    /// The flag named `word` ("--year", "-o").
    public func flag(named word: String) -> FlagSpec? {
        allFlags.first { $0.name == word || ($0.short != nil && $0.short == word) }
    }

    /// "summary [UNIT] [--year YEAR]".
    public var usage: String { synopsis.isEmpty ? name : name + " " + synopsis }
}
