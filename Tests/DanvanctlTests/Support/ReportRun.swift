import DanvanJSON
import Foundation

/// `danvanctl report` against a test daemon, with the locale given (the language of a
/// report follows `LANG` unless `--lang` says).
extension Daemon {
    /// Runs `danvanctl --socket … ARGS` with `LANG` set (nil: unset).
    func ctl(_ arguments: [String], lang: String?) throws -> Finished {
        var env = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory()]
        if let lang { env["LANG"] = lang }
        return try run(Paths.danvanctl, ["--socket", socket] + arguments, environment: env)
    }

    /// A report expected to succeed: its standard output.
    func report(_ arguments: [String], lang: String? = nil) throws -> String {
        let r = try ctl(["report"] + arguments, lang: lang)
        guard r.status == 0 else { throw TestFailure("danvanctl report \(arguments) exited \(r.status): \(r.stderr)") }
        return r.stdout
    }

    /// A projection's result, asked with `raw` as the protocol names its parameters.
    func query(_ request: String) throws -> JSONValue {
        let raw = try json(["raw", request])
        guard let result = raw["result"] else { throw TestFailure("no result for \(request): \(raw)") }
        return result
    }
}
