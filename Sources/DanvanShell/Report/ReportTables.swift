import DanvanJSON

/// The tables of a report, each from the daemon's answers: the unit's figures (beside
/// another period's, with the change), its children side by side with the total, the
/// campaigns and their progress, the open opinions, the models by field, coverage, the models.
enum ReportTables {
    /// Every figure of `summary`, in the daemon's order, flattened ("works.road.lengthKm"):
    /// figures the daemon adds later appear too, under their key until they have a label.
    static func figures(_ summary: JSONValue, compared: JSONValue?, labels: ReportLabels) -> ReportTable {
        var columns = [col("figure", labels.text(.figure)), ReportTable.Column(key: "key", title: labels.language == .vi ? "Khóa" : "Key", forPeople: false), col("value", labels.text(.value))]
        if compared != nil {
            columns += [col("compared", labels.text(.comparedWith)), col("change", labels.text(.change))]
        }
        var table = ReportTable(name: "figures", title: labels.text(.figuresTable), columns: columns)
        for (key, value) in leaves(summary, skipping: ReportBuilder.echoKeys) {
            let rate = isRate(key)
            var cells: [ReportValue] = [.text(labels.figure(key)), .text(key), rate ? .percent(json: value) : .number(json: value)]
            if let compared {
                let other = leaf(compared, key)
                cells.append(rate ? .percent(json: other) : .number(json: other))
                cells.append(change(from: other, to: value, rate: rate))
            }
            table.rows.append(.init(kind: .item, cells: cells))
        }
        return table
    }

    /// The figures of the children, side by side: one row per child, the parent's own events
    /// when it has any, and the total (which they add up to, from the daemon's one read).
    static func units(_ units: JSONValue, labels: ReportLabels) -> ReportTable {
        let keys = ["landDonatedM2", "donorHouseholds", "fundsVnd", "workdays", "works.road.lengthKm",
                    "dialogues.held", "opinions.received", "opinions.answered", "opinions.answeredRate", "models.total"]
        return childTable("units", labels.text(.unitsTable), units, keys: keys, labels: labels)
    }

    /// Model coverage by child: communes, communes with a model, the rate.
    static func coverage(_ units: JSONValue, labels: ReportLabels) -> ReportTable {
        childTable("coverage", labels.text(.coverageTable), units,
                   keys: ["models.total", "models.communes", "models.communesWithModels", "models.adoptionRate"], labels: labels)
    }

    /// A table of `keys` for each child of a `units` answer, then the parent's own row (when it
    /// holds anything) and the total.
    static func childTable(_ name: String, _ title: String, _ units: JSONValue, keys: [String], labels: ReportLabels) -> ReportTable {
        var table = ReportTable(
            name: name, title: title,
            columns: [col("unit", labels.text(.unit)), col("code", labels.text(.code))] + keys.map { col($0, labels.figure($0)) })
        func cells(_ figures: JSONValue) -> [ReportValue] {
            keys.map { isRate($0) ? .percent(json: leaf(figures, $0)) : .number(json: leaf(figures, $0)) }
        }
        for row in units["units"]?.arrayValue ?? [] {
            table.rows.append(.init(kind: .item, cells: [.text(json: row["unit"]?["name"]), .text(json: row["unit"]?["code"])] + cells(row)))
        }
        let parent = units["parent"]
        if let own = units["own"], case .object = own, hasAny(own) {
            let name = parent?["name"]?.stringValue ?? ""
            let label = labels.language == .vi ? "Trực tiếp tại \(name)" : "At \(name) itself"
            table.rows.append(.init(kind: .own, cells: [.text(label), .text(json: parent?["code"])] + cells(own)))
        }
        if let total = units["total"], case .object = total {
            table.rows.append(.init(kind: .total, cells: [.text(labels.text(.total)), .text(json: parent?["code"])] + cells(total)))
        }
        return table
    }

