import DanvanJSON

/// Builds a `Report` from the daemon's projections, asked over the socket like any
/// client (the reader role is enough): `summary`, `units`, `campaigns`, `opinions` and
/// `models`, every one at the same `asOf` seq, so the tables agree with each other and
/// `--as-of SEQ` makes the report again.
enum ReportBuilder {
    /// The figures of `summary` that are not figures (what it was asked, where it stood).
    static let echoKeys: Set<String> = ["unit", "year", "period", "answeredBy", "boundaries", "splits", "asOf", "parent"]

    /// The report `request` asks for, made at `madeAt` (RFC 3339 UTC).
    static func build(_ request: ReportRequest, session: Session, madeAt: String) throws(CommandFailure) -> Report {
        let labels = ReportLabels(language: request.language)
        // The point of the log: the one asked for, else the last durable event now. The first
        // query fixes it as a seq, which every other query is then asked at.
        let point: JSONValue
        if let asOf = request.asOf {
            point = asOf
        } else {
            let status = try session.call("status")
            point = .int(status["seq"]?.int64Value ?? 0)
        }
        func params(_ extra: [(String, JSONValue)], scope: JSONObject, at: JSONValue) -> JSONObject {
            var p = JSONObject()
            for (k, v) in extra { p[k] = v }
            for (k, v) in scope.members { p[k] = v }
            p["asOf"] = at
            return p
        }
        let unitParam: [(String, JSONValue)] = request.unit.map { [("unit", .string($0))] } ?? []
        let summary = try session.query("summary", params(unitParam, scope: request.scope, at: point))
        let seq = summary["asOf"]?["seq"]?.int64Value ?? 0
        let at = JSONValue.int(seq)
        // Ask by code from now on: a name resolves once.
        let unitCode = summary["unit"]?["code"]?.stringValue
        let byCode: [(String, JSONValue)] = unitCode.map { [("unit", .string($0))] } ?? []
        let parent: [(String, JSONValue)] = unitCode.map { [("parent", .string($0))] } ?? []
        let units = try session.query("units", params(parent, scope: request.scope, at: at))
        let campaigns = try session.query("campaigns", params(byCode, scope: request.scope, at: at))
        let opinions = try session.query(
            "opinions", params(byCode + [("status", "open"), ("olderThanDays", .int(request.olderThanDays)), ("limit", 1000)], scope: request.scope, at: at))
        let models = try session.query("models", params(byCode, scope: request.scope, at: at))
        // Month by month: one summary per month of the period, at the same point.
        var monthly: [(ReportMonths.Window, JSONValue)] = []
        for window in ReportMonths.windows(period(summary)) {
            var days: JSONObject = ["from": .string(window.from), "to": .string(window.to)]
            if let view = request.scope["boundaries"] { days["boundaries"] = view }
            monthly.append((window, try session.query("summary", params(byCode, scope: days, at: at))))
        }
        var compared: JSONValue?
        if let scope = request.compareScope {
            compared = try session.query("summary", params(byCode, scope: scope, at: at))
        }

        var tables: [ReportTable] = []
        tables.append(ReportTables.figures(summary, compared: compared, labels: labels))
        tables.append(ReportTables.units(units, labels: labels))
        if !monthly.isEmpty { tables.append(ReportTables.months(monthly, decree09: period(summary).cutoff == "decree09", labels: labels)) }
        tables.append(ReportTables.campaigns(campaigns, labels: labels))
        tables.append(ReportTables.progress(campaigns, labels: labels))
        tables.append(ReportTables.opinions(opinions, olderThanDays: request.olderThanDays, labels: labels))
        tables.append(ReportTables.fields(summary, labels: labels))
        tables.append(ReportTables.coverage(units, labels: labels))
        tables.append(ReportTables.models(models, labels: labels))
        let charts = [
            ReportChart(title: labels.text(.chartLand), table: "units", labelColumn: "unit", valueColumn: "landDonatedM2"),
            ReportChart(title: labels.text(.chartFunds), table: "units", labelColumn: "unit", valueColumn: "fundsVnd"),
            ReportChart(title: labels.text(.chartAnswered), table: "units", labelColumn: "unit", valueColumn: "opinions.answeredRate"),
            ReportChart(title: labels.text(.coverageTable), table: "coverage", labelColumn: "unit", valueColumn: "models.adoptionRate"),
            ReportChart(kind: .line, title: labels.text(.chartLandMonths), table: "months", labelColumn: "month", valueColumn: "landDonatedM2.toDate"),
            ReportChart(kind: .line, title: labels.text(.chartFundsMonths), table: "months", labelColumn: "month", valueColumn: "fundsVnd.toDate"),
        ]
        return Report(
            language: request.language,
            unitName: summary["unit"]?["name"]?.stringValue, unitCode: unitCode, unitLevel: summary["unit"]?["level"]?.stringValue,
            period: period(summary), compare: compared.map(period), boundaries: summary["boundaries"]?.stringValue ?? "current",
            asOfSeq: seq, asOfRecordedAt: summary["asOf"]?["recordedAt"]?.stringValue, madeAt: madeAt,
            tables: tables, charts: charts)
    }

    /// The period an answer echoes (`period`, or `year`), or all dates.
    static func period(_ r: JSONValue) -> Report.Period {
        if let p = r["period"], case .object = p {
            return Report.Period(name: p["name"]?.stringValue, cutoff: p["cutoff"]?.stringValue, from: p["from"]?.stringValue, to: p["to"]?.stringValue)
        }
        if let y = r["year"]?.int64Value {
            return Report.Period(name: String(y), cutoff: "calendar", from: "\(y)-01-01", to: "\(y)-12-31")
        }
        return Report.Period(name: nil, cutoff: nil, from: nil, to: nil)
    }
}
