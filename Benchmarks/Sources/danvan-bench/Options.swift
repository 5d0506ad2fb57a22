/// `--name value` options and bare flags, read from the command line.
struct Options {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []
    /// The subcommand (first argument).
    let command: String

    init(_ arguments: [String]) throws(BenchError) {
        command = arguments.first ?? "help"
        var i = 1
        while i < arguments.count {
            let a = arguments[i]
            guard a.hasPrefix("--") else { throw BenchError("unexpected argument '\(a)'") }
            let name = String(a.dropFirst(2))
            if i + 1 < arguments.count, !arguments[i + 1].hasPrefix("--") {
                values[name] = arguments[i + 1]
                i += 2
            } else {
                flags.insert(name)
                i += 1
            }
        }
    }

    /// A string option.
    func string(_ name: String, default value: String) -> String { values[name] ?? value }

    /// A required string option.
    func required(_ name: String) throws(BenchError) -> String {
        guard let v = values[name] else { throw BenchError("--\(name) is required") }
        return v
    }

    /// A number option.
    func double(_ name: String, default value: Double) throws(BenchError) -> Double {
        guard let text = values[name] else { return value }
        guard let v = Double(text) else { throw BenchError("--\(name) takes a number, got '\(text)'") }
        return v
    }

    /// A comma-separated list option.
    func list(_ name: String, default value: [String]) -> [String] {
        values[name].map { $0.split(separator: ",").map(String.init) } ?? value
    }

    /// Whether `--name` was given without a value.
    func flag(_ name: String) -> Bool { flags.contains(name) }
}
