/// danvan-ship's configuration file (`/etc/danvan/danvan-ship.conf`): one `key = value` a line,
/// like danvand.conf; `#` starts a comment at the start of a line or after a space; a value
/// may be wrapped in double quotes. The keys are the flags' names: `socket`, `province`,
/// `database`, `batch_size`, `log_level`. Flags given on the command line override it.
public struct ShipConfigurationFile: Sendable, Equatable {
    /// The keys a file may set.
    public static let keys = ["socket", "province", "database", "batch_size", "log_level"]

    /// The values set, by key.
    public private(set) var values: [String: String] = [:]

    /// Reads `text`; throws `ShipConfigurationError` naming the line.
    public init(text: String) throws(ShipConfigurationError) {
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(raw)
            if let hash = Self.commentStart(line) { line = line[..<hash] }
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty { continue }
            guard let eq = trimmed.firstIndex(of: "=") else {
                throw ShipConfigurationError("line \(number + 1): expected key = value, got '\(trimmed)'")
            }
            let key = String(trimmed[..<eq].trimmingSpaces)
            var value = trimmed[trimmed.index(after: eq)...].trimmingSpaces
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = value.dropFirst().dropLast() }
            guard Self.keys.contains(key) else {
                throw ShipConfigurationError("line \(number + 1): unknown key '\(key)'; the keys are \(Self.keys.joined(separator: ", "))")
            }
            values[key] = String(value)
        }
    }

    /// A `#` that starts a comment: at the start, or after a space or a tab, outside double quotes.
    private static func commentStart(_ line: Substring) -> Substring.Index? {
        var quoted = false
        var previous: Character = " "
        for i in line.indices {
            let c = line[i]
            if c == "\"" { quoted.toggle() }
            if c == "#", !quoted, previous == " " || previous == "\t" { return i }
            previous = c
        }
        return nil
    }

    /// The value of `key`, if set.
    public subscript(key: String) -> String? { values[key] }
}

/// A configuration file that cannot be used.
public struct ShipConfigurationError: Error, Equatable, CustomStringConvertible {
    /// What is wrong, and where.
    public let description: String
    /// An error.
    public init(_ description: String) { self.description = description }
}

extension Substring {
    var trimmingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return s
    }
}