    /// The period month by month: each month's land, funds, workdays and opinions, and land
    /// and funds to date (summed exactly), from one `summary` per month.
    static func months(_ months: [(ReportMonths.Window, JSONValue)], decree09: Bool, labels: ReportLabels) -> ReportTable {
        let keys = ["landDonatedM2", "fundsVnd", "workdays", "opinions.received", "opinions.answered"]
        let toDate = labels.text(.cumulative)
        var table = ReportTable(
            name: "months", title: labels.text(.monthsTable),
            // The days are for programs (CSV, workbooks); people read the month, and the note says how it is cut.
            columns: [col("month", labels.text(.month)), .init(key: "from", title: labels.text(.fromDay), forPeople: false),
                      .init(key: "to", title: labels.text(.toDay), forPeople: false)]
                + keys.map { col($0, labels.figure($0)) }
                + [col("landDonatedM2.toDate", labels.figure("landDonatedM2") + ", " + toDate),
                   col("fundsVnd.toDate", labels.figure("fundsVnd") + ", " + toDate)])
        var land = ExactDecimal(units: 0, scale: 0), funds = ExactDecimal(units: 0, scale: 0)
        for (window, figures) in months {
            if let l = Cell.numberText(figures["landDonatedM2"]).flatMap(ExactDecimal.init) { land = land.plus(l) }
            if let f = Cell.numberText(figures["fundsVnd"]).flatMap(ExactDecimal.init) { funds = funds.plus(f) }
            table.rows.append(.init(kind: .item, cells: [.text(window.label), .date(window.from), .date(window.to)]
                + keys.map { .number(json: leaf(figures, $0)) } + [.number(land.text), .number(funds.text)]))
        }
        if decree09 {
            table.note = labels.language == .vi
                ? "Tháng theo Nghị định 09/2019/NĐ-CP: từ ngày 15 tháng trước đến ngày 14 tháng báo cáo."
                : "Months as Decree 09/2019 cuts them: from the 15th of the month before to the 14th."
        }
        return table
    }

    /// The campaigns running in the period, with what was contributed in it.
    static func campaigns(_ r: JSONValue, labels: ReportLabels) -> ReportTable {
        var table = ReportTable(name: "campaigns", title: labels.text(.campaignsTable), columns: [
            col("campaign", labels.text(.campaign)), col("title", labels.text(.title)), col("kind", labels.text(.kind)),
            col("unit", labels.text(.unit)), col("startedOn", labels.text(.startedOn)), col("closedOn", labels.text(.closedOn)),
            col("status", labels.text(.status)), col("landDonatedM2", labels.figure("landDonatedM2")),
            col("fundsVnd", labels.figure("fundsVnd")), col("workdays", labels.figure("workdays")),
        ])
        for c in r["campaigns"]?.arrayValue ?? [] {
            let totals = c["totals"]
            table.rows.append(.init(kind: .item, cells: [
                .text(json: c["campaign"]), .text(json: c["title"]), .text(maybe: c["kind"]?.stringValue.map(labels.campaignWord)),
                .text(json: c["unit"]?["name"]), .date(json: c["startedOn"]), .date(json: c["closedOn"]),
                .text(maybe: c["status"]?.stringValue.map(labels.campaignWord)),
                .number(json: totals?["landDonatedM2"]), .number(json: totals?["fundsVnd"]), .number(json: totals?["workdays"]),
            ]))
        }
        return table
    }

    /// Each campaign's targets: what was planned, achieved by the period's end, the ratio.
    static func progress(_ r: JSONValue, labels: ReportLabels) -> ReportTable {
        var table = ReportTable(name: "progress", title: labels.text(.progressTable), columns: [
            col("campaign", labels.text(.campaign)), col("target", labels.text(.target)), col("targetValue", labels.text(.targetValue)),
            col("achieved", labels.text(.achieved)), col("ratio", labels.text(.ratio)),
        ])
        for c in r["campaigns"]?.arrayValue ?? [] {
            for (target, p) in c["progress"]?.objectValue?.members ?? [] {
                table.rows.append(.init(kind: .item, cells: [
                    .text(json: c["campaign"]), .text(labels.target(target)), .number(json: p["target"]), .number(json: p["achieved"]), .percent(json: p["ratio"]),
                ]))
            }
        }
        return table
    }

