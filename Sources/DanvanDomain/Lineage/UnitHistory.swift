/// One unit's life as the unit changes of catalogue 2 tell it: when it existed, what it was
/// called and under which parent on each day, what it came from and what it became.
///
/// It is the model statistical offices keep (the ONS code history database, Eurostat's NUTS
/// correspondences): a code names one unit for its whole life, with valid-from/valid-to and
/// the changes linking it to other codes, each with its date and act. Every entry remembers
/// the event that made it (`by`), so that voiding that event takes exactly it out again,
/// whatever was recorded since, and a replay builds the same history whatever order the
/// changes were recorded in (names and parents are found by date, not by arrival).
public struct UnitHistory: Sendable, Hashable {
    /// The kind of change that links two units or ends one.
    public enum Change: String, Sendable, Hashable {
        case merged, split, ended
    }

    /// A name a unit took from a day on.
    public struct Rename: Sendable, Hashable {
        public var effectiveOn: Day
        public var name: String
        public var act: String?
        public var by: EventID
    }

    /// A parent a unit belonged to from a day on.
    public struct Move: Sendable, Hashable {
        public var effectiveOn: Day
        public var parent: String
        public var act: String?
        public var by: EventID
    }

    /// A predecessor or successor.
    public struct Link: Sendable, Hashable {
        /// The other unit.
        public var unit: String
        public var change: Change
        public var effectiveOn: Day
        public var act: String?
        /// For a split: whether this link is to or from the main part.
        public var main: Bool
        public var by: EventID
    }

    /// The change that ended the unit: its last day is the day before `effectiveOn`.
    public struct End: Sendable, Hashable {
        public var change: Change
        public var effectiveOn: Day
        public var act: String?
        public var by: EventID
    }

    /// The name it was registered with.
    public var registeredName: String
    /// The parent it was registered under.
    public var registeredParent: String?
    /// The first day it exists (`unit.registered`'s `effectiveOn`); nil: always.
    public var validFrom: Day?
    /// How it ended, once it has.
    public var end: End?
    /// Its renames, by date.
    public var renames: [Rename] = []
    /// Its moves, by date.
    public var moves: [Move] = []
    /// The units it was formed from (or that gave it a part), by date.
    public var predecessors: [Link] = []
    /// What it became (or gave a part to), by date.
    public var successors: [Link] = []

    /// A history that starts at registration.
    public init(registeredName: String, registeredParent: String?, validFrom: Day? = nil) {
        self.registeredName = registeredName
        self.registeredParent = registeredParent
        self.validFrom = validFrom
    }

    /// Its last day, the day before its end.
    public var validTo: Day? { end.map { Day(daysSinceEpoch: $0.effectiveOn.daysSinceEpoch - 1) } }

    /// Whether it exists on `day`.
    public func exists(on day: Day) -> Bool {
        if let validFrom, day < validFrom { return false }
        if let end, day >= end.effectiveOn { return false }
        return true
    }

    /// Its name on `day`.
    public func name(on day: Day) -> String {
        renames.last(where: { $0.effectiveOn <= day })?.name ?? registeredName
    }

    /// Its parent on `day`.
    public func parent(on day: Day) -> String? {
        moves.last(where: { $0.effectiveOn <= day })?.parent ?? registeredParent
    }

    /// Its name after every recorded change.
    public var currentName: String { renames.last?.name ?? registeredName }
    /// Its parent after every recorded change.
    public var currentParent: String? { moves.last?.parent ?? registeredParent }

    /// The stretches of its life under one parent: from (nil: always) through to (nil: for
    /// ever), in order; what `Registry` checks against each parent's own life.
    public var parentSpans: [(from: Day?, to: Day?, parent: String?)] {
        var spans: [(from: Day?, to: Day?, parent: String?)] = []
        var from = validFrom
        var parent = registeredParent
        for move in moves {
            let before = Day(daysSinceEpoch: move.effectiveOn.daysSinceEpoch - 1)
            if from.map({ $0 <= before }) ?? true { spans.append((from, before, parent)) }
            from = from.map { max($0, move.effectiveOn) } ?? move.effectiveOn
            parent = move.parent
        }
        spans.append((from, validTo, parent))
        return spans.filter { span in
            guard let f = span.from, let t = span.to else { return true }
            return f <= t
        }
    }

    /// Inserts keeping date order; a later entry of one date goes after the earlier ones.
    mutating func insert(_ rename: Rename) {
        let i = renames.firstIndex(where: { $0.effectiveOn > rename.effectiveOn }) ?? renames.endIndex
        renames.insert(rename, at: i)
    }

    mutating func insert(_ move: Move) {
        let i = moves.firstIndex(where: { $0.effectiveOn > move.effectiveOn }) ?? moves.endIndex
        moves.insert(move, at: i)
    }

    /// Takes out everything event `id` put in.
    mutating func forget(_ id: EventID) {
        renames.removeAll { $0.by == id }
        moves.removeAll { $0.by == id }
        predecessors.removeAll { $0.by == id }
        successors.removeAll { $0.by == id }
        if end?.by == id { end = nil }
    }
}
