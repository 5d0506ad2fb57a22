import DanvanClient
import DanvanDomain
import DanvanJSON

/// The commands that ask projections and daemon figures.
extension CommandRunner {
    static func printer(_ invocation: Invocation, _ session: Session, fallback: OutputFormat? = nil) -> Printer {
        Printer(out: session.out, format: session.format(for: invocation, fallback: fallback))
    }

    /// `--year`, in the range the daemon accepts (`Day.years`, which its `year` parameter
    /// and every stored date obey), so a year it would refuse is a usage error here.
    static func yearParam(_ invocation: Invocation, _ session: Session) throws(CommandFailure) -> JSONValue? {
        try invocation.integer("--year", in: Int64(Day.years.lowerBound)...Int64(Day.years.upperBound), numbers: session.numbers).map { .int($0) }
    }

    /// The period flags as the protocol's parameters (`year`, `period`, `from`, `to`,
    /// `cutoff`, `answeredBy`). Dates typed another way than YYYY-MM-DD are refused here with
    /// the form to write (`DateInput`); how the flags combine is the daemon's one rule.
    static func scopeParams(_ invocation: Invocation, _ session: Session, into p: inout JSONObject) throws(CommandFailure) {
        if invocation.spec.flags.contains(where: { $0.name == "--year" }), let year = try yearParam(invocation, session) { p["year"] = year }
        if let period = invocation.value("--period") { p["period"] = .string(period) }
        for (flag, key) in [("--from", "from"), ("--to", "to"), ("--answered-by", "answeredBy")] {
            guard let text = invocation.value(flag) else { continue }
            try DateInput.check(text, label: flag)
            p[key] = .string(text)
        }
        if let cutoff = invocation.value("--cutoff") {
            guard ReportingCutoff(rawValue: cutoff) != nil else {
                throw .usage("--cutoff wants calendar or decree09 (15th of the month before to the 14th, Nghị định 09/2019), got '\(cutoff)'")
            }
            p["cutoff"] = .string(cutoff)
        }
        if let view = invocation.value("--boundaries") {
            guard Boundaries(rawValue: view) != nil else {
                throw .usage("--boundaries wants current (today's units, the default) or historical (each fact where its unit stood on its date), got '\(view)'")
            }
            p["boundaries"] = .string(view)
        }
    }

    /// `--as-of`, as the `asOf` parameter (`AsOfInput`); nil when not given.
    static func asOfParam(_ invocation: Invocation, _ session: Session) throws(CommandFailure) -> JSONValue? {
        try invocation.value("--as-of").map { (text: String) throws(CommandFailure) -> JSONValue in try AsOfInput.value(text, numbers: session.numbers) }
    }

    static func status(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        let r = try session.call("status")
        printer(invocation, session).single(r) { InfoTables.status(r) }
    }

    static func hello(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        let r = try session.call("hello")
        printer(invocation, session).single(r) { InfoTables.keyValue(r) }
    }

    static func summary(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        var p = JSONObject()
        if let unit = invocation.unit { p["unit"] = .string(unit) }
        try scopeParams(invocation, session, into: &p)
        if let asOf = try asOfParam(invocation, session) { p["asOf"] = asOf }
        let r = try session.query("summary", p)
        printer(invocation, session).single(r, record: FigureRecord.summary(r)) { SummaryTable.render(r) }
    }

    static func units(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        var p = JSONObject()
        if let unit = invocation.unit { p["parent"] = .string(unit) }
        try scopeParams(invocation, session, into: &p)
        if let asOf = try asOfParam(invocation, session) { p["asOf"] = asOf }
        try printUnits(try session.query("units", p), printer(invocation, session), session)
    }

    /// A `units` answer in every format with the same rows (`UnitsBreakdown`): the children,
    /// the parent's own row and its total, as the daemon computed them in one read.
    static func printUnits(_ r: JSONValue, _ out: Printer, _ session: Session) throws(CommandFailure) {
        let breakdown = UnitsBreakdown(units: r)
        out.list(r, items: breakdown.records) { UnitsTable.render(breakdown) }
    }

