/// What a report says about itself, as a table of its own (the first CSV file, the first
/// sheet): unit, period and its exact days, the compared period, the `asOf` seq and when it
/// was made, so a spreadsheet that travels alone still says what it holds.
extension Report {
    /// The facts, one row each: a label in the report's language, a stable key, a value.
    var aboutTable: ReportTable {
        let l = labels
        var table = ReportTable(name: "report", title: l.text(.reportTitle), columns: [
            .init(key: "item", title: l.text(.figure)),
            .init(key: "key", title: language == .vi ? "Khóa" : "Key", forPeople: false),
            .init(key: "value", title: l.text(.value)),
        ])
        func row(_ label: String, _ key: String, _ value: ReportValue) {
            table.rows.append(.init(kind: .item, cells: [.text(label), .text(key), value]))
        }
        row(l.text(.unit), "unit", .text(unitText))
        row(l.text(.code), "unitCode", .text(maybe: unitCode))
        row(l.text(.period), "period", .text(maybe: period.name))
        row(l.text(.period) + " (cutoff)", "cutoff", .text(maybe: period.cutoff))
        row(l.text(.fromDay), "from", period.from.map { .date($0) } ?? .empty)
        row(l.text(.toDay), "to", period.to.map { .date($0) } ?? .empty)
        if let compare {
            row(l.text(.comparedWith), "comparePeriod", .text(maybe: compare.name))
            row(l.text(.comparedWith) + ": " + l.text(.fromDay), "compareFrom", compare.from.map { .date($0) } ?? .empty)
            row(l.text(.comparedWith) + ": " + l.text(.toDay), "compareTo", compare.to.map { .date($0) } ?? .empty)
        }
        row(l.text(.boundaries), "boundaries", .text(boundaries))
        row(l.text(.asOf) + " (seq)", "asOfSeq", .number(String(asOfSeq)))
        row(l.text(.recordedAt), "asOfRecordedAt", .text(maybe: asOfRecordedAt))
        row(l.text(.madeAt), "madeAt", .text(madeAt))
        return table
    }
}
