/// Dates as staff write them (`31/12/2023`, `31-12-2023`, `2023-2-5`), met where an event
/// wants `YYYY-MM-DD`: refused in danvanctl with the form to write, never rewritten, since
/// `05/06/2023` is 5 June to a Vietnamese reader and 6 May to others. A date in the right
/// form is left to the daemon, whose rules (a real date, 1900-2199, not after today) apply.
enum DateInput {
    /// Refuses `text` when it is a date in another form than `YYYY-MM-DD`, with the form to use.
    static func check(_ text: String, label: String) throws(CommandFailure) {
        let parts = text.split(omittingEmptySubsequences: false) { $0 == "/" || $0 == "-" || $0 == "." }
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == 3 else { return }
        let written = "\(label) '\(text)'"
        let rule = "dates are written YYYY-MM-DD (year, month, day: 2023-12-31)"
        if parts[0].count == 4 {
            // Year first but not zero-padded or not with '-': 2023-2-5, 2023/12/31.
            guard text != String(format: "%04d-%02d-%02d", numbers[0], numbers[1], numbers[2]) else { return }
            throw .input("\(written): \(rule); write \(String(format: "%04d-%02d-%02d", numbers[0], numbers[1], numbers[2]))")
        }
        guard parts[2].count == 4 else {
            throw .input("\(written): \(rule), with the year in four digits; nothing is guessed")
        }
        let (d, m, y) = (numbers[0], numbers[1], numbers[2])
        let dayFirst = String(format: "%04d-%02d-%02d", y, m, d)
        if m > 12 {
            // Month first, then (12/31/2023), or not a date at all.
            guard d <= 12 else { throw .input("\(written): \(rule); nothing is guessed") }
            throw .input("\(written): \(rule); write \(String(format: "%04d-%02d-%02d", y, d, m))")
        }
        if m <= 12, d <= 12, d != m {
            throw .input("\(written): \(rule); nothing is guessed: day first (as Vietnamese dates are written) it is \(dayFirst), month first \(String(format: "%04d-%02d-%02d", y, d, m))")
        }
        throw .input("\(written): \(rule); write \(dayFirst)")
    }
}
