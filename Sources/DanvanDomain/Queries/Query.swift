import DanvanJSON

/// A question staff ask of the projections, with its parameters checked.
public enum Query: Sendable, Hashable {
    /// Figures for a unit (or all provinces) over a period.
    case summary(unit: String?, scope: Scope)
    /// The same figures for each direct child of `parent` (or each province).
    case units(parent: String?, scope: Scope)
    /// One campaign with its totals and progress against targets.
    case campaign(String, scope: Scope)
    /// Campaigns of a unit and its descendants, optionally only active or closed ones.
    case campaigns(unit: String?, status: CampaignStatus?, scope: Scope)
    /// Opinions raised at dialogues, open or answered, with their age.
    case opinions(unit: String?, status: OpinionStatus, olderThanDays: Int?, limit: Int, scope: Scope)
    /// Registered "Dân vận khéo" models.
    case models(unit: String?, field: ModelField?, scope: Scope)
    /// The units under `unit` (or every unit), without figures, at most `depth` levels down.
    case tree(unit: String?, depth: Int?)
    /// A unit's lineage: validity, renames, moves, predecessors and successors (`Projection+History.swift`).
    case history(unit: String)

    /// Campaign status filter.
    public enum CampaignStatus: String, Sendable, CaseIterable { case active, closed }
    /// Opinion status filter.
    public enum OpinionStatus: String, Sendable, CaseIterable { case open, answered }

    /// Names of the projections, as `query`'s `projection` parameter takes them.
    public static let names = ["summary", "units", "campaign", "campaigns", "opinions", "models", "tree", "history"]

    /// Parses a `query` request's parameters (the request object itself, minus `id` and `op`).
    /// A named period without `cutoff` is cut by `defaultCutoff`, the daemon's configured one.
    public init(params: JSONObject, defaultCutoff: ReportingCutoff = .calendar) throws(ValidationError) {
        var r = try FieldReader(.object(params), path: "")
        let name = try r.code("projection")
        func scope(_ r: inout FieldReader) throws(ValidationError) -> Scope {
            try Scope.read(&r, defaultCutoff: defaultCutoff)
        }
        switch name {
        case "summary":
            self = .summary(unit: try r.optionalText("unit", maxLength: 200), scope: try scope(&r))
        case "units":
            self = .units(parent: try r.optionalText("parent", maxLength: 200), scope: try scope(&r))
        case "campaign":
            self = .campaign(try r.code("campaign"), scope: try scope(&r))
        case "campaigns":
            self = .campaigns(unit: try r.optionalText("unit", maxLength: 200), status: try r.optionalChoice("status", CampaignStatus.self), scope: try scope(&r))
        case "opinions":
            let unit = try r.optionalText("unit", maxLength: 200)
            let status = try r.optionalChoice("status", OpinionStatus.self) ?? .open
            let older = try r.optionalInteger("olderThanDays", in: 0...100_000).map { Int($0) }
            let limit = try r.optionalInteger("limit", in: 1...100_000).map { Int($0) } ?? 1000
            self = .opinions(unit: unit, status: status, olderThanDays: older, limit: limit, scope: try scope(&r))
        case "models":
            self = .models(unit: try r.optionalText("unit", maxLength: 200), field: try r.optionalChoice("field", ModelField.self), scope: try scope(&r))
        case "tree":
            let unit = try r.optionalText("unit", maxLength: 200)
            self = .tree(unit: unit, depth: try r.optionalInteger("depth", in: 1...10).map { Int($0) })
        case "history":
            self = .history(unit: try r.text("unit", maxLength: 200))
        default:
            throw ValidationError(.invalidValue, path: "projection", "unknown projection '\(name)'; use one of \(Query.names.joined(separator: ", "))")
        }
        try r.finish()
    }
}

/// Why a well-formed query has no answer.
public struct QueryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable code: `not_found`, `ambiguous` or `not_current`.
    public let code: String
    /// For a person.
    public let message: String
    /// Candidate units when a name matched several.
    public let candidates: [JSONValue]
    /// For `not_found`, what is missing: a client tells its own users how to list those
    /// (danvanctl names its commands) without parsing `message`, which is for people and
    /// may change.
    public let missing: Missing?

    /// What a `not_found` did not find.
    public struct Missing: Sendable, Hashable {
        /// `unit` or `campaign`.
        public let kind: String
        /// The text asked for.
        public let given: String
    }

    init(code: String, message: String, candidates: [JSONValue] = [], missing: Missing? = nil) {
        self.code = code
        self.message = message
        self.candidates = candidates
        self.missing = missing
    }

    public var description: String { message }
}