    static func campaigns(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        var p = JSONObject()
        if let unit = invocation.unit { p["unit"] = .string(unit) }
        switch (invocation.has("--active"), invocation.has("--closed")) {
        case (true, true): throw .usage("give --active or --closed, not both")
        case (true, false): p["status"] = "active"
        case (false, true): p["status"] = "closed"
        case (false, false): break
        }
        try scopeParams(invocation, session, into: &p)
        if let asOf = try asOfParam(invocation, session) { p["asOf"] = asOf }
        let r = try session.query("campaigns", p)
        printer(invocation, session).list(r, items: r["campaigns"]?.arrayValue ?? []) { CampaignTables.list(r) }
    }

    /// `campaign ID`; the id may be typed in any case ("ntm-2021").
    static func campaign(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        let typed = invocation.words[0]
        var scope = JSONObject()
        try scopeParams(invocation, session, into: &scope)
        // The listing that finds an id typed in another case asks at the same point.
        var at = JSONObject()
        if let asOf = try asOfParam(invocation, session) { at["asOf"] = asOf }
        for (key, value) in at.members { scope[key] = value }
        func params(_ id: String) -> JSONObject {
            var p = scope
            p["campaign"] = .string(id)
            return p
        }
        let r: JSONValue
        do throws(CommandFailure) {
            r = try session.query("campaign", params(typed))
        } catch {
            guard error.serverError?.code == .notFound else { throw error }
            let list = try session.query("campaigns", at)
            let ids = (list["campaigns"]?.arrayValue ?? []).compactMap { $0["campaign"]?.stringValue }
            guard let id = ids.first(where: { $0.uppercased() == typed.uppercased() }) else {
                let known = ids.isEmpty ? "there are none\(at.count == 0 ? "" : " at that point")" : "the campaigns are \(ids.joined(separator: ", "))"
                throw CommandFailure(.server, "not_found: no campaign '\(typed)'; \(known)", serverError: error.serverError)
            }
            r = try session.query("campaign", params(id))
        }
        printer(invocation, session).single(r) { CampaignTables.detail(r) }
    }

    static func opinions(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        var p = JSONObject()
        if let unit = invocation.unit { p["unit"] = .string(unit) }
        switch (invocation.has("--open"), invocation.has("--answered")) {
        case (true, true): throw .usage("give --open or --answered, not both")
        case (_, true): p["status"] = "answered"
        default: p["status"] = "open"
        }
        if let days = try invocation.integer("--older-than", in: 0...100_000, numbers: session.numbers) { p["olderThanDays"] = .int(days) }
        if let limit = try invocation.integer("--limit", in: 1...100_000, numbers: session.numbers) { p["limit"] = .int(limit) }
        try scopeParams(invocation, session, into: &p)
        if let asOf = try asOfParam(invocation, session) { p["asOf"] = asOf }
        let r = try session.query("opinions", p)
        printOpinions(r, printer(invocation, session))
    }

    /// An `opinions` answer; a list cut by its limit says so in every format.
    static func printOpinions(_ r: JSONValue, _ out: Printer) {
        let cut = r["truncated"]?.boolValue == true ? ListTables.opinionsFooter(r) : nil
        out.list(r, items: r["opinions"]?.arrayValue ?? [], cut: cut) { ListTables.opinions(r) }
    }

    static func models(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        var p = JSONObject()
        if let unit = invocation.unit { p["unit"] = .string(unit) }
        if let field = invocation.value("--field") {
            guard ModelField(rawValue: field) != nil else {
                throw .usage("--field wants one of \(ModelField.allCases.map(\.rawValue).joined(separator: ", ")), got '\(field)'")
            }
            p["field"] = .string(field)
        }
        try scopeParams(invocation, session, into: &p)
        if let asOf = try asOfParam(invocation, session) { p["asOf"] = asOf }
        let r = try session.query("models", p)
        printer(invocation, session).list(r, items: r["models"]?.arrayValue ?? []) { ListTables.models(r) }
    }

