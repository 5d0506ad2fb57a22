/// The configuration file: `key = value` lines, `#` comments, blank lines ignored.
/// Chosen because operators edit it by hand over ssh and diff it in etckeeper.
///
/// A comment starts at a `#` that begins the line or follows a space or a tab, and runs to
/// the end of the line, so `max_connections = 10  # for the pilot` is `10`. A `#` inside a
/// word (`socket = /srv/a#1/danvand.sock`) or between double quotes is part of the value:
/// no key's value (sizes, modes, levels, principals, paths) needs a `#` after a blank, and a
/// path that does is written in quotes. danvand.conf(5) documents this rule. Both start-up
/// and `systemctl reload` read the file through this parser.
public struct ConfigFile: Sendable, Hashable {
    /// One setting.
    public struct Entry: Sendable, Hashable {
        /// Key.
        public var key: String
        /// Value, trimmed, without surrounding quotes.
        public var value: String
        /// 1-based line number, for errors.
        public var line: Int
    }

    /// Settings in file order.
    public var entries: [Entry]

    /// Parses the text of a file.
    public init(parsing text: String) throws(ConfigError) {
        var entries: [Entry] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = Self.withoutComment(raw).trimmingCharacters()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw ConfigError(line: i + 1, "expected 'key = value', got '\(line)'")
            }
            let key = String(line[..<eq]).trimmingCharacters()
            var value = String(line[line.index(after: eq)...]).trimmingCharacters()
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            guard !key.isEmpty else { throw ConfigError(line: i + 1, "missing key before '='") }
            entries.append(Entry(key: key, value: value, line: i + 1))
        }
        self.entries = entries
    }

    /// `line` up to its comment (see the type's documentation), or all of it.
    static func withoutComment(_ line: Substring) -> Substring {
        var quoted = false
        var previous: Character = " "
        for index in line.indices {
            let c = line[index]
            if c == "\"" { quoted.toggle() }
            if c == "#", !quoted, previous == " " || previous == "\t" { return line[..<index] }
            previous = c
        }
        return line
    }

    /// `64M`, `1G`, `4096` → bytes (or a plain count).
    public static func parseSize(_ text: String) -> Int? {
        var digits = text.replacingUnderscores()
        var multiplier = 1
        if let last = digits.last, "KMG".contains(last.uppercased()) {
            multiplier = last.uppercased() == "K" ? 1 << 10 : last.uppercased() == "M" ? 1 << 20 : 1 << 30
            digits.removeLast()
        }
        guard let n = Int(digits), n >= 0 else { return nil }
        let (v, overflow) = n.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : v
    }
}

/// A configuration file the daemon cannot use; names the line.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    /// 1-based line, 0 when the file itself is the problem.
    public var line: Int
    /// What to fix.
    public var message: String

    /// Creates an error.
    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}

extension StringProtocol {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }

    func replacingUnderscores() -> String { String(filter { $0 != "_" }) }
}
