/// The histories of the units that a unit event of catalogue 2 touched: validity, names and
/// parents by date, predecessors and successors (`UnitHistory`).
///
/// One type for both sides: the `Registry` keeps one to validate appends (does the unit exist
/// on this event's date? may this district end?), the `Projection` one to answer `history`
/// and to resolve old names. Both are built by the same `record`/`forget` from the same log,
/// so they never disagree. Only units that a change touched (or that were registered with an
/// `effectiveOn`) have a history: a log without unit changes has none, and every unit of it
/// exists always, under the parent it was registered with, as before catalogue 2.
public struct UnitLineage: Sendable, Equatable {
    /// Histories by unit code.
    public internal(set) var histories: [String: UnitHistory] = [:]

    /// An empty lineage.
    public init() {}

    /// The history of `code`, when it has one.
    public subscript(code: String) -> UnitHistory? { histories[code] }

    /// Whether `code` exists on `day` (a unit without a history always does).
    public func exists(_ code: String, on day: Day) -> Bool {
        histories[code]?.exists(on: day) ?? true
    }

    /// Whether `code` has ended (whatever the date: the tree after every recorded change).
    public func hasEnded(_ code: String) -> Bool { histories[code]?.end != nil }

    /// The units whose history `data` changes when recorded or voided.
    public static func touched(by data: EventData) -> [String] {
        switch data {
        case .unitRegistered(let u): return u.effectiveOn == nil ? [] : [u.code]
        case .unitRenamed(let e): return [e.unit]
        case .unitMoved(let e): return [e.unit]
        case .unitMerged(let e): return e.units.contains(e.into) ? e.units : e.units + [e.into]
        case .unitSplit(let e): return e.into.contains(e.unit) ? e.into : [e.unit] + e.into
        case .unitEnded(let e): return [e.unit]
        default: return []
        }
    }

    /// The history of `code`, started from `current` (its registered name and parent, which a
    /// unit without a history still has) when it has none yet.
    private mutating func history(_ code: String, _ current: (String) -> (name: String, parent: String?)?) -> UnitHistory? {
        if let h = histories[code] { return h }
        guard let c = current(code) else { return nil }
        return UnitHistory(registeredName: c.name, registeredParent: c.parent)
    }

    private mutating func change(_ code: String, _ current: (String) -> (name: String, parent: String?)?, _ body: (inout UnitHistory) -> Void) {
        guard var h = history(code, current) else { return }
        body(&h)
        histories[code] = h
    }

    /// Records a unit event (other events are ignored). `current` gives a unit's name and
    /// parent as registered, for a unit that has no history yet.
    mutating func record(_ data: EventData, id: EventID, current: (String) -> (name: String, parent: String?)?) {
        switch data {
        case .unitRegistered(let u):
            guard let effectiveOn = u.effectiveOn else { return }
            histories[u.code] = UnitHistory(registeredName: u.name, registeredParent: u.parent, validFrom: effectiveOn)
        case .unitRenamed(let e):
            change(e.unit, current) { $0.insert(UnitHistory.Rename(effectiveOn: e.effectiveOn, name: e.name, act: e.act, by: id)) }
        case .unitMoved(let e):
            change(e.unit, current) { $0.insert(UnitHistory.Move(effectiveOn: e.effectiveOn, parent: e.parent, act: e.act, by: id)) }
        case .unitMerged(let e):
            for unit in e.ending {
                change(unit, current) {
                    $0.end = UnitHistory.End(change: .merged, effectiveOn: e.effectiveOn, act: e.act, by: id)
                    $0.successors.append(UnitHistory.Link(unit: e.into, change: .merged, effectiveOn: e.effectiveOn, act: e.act, main: true, by: id))
                }
                change(e.into, current) {
                    $0.predecessors.append(UnitHistory.Link(unit: unit, change: .merged, effectiveOn: e.effectiveOn, act: e.act, main: true, by: id))
                }
            }
        case .unitSplit(let e):
            change(e.unit, current) {
                if !e.keepsUnit { $0.end = UnitHistory.End(change: .split, effectiveOn: e.effectiveOn, act: e.act, by: id) }
                for part in e.into where part != e.unit {
                    $0.successors.append(UnitHistory.Link(unit: part, change: .split, effectiveOn: e.effectiveOn, act: e.act, main: part == e.main, by: id))
                }
            }
            for part in e.into where part != e.unit {
                change(part, current) {
                    $0.predecessors.append(UnitHistory.Link(unit: e.unit, change: .split, effectiveOn: e.effectiveOn, act: e.act, main: part == e.main, by: id))
                }
            }
        case .unitEnded(let e):
            change(e.unit, current) { $0.end = UnitHistory.End(change: .ended, effectiveOn: e.effectiveOn, act: e.act, by: id) }
        default:
            return
        }
        for code in Self.touched(by: data) {
            histories[code]?.predecessors.sort { $0.effectiveOn < $1.effectiveOn }
            histories[code]?.successors.sort { $0.effectiveOn < $1.effectiveOn }
        }
    }

    /// Takes a voided unit change's entries out again: the lineage is as if it had never been
    /// recorded (a history left empty stays, harmlessly: its unit exists always, as registered).
    mutating func forget(_ data: EventData, id: EventID) {
        for code in Self.touched(by: data) { histories[code]?.forget(id) }
    }

    /// Puts a unit's history back as it was (undo of a refused batch).
    mutating func restore(_ code: String, _ history: UnitHistory?) {
        histories[code] = history
    }
}
