/// Totals of one kind of works.
public struct WorksTotals: Sendable, Hashable {
    /// Number of works.
    public var count: Int64 = 0
    /// Total length.
    public var lengthKm: Quantity = .zero
    /// Total value.
    public var valueVnd: Int64 = 0

    mutating func add(_ e: WorksCompleted, sign: Int64) {
        count += sign * e.count
        if let l = e.lengthKm { lengthKm += Quantity(scaled: sign * l.scaled) }
        if let v = e.valueVnd { valueVnd += sign * v }
    }
}

/// Every figure the reports publish, for one unit (with its descendants) and one period.
///
/// Kept per unit through time (`FigureSeries`); an event adds to its unit and every
/// ancestor, so any query reads one unit's series and never walks the hierarchy.
public struct Totals: Sendable, Hashable {
    /// Land donated, m².
    public var landM2: Quantity = .zero
    /// Donor households.
    public var donorHouseholds: Int64 = 0
    /// Value of assets on donated land, VND.
    public var assetsVnd: Int64 = 0
    /// Money contributed, VND.
    public var fundsVnd: Int64 = 0
    /// Workdays contributed.
    public var workdays: Quantity = .zero
    /// Works completed, indexed by `WorksKind.index`.
    public var works: [WorksTotals] = Array(repeating: WorksTotals(), count: WorksKind.allCases.count)
    /// Campaigns launched in the period.
    public var campaignsLaunched: Int64 = 0
    /// Campaigns closed in the period.
    public var campaignsClosed: Int64 = 0
    /// Campaigns launched in the period that are closed by now (so active = launched − this).
    public var campaignsLaunchedNowClosed: Int64 = 0
    /// Dialogues held.
    public var dialoguesHeld: Int64 = 0
    /// Periodic dialogues held.
    public var dialoguesPeriodic: Int64 = 0
    /// Ad hoc dialogues held.
    public var dialoguesAdHoc: Int64 = 0
    /// Opinions raised at dialogues held in the period.
    public var opinionsReceived: Int64 = 0
    /// Of those, how many have an answer by now.
    public var opinionsAnswered: Int64 = 0
    /// Models registered.
    public var models: Int64 = 0
    /// Models by field, indexed by `ModelField.index`.
    public var modelsByField: [Int64] = Array(repeating: 0, count: ModelField.allCases.count)
    /// Communes (under the unit) with at least one model in the period.
    public var communesWithModels: Int64 = 0

    /// All zeros.
    public init() {}

    /// Adds another unit's totals (`sign` 1), or takes them away (`sign` -1): several
    /// provinces summed, or a parent's own figures (its total minus its children's).
    public mutating func add(_ o: Totals, sign: Int64 = 1) {
        func q(_ v: Quantity) -> Quantity { Quantity(scaled: sign &* v.scaled) }
        landM2 += q(o.landM2)
        donorHouseholds += sign * o.donorHouseholds
        assetsVnd += sign * o.assetsVnd
        fundsVnd += sign * o.fundsVnd
        workdays += q(o.workdays)
        for i in works.indices {
            works[i].count += sign * o.works[i].count
            works[i].lengthKm += q(o.works[i].lengthKm)
            works[i].valueVnd += sign * o.works[i].valueVnd
        }
        campaignsLaunched += sign * o.campaignsLaunched
        campaignsClosed += sign * o.campaignsClosed
        campaignsLaunchedNowClosed += sign * o.campaignsLaunchedNowClosed
        dialoguesHeld += sign * o.dialoguesHeld
        dialoguesPeriodic += sign * o.dialoguesPeriodic
        dialoguesAdHoc += sign * o.dialoguesAdHoc
        opinionsReceived += sign * o.opinionsReceived
        opinionsAnswered += sign * o.opinionsAnswered
        models += sign * o.models
        for i in modelsByField.indices { modelsByField[i] += sign * o.modelsByField[i] }
        communesWithModels += sign * o.communesWithModels
    }
}
