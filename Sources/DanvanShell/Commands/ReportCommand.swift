import DanvanJSON
import Foundation

/// `danvanctl report`: a unit's report for a period, in Markdown, HTML, CSV or a workbook.
extension CommandRunner {
    /// `report`: reads the flags, builds the report at one point of the log and writes it.
    static func report(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        let format = try ReportFileFormat.parse(invocation.value("--format") ?? "md")
        let language = try invocation.value("--lang").map { (text: String) throws(CommandFailure) -> ReportLanguage in try ReportLanguage.parse(text) } ?? session.language
        var scope = JSONObject()
        try scopeParams(invocation, session, into: &scope)
        // A year as the named period, so the answer echoes its exact days (a decree09 year
        // runs from 15 December of the year before).
        if let y = scope["year"]?.int64Value {
            scope.members.removeAll { $0.key == "year" }
            scope["period"] = .string(String(y))
        }
        guard scope["period"] != nil || scope["from"] != nil || scope["to"] != nil else {
            throw .usage("report needs a period: --period P (2023, 2023-H1, 2023-Q2, 2023-9M, 2023-05, 2020..2025), --year YEAR, or --from DATE and/or --to DATE\nusage: \(invocation.spec.usage)")
        }
        var request = ReportRequest(unit: invocation.unit, scope: scope, compare: invocation.value("--compare"), language: language)
        if let days = try invocation.integer("--older-than", in: 0...100_000, numbers: session.numbers) { request.olderThanDays = days }
        request.asOf = try asOfParam(invocation, session)
        let out = invocation.value("--out")
        if format == .xlsx, out == nil, session.stdoutIsTerminal {
            throw .usage("an xlsx workbook is binary: give --out FILE.xlsx (or redirect standard output to a file)")
        }
        // Check where it goes before asking the daemon anything.
        if let out { try ReportOutput.checkWritable(out, directory: format == .csv) }
        let report = try ReportBuilder.build(request, session: session, madeAt: Self.nowUTC())
        switch format {
        case .md: try ReportOutput.text(MarkdownReport.render(report), to: out, session: session)
        case .html: try ReportOutput.text(HTMLReport.render(report), to: out, session: session)
        case .csv:
            if let out {
                try ReportOutput.files(CSVReport.documents(report), in: out)
            } else {
                session.out.write(CSVReport.stream(report))
            }
        case .xlsx:
            let data = try XLSXReport.data(report)
            if let out {
                try ReportOutput.write([UInt8](data), to: out)
            } else {
                session.out.write(bytes: [UInt8](data))
            }
        }
    }

    /// Now, RFC 3339 in UTC to the second ("2026-12-07T23:59:59Z").
    static func nowUTC() -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: Date())
    }
}
