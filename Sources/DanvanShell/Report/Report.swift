/// A report of a unit for a period, as the daemon answered it at one point of its log: the
/// one model that every format renders (`MarkdownReport`, `CSVReport`, `XLSXReport`,
/// `HTMLReport`), built by `ReportBuilder`.
///
/// It states what makes it reproducible: the unit, the exact days of the period the daemon
/// echoed, the boundaries view, the `asOf` seq every query was asked at, and when it was made; `report --as-of SEQ`
/// makes the same report again.
struct Report: Sendable {
    /// A period as the daemon echoed it: its name and cutoff when named, its exact days.
    struct Period: Sendable, Equatable {
        /// "2023-Q2", or nil for days given with --from/--to.
        var name: String?
        /// "calendar" or "decree09", nil for days given.
        var cutoff: String?
        /// The first day, nil when open.
        var from: String?
        /// The last day, nil when open.
        var to: String?
    }

    /// Labels and number formats.
    var language: ReportLanguage
    /// The unit's name as registered, or nil for all provinces.
    var unitName: String?
    /// The unit's code, or nil for all provinces.
    var unitCode: String?
    /// The unit's level (province, district, commune, village).
    var unitLevel: String?
    /// The period.
    var period: Period
    /// The period it is compared with (`--compare`), if any.
    var compare: Period?
    /// The boundaries view the daemon counted in: "current" (today's units, its default) or "historical".
    var boundaries = "current"
    /// The seq every query was asked at.
    var asOfSeq: Int64
    /// That event's recordedAt, nil at seq 0.
    var asOfRecordedAt: String?
    /// When the report was made, RFC 3339 UTC.
    var madeAt: String
    /// The tables, in reading order.
    var tables: [ReportTable]
    /// The charts (drawn by HTML only).
    var charts: [ReportChart]

    /// Labels in the report's language.
    var labels: ReportLabels { ReportLabels(language: language) }
    /// Numbers and dates in the report's language.
    var format: ReportFormat { ReportFormat(language: language) }

    /// The table named `name`.
    func table(_ name: String) -> ReportTable? { tables.first { $0.name == name } }

    /// The heading: "Báo cáo công tác dân vận: Bảo Yên (BY)".
    var title: String {
        labels.text(.reportTitle) + ": " + unitText
    }

    /// "Bảo Yên (BY)", or "all provinces".
    var unitText: String {
        guard let code = unitCode else { return labels.text(.allProvinces) }
        return "\(unitName ?? code) (\(code))"
    }

    /// "2023-Q2 (calendar): 01/04/2023 – 30/06/2023".
    func periodText(_ p: Period) -> String {
        let days: String
        switch (p.from, p.to) {
        case (let f?, let t?): days = "\(format.date(f)) – \(format.date(t))"
        case (let f?, nil): days = "\(labels.text(.fromDay)) \(format.date(f))"
        case (nil, let t?): days = "\(labels.text(.toDay)) \(format.date(t))"
        case (nil, nil): days = labels.text(.allDates)
        }
        guard let name = p.name else { return days }
        return "\(name) (\(labels.cutoff(p.cutoff ?? "calendar"))): \(days)"
    }

    /// What the report states about itself, as (label, value) lines: unit, period, compared
    /// period, asOf, time made.
    var facts: [(String, String)] {
        var lines: [(String, String)] = [
            (labels.text(.unit), unitText + (unitLevel.map { ", " + labels.level($0) } ?? "")),
            (labels.text(.period), periodText(period)),
        ]
        if let compare { lines.append((labels.text(.comparedWith), periodText(compare))) }
        lines.append((labels.text(.boundaries), labels.boundaries(boundaries)))
        let recorded = asOfRecordedAt.map { " (\(labels.text(.recordedAt)) \(format.time($0)))" } ?? " (\(labels.text(.beforeFirstEvent)))"
        lines.append((labels.text(.asOf), "seq \(format.number(asOfSeq))" + recorded))
        lines.append((labels.text(.madeAt), format.time(madeAt)))
        return lines
    }
}
