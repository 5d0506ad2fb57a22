/// The language of a report's labels and of its numbers and dates (`report --lang`, and for
/// every report of a session the shell's `\lang`).
public enum ReportLanguage: String, Sendable, CaseIterable {
    /// Vietnamese: "Diện tích đất hiến", `649.003`, `283,75`, `98,7%`, `31/12/2023`.
    case vi
    /// English: "Land donated", `649,003`, `283.75`, `98.7%`, `31/12/2023`.
    case en

    /// Vietnamese when the locale the person runs in is Vietnamese (`LC_ALL`, then
    /// `LC_MESSAGES`, then `LANG`, as POSIX orders them: `vi_VN.UTF-8`, `vi`), English otherwise.
    public static func from(environment: [String: String]) -> ReportLanguage {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        return locale == "vi" || locale.hasPrefix("vi_") || locale.hasPrefix("vi.") ? .vi : .en
    }

    /// The value of `--lang` (or of the shell's `\lang`), or the usage error that names the languages.
    static func parse(_ text: String, for flag: String = "--lang") throws(CommandFailure) -> ReportLanguage {
        guard let language = ReportLanguage(rawValue: text) else {
            throw .usage("\(flag) wants vi or en, got '\(text)'")
        }
        return language
    }
}