    /// `tree [UNIT] [--depth N]`: the `tree` projection as an outline.
    static func tree(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        var p = JSONObject()
        if let unit = invocation.unit { p["unit"] = .string(unit) }
        if let depth = try invocation.integer("--depth", in: 1...10, numbers: session.numbers) { p["depth"] = .int(depth) }
        if let asOf = try asOfParam(invocation, session) { p["asOf"] = asOf }
        let r = try session.query("tree", p)
        printer(invocation, session).list(r, items: r["units"]?.arrayValue ?? []) { ListTables.tree(r) }
    }

    /// `history UNIT`: the `history` projection, as a few lines of what happened when.
    static func history(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        guard let unit = invocation.unit else { throw .usage("history needs a unit (a code or a name)\nusage: \(invocation.spec.usage)") }
        var p = JSONObject()
        p["unit"] = .string(unit)
        let r = try session.query("history", p)
        printer(invocation, session).single(r) { HistoryTable.render(r) }
    }

    /// `query PROJECTION name=value ...`: values typed as numbers are read by the session's
    /// `NumberReader` (an ambiguous `1.200` is refused), booleans and null are sent as
    /// such, anything else as a string; `name:=JSON` sends a JSON value as it is.
    static func query(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        let projection = invocation.words[0]
        var p = JSONObject()
        for pair in invocation.words.dropFirst() {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                throw .usage("query parameters are NAME=VALUE, got '\(pair)'\nusage: \(invocation.spec.usage)")
            }
            var name = String(pair[..<eq])
            let text = String(pair[pair.index(after: eq)...])
            if name.hasSuffix(":") {
                // NAME:=JSON sends the value as it is, as append's fields do.
                name.removeLast()
                p[name] = try typedJSON(text, label: name, numbers: session.numbers)
                continue
            }
            p[name] = try typedValue(text, label: name, numbers: session.numbers)
        }
        if let asOf = try asOfParam(invocation, session) { p["asOf"] = asOf }
        let r = try session.query(projection, p)
        let out = printer(invocation, session)
        switch projection {
        case "summary": out.single(r, record: FigureRecord.summary(r)) { SummaryTable.render(r) }
        case "units": try printUnits(r, out, session)
        case "campaigns": out.list(r, items: r["campaigns"]?.arrayValue ?? []) { CampaignTables.list(r) }
        case "campaign": out.single(r) { CampaignTables.detail(r) }
        case "opinions": printOpinions(r, out)
        case "models": out.list(r, items: r["models"]?.arrayValue ?? []) { ListTables.models(r) }
        case "tree": out.list(r, items: r["units"]?.arrayValue ?? []) { ListTables.tree(r) }
        case "history": out.single(r) { HistoryTable.render(r) }
        default: out.single(r) { JSONPretty.string(r) + "\n" }
        }
    }

    /// A command-line value as JSON: true, false and null as themselves; text made of
    /// digits and separators (`1200`, `-3`, `1,5`) read by `numbers`, which refuses what could
    /// mean two things; anything else (a code, a date, a name) as a string.
    static func typedValue(_ text: String, label: String, numbers: NumberReader) throws(CommandFailure) -> JSONValue {
        if text == "true" { return .bool(true) }
        if text == "false" { return .bool(false) }
        if text == "null" { return .null }
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard body.contains(where: { $0.isASCII && $0.isNumber }),
              body.allSatisfy({ ($0.isASCII && $0.isNumber) || $0 == "." || $0 == "," || $0 == "_" })
        else { return .string(text) }
        do {
            return .number(try numbers.read(text, .decimal, label: label))
        } catch {
            throw .input(error.message)
        }
    }

    static func schema(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        let r = try session.call("schema")
        let type = invocation.words.first
        let types = r["types"]?.arrayValue ?? []
        if let type {
            guard let entry = types.first(where: { $0["type"]?.stringValue == type }) else {
                throw CommandFailure(.input, unknownType(type, in: r))
            }
            printer(invocation, session).list(entry, items: entry["fields"]?.arrayValue ?? []) {
                InfoTables.schema(r, type: type)
            }
            return
        }
        printer(invocation, session).list(r, items: types) { InfoTables.schema(r, type: nil) }
    }
}
