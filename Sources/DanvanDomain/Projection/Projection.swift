/// The figures queries read, rebuilt in memory from the log and moved forward only by
/// durable events.
///
/// Units form a tree held in an array (`UnitIndex` positions); each event's effect is
/// added to its unit and to every ancestor, in a `FigureSeries` by the event's own date,
/// so that a `summary` of any unit for any period is a few lookups however large the log
/// grows.
/// `entry.voided` applies the target's effect with the opposite sign.
///
/// Equatable so that a state restored from a snapshot can be compared whole with the
/// state a full replay builds.
public struct Projection: Sendable, Equatable {
    /// Position of a unit in `units`.
    public typealias UnitIndex = Int32

    /// A unit of the hierarchy with its figures.
    public struct UnitNode: Sendable, Equatable {
        /// Code.
        public var code: String
        /// Name (NFC).
        public var name: String
        /// Folded name for searches without diacritics.
        public var folded: String
        /// The folded name without the level word it starts with ("khe ban" for "Thôn Khe
        /// Bàn"), nil when it starts with none: the last reading of a typed name.
        public var bareFolded: String?
        /// The name's place in Vietnamese alphabetical order, computed once (at registration,
        /// or when a snapshot is read) so that listing children does not decompose their names
        /// on every query.
        public var nameOrder: VietnameseOrder
        /// Level.
        public var level: UnitLevel
        /// Parent.
        public var parent: UnitIndex?
        /// Direct children in registration order.
        public var children: [UnitIndex] = []
        /// Communes at or under this unit.
        public var communes: Int64 = 0
        /// Figures for this unit and its descendants.
        public var figures = FigureSeries()
        /// For communes: models registered in it or its villages, all dates, and the day of
        /// each (ascending, repeated when several): "communes with a model in the period".
        var modelCountAll: Int64 = 0
        var modelDays: [Int32] = []
        /// Answered opinions of this unit and its descendants, for `answeredBy`.
        var answers = AnswerLedger()
        /// The historical view's figures and answers, when they differ from the current
        /// view's above (only units that a change of units touched, and their ancestors of
        /// either time): nil means the same (`Projection+Boundaries.swift`).
        var historical: HistoricalFigures?
        /// The facts that name this unit itself, once units have changed and only for units
        /// that have or had units under them: nil means the historical figures are its own.
        var own: FigureSeries?
    }

    /// A unit's figures in the historical view, where they differ from the current view's.
    struct HistoricalFigures: Sendable, Equatable {
        var figures: FigureSeries
        var answers: AnswerLedger
    }

    /// A campaign with what was attributed to it.
    public struct CampaignState: Sendable, Equatable {
        /// The launch.
        public var launched: CampaignLaunched
        /// Unit that launched it.
        public var unit: UnitIndex
        /// Close date, once closed.
        public var closedOn: Day?
        /// Events that launched and closed it (voids must match them).
        var launchedBy: EventID
        var closedBy: EventID?
        /// Contributions attributed to it, by their own dates.
        public var series = FigureSeries()
        /// Registration order, for stable listings.
        var order: Int

        /// Everything attributed to it.
        public var totals: Totals { series.all }
    }

    /// One opinion with its answer, if any.
    public struct OpinionState: Sendable, Equatable {
        /// The opinion as raised.
        public var opinion: Opinion
        /// Answer date.
        public var answeredOn: Day?
        /// Answer text.
        public var answer: String?
        var answeredBy: EventID?
    }

    /// A dialogue's minutes and the state of its opinions.
    public struct DialogueState: Sendable, Equatable {
        /// Dialogue id.
        public var dialogue: String
        /// Where.
        public var unit: UnitIndex
        /// When.
        public var heldOn: Day
        /// Format.
        public var format: DialogueFormat
        /// Topic.
        public var topic: String
        /// Opinions in order.
        public var opinions: [OpinionState]
        var heldBy: EventID
        var order: Int
    }

    /// A registered model.
    public struct ModelState: Sendable, Equatable {
        /// The registration.
        public var model: ModelRegistered
        /// Where.
        public var unit: UnitIndex
        var registeredBy: EventID
        var order: Int
    }

    /// All units, by index.
    public internal(set) var units: [UnitNode] = []
    /// Code → index.
    public internal(set) var unitIndex: [String: UnitIndex] = [:]
    /// Provinces (units without a parent).
    public internal(set) var roots: [UnitIndex] = []
    /// Campaigns by id.
    public internal(set) var campaigns: [String: CampaignState] = [:]
    /// Dialogues by id.
    public internal(set) var dialogues: [String: DialogueState] = [:]
    /// Models by id.
    public internal(set) var models: [String: ModelState] = [:]
    /// Sequence number of the last applied event.
    public internal(set) var lastSeq: UInt64 = 0
    /// Events applied (including corrections).
    public internal(set) var eventCount: UInt64 = 0
    var nextOrder = 0
    /// Units' validity, names and parents by date, and their lineage (`Projection+UnitChanges.swift`).
    public internal(set) var lineage = UnitLineage()
    /// Whether a unit has moved, merged, split or ended: from then on the two boundaries views
    /// may differ, and each fact is added along both of its chains (`Projection+Boundaries.swift`).
    public internal(set) var viewsDiffer = false
    /// Whether a change of units was applied since the views were last worked out;
    /// `settle()` works them out again.
    public internal(set) var unsettled = false
    /// Whether a model was registered or voided since the views differ: its commune is one per
    /// view, so `settle()` counts the communes with models again (only those, unless
    /// `unsettled`).
    public internal(set) var modelsUnsettled = false
    /// The historical view's communes and communes with models per unit, once units have
    /// changed (`HistoricalCommuneIndex`); worked out by `settle()`.
    var historicalCommunes: HistoricalCommuneIndex?
    /// The units that were split, in code order: the only ones whose splits a figure in today's
    /// boundaries may have to mention (`splitNotes`); worked out by `settle()`.
    var splitUnits: [String] = []
    /// Whether `settle()` has anything to do.
    public var needsSettling: Bool { unsettled || modelsUnsettled }

    /// An empty projection.
    public init() {}

    /// The unit with `code`.
    public func unit(_ code: String) -> UnitIndex? { unitIndex[code] }

    /// Applies a change dated `day` to the figures of `unit` and its ancestors.
    mutating func update(_ unit: UnitIndex, on day: Day, _ change: (inout Totals) -> Void) {
        update(unit, FigureDelta(day: day, change))
    }

    /// Adds `delta` to the figures of `unit` and its ancestors.
    mutating func update(_ unit: UnitIndex, _ delta: borrowing FigureDelta) {
        if viewsDiffer {
            updateViews(unit, delta)
            return
        }
        var current: UnitIndex? = unit
        while let u = current {
            units[Int(u)].figures.add(delta)
            current = units[Int(u)].parent
        }
    }
}