    /// The open opinions older than `olderThanDays`, oldest first, with unit, date and text.
    static func opinions(_ r: JSONValue, olderThanDays: Int64, labels: ReportLabels) -> ReportTable {
        let format = ReportFormat(language: labels.language)
        let title = labels.text(.opinionsTable) + (labels.language == .vi
            ? " quá \(format.number(olderThanDays)) ngày" : ", older than \(format.number(olderThanDays)) days")
        var table = ReportTable(name: "opinions", title: title, columns: [
            col("unit", labels.text(.unit)), col("heldOn", labels.text(.heldOn)), col("ageDays", labels.text(.ageDays)),
            col("topic", labels.text(.topic)), col("text", labels.text(.text)),
        ])
        let listed = r["opinions"]?.arrayValue ?? []
        for o in listed {
            table.rows.append(.init(kind: .item, cells: [
                .text(json: o["unit"]?["name"]), .date(json: o["heldOn"]), .number(json: o["ageDays"]), .text(json: o["topic"]), .text(json: o["text"]),
            ]))
        }
        if r["truncated"]?.boolValue == true {
            let count = r["count"]?.int64Value ?? 0
            table.note = labels.language == .vi
                ? "Danh sách chỉ nêu \(format.number(Int64(listed.count))) trong số \(format.number(count)) ý kiến."
                : "Only the first \(format.number(Int64(listed.count))) of \(format.number(count)) opinions are listed."
        }
        return table
    }

    /// The models by field, from `summary`.
    static func fields(_ summary: JSONValue, labels: ReportLabels) -> ReportTable {
        var table = ReportTable(name: "fields", title: labels.text(.fieldsTable), columns: [
            col("field", labels.text(.field)), ReportTable.Column(key: "key", title: labels.language == .vi ? "Khóa" : "Key", forPeople: false), col("models", labels.text(.models)),
        ])
        for (field, n) in summary["models"]?["byField"]?.objectValue?.members ?? [] {
            table.rows.append(.init(kind: .item, cells: [.text(labels.field(field)), .text(field), .number(json: n)]))
        }
        table.rows.append(.init(kind: .total, cells: [.text(labels.text(.total)), .empty, .number(json: summary["models"]?["total"])]))
        return table
    }

    /// The models registered in the period.
    static func models(_ r: JSONValue, labels: ReportLabels) -> ReportTable {
        var table = ReportTable(name: "models", title: labels.text(.modelsTable), columns: [
            col("model", labels.text(.model)), col("title", labels.text(.title)), col("field", labels.text(.field)),
            col("unit", labels.text(.unit)), col("registeredOn", labels.text(.registeredOn)),
        ])
        for m in r["models"]?.arrayValue ?? [] {
            table.rows.append(.init(kind: .item, cells: [
                .text(json: m["model"]), .text(json: m["title"]), .text(maybe: m["field"]?.stringValue.map(labels.field)),
                .text(json: m["unitName"] ?? m["unit"]), .date(json: m["registeredOn"]),
            ]))
        }
        return table
    }

    // MARK: - Helpers

    /// A column.
    static func col(_ key: String, _ title: String) -> ReportTable.Column { .init(key: key, title: title) }

    /// Whether a figure is a rate (a fraction shown as a percentage).
    static func isRate(_ key: String) -> Bool { key.hasSuffix("Rate") || key.hasSuffix("ratio") }

    /// The number leaves of an object, dotted, in order.
    static func leaves(_ value: JSONValue, skipping: Set<String> = [], prefix: String = "") -> [(String, JSONValue)] {
        guard let object = value.objectValue else { return [] }
        var out: [(String, JSONValue)] = []
        for (key, v) in object.members where !skipping.contains(key) {
            let path = prefix.isEmpty ? key : prefix + "." + key
            switch v {
            case .object: out += leaves(v, prefix: path)
            case .number, .null: out.append((path, v))
            default: continue
            }
        }
        return out
    }

    /// The member at a dotted path.
    static func leaf(_ value: JSONValue?, _ path: String) -> JSONValue? {
        var v = value
        for part in path.split(separator: ".") { v = v?[String(part)] }
        return v
    }

    /// Whether any number of an object is not zero.
    static func hasAny(_ value: JSONValue) -> Bool {
        leaves(value).contains { _, v in
            guard case .number(let n) = v else { return false }
            return ExactDecimal(n).map { $0.units != 0 } ?? true
        }
    }

    /// `new − old`: exact for figures, a fraction for rates; empty when either is missing.
    static func change(from old: JSONValue?, to new: JSONValue?, rate: Bool) -> ReportValue {
        guard let a = Cell.numberText(old).flatMap(ExactDecimal.init), let b = Cell.numberText(new).flatMap(ExactDecimal.init) else {
            return rate ? .rateChange(nil) : .empty
        }
        let d = b.minus(a).text
        return rate ? .rateChange(d) : .change(d)
    }
}
