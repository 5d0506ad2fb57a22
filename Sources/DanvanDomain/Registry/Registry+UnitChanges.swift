/// The rules of the unit changes of catalogue 2 (`unit.renamed`, `unit.moved`,
/// `unit.merged`, `unit.split`, `unit.ended`, and `unit.registered`'s `effectiveOn`).
///
/// A unit exists from its `effectiveOn` (or always) until the day before the change that
/// ends it; on each day it has one name and one parent, and its parent exists on every day
/// it is under it. The rules keep that true whatever order changes are recorded in, in two
/// steps: `checkUnitChange` refuses a change that is wrong on its own terms (a unit that
/// does not exist then, a parent of the wrong level), before anything is recorded; after
/// recording, `checkStructure` refuses what would leave a unit under a parent that does not
/// exist (a district ended with communes still under it; a void that would bring back a
/// commune under a district that has ended since), and `admit` takes the event back out.
/// Both run on replay too; a log without unit changes never meets them.
extension Registry {
    /// How many days after the day it is recorded a unit event may take effect: a resolution
    /// is adopted before it takes effect (those of 2025 by two weeks: adopted 16 June,
    /// effective 1 July), rarely by more than months; a year and a day covers any of them and
    /// still catches a mistyped year.
    public static let unitChangeMaxDaysAhead = 366

    /// Whether events of `type` change units (and their voids must be checked).
    static func isUnitChange(_ type: EventType) -> Bool {
        switch type {
        case .unitRenamed, .unitMoved, .unitMerged, .unitSplit, .unitEnded: return true
        default: return false
        }
    }

    /// `day` − 1.
    static func dayBefore(_ day: Day) -> Day { Day(daysSinceEpoch: day.daysSinceEpoch - 1) }

    /// `name (code)` of a unit, by its name on `day` when given.
    func label(_ code: String, on day: Day? = nil) -> String {
        let name = day.flatMap { lineage[code]?.name(on: $0) } ?? units[code]?.name ?? code
        return "\(name) (\(code))"
    }

    /// The parent of `code` on `day`.
    func parent(of code: String, on day: Day) -> String? {
        if let h = lineage[code] { return h.parent(on: day) }
        return units[code]?.parent
    }

    /// True when `code` is `ancestor` or lay under it on `day`.
    public func isWithin(_ code: String, _ ancestor: String, on day: Day) -> Bool {
        var current: String? = code
        var steps = 0
        // Levels strictly rise going up, so a chain is at most four long; the bound only
        // guards against a state that validation could not have produced.
        while let c = current, steps < 8 {
            if c == ancestor { return true }
            current = parent(of: c, on: day)
            steps += 1
        }
        return false
    }

    /// What ended `code`, in a sentence: "Vĩnh Yên (BY-VINHYEN) was merged into Nghĩa Đô
    /// (BY-NGHIADO) on 2025-07-01".
    func endedMessage(_ code: String) -> String {
        guard let h = lineage[code], let end = h.end else { return "\(label(code)) exists" }
        let last = Self.dayBefore(end.effectiveOn)
        let act = end.act.map { " (\($0))" } ?? ""
        switch end.change {
        case .merged:
            let into = h.successors.first(where: { $0.by == end.by })?.unit ?? "?"
            return "\(label(code, on: last)) was merged into \(label(into, on: end.effectiveOn)) on \(end.effectiveOn)\(act)"
        case .split:
            let parts = h.successors.filter { $0.by == end.by }
                .map { label($0.unit, on: end.effectiveOn) + ($0.main ? ", the main part" : "") }
            return "\(label(code, on: last)) was split into \(parts.joined(separator: "; ")) on \(end.effectiveOn)\(act)"
        case .ended:
            return "\(label(code, on: last)) ended on \(end.effectiveOn)\(act)"
        }
    }

    /// Where facts of a day after `code` ended belong, for the refusal of a fact that names it.
    func afterEndAdvice(_ code: String) -> String {
        guard let h = lineage[code], let end = h.end else { return "" }
        switch end.change {
        case .merged:
            let into = h.successors.first(where: { $0.by == end.by })?.unit ?? "?"
            return "record facts from that day under \(into)"
        case .split:
            let parts = h.successors.filter { $0.by == end.by }.map(\.unit)
            return "record facts from that day under the part where they happened: \(parts.joined(separator: " or "))"
        case .ended:
            let parent = h.parent(on: Self.dayBefore(end.effectiveOn))
            return "record facts from that day under the unit that took its work over" + (parent.map { " (it was under \(label($0)))" } ?? "")
        }
    }

    /// Why `code` does not exist on `day` (nil when it does), for a fact dated `day`.
    func absence(_ code: String, on day: Day) -> String? {
        guard let h = lineage[code], !h.exists(on: day) else { return nil }
        if let from = h.validFrom, day < from {
            let before = h.predecessors.filter { $0.effectiveOn == from }.map { label($0.unit, on: Self.dayBefore(from)) }
            let advice = before.isEmpty
                ? "record facts dated before it under the unit they happened in"
                : "facts dated before it belong to what it was formed from: \(before.joined(separator: ", "))"
            return "\(label(code, on: from)) exists from \(from); \(advice)"
        }
        return "\(endedMessage(code)); \(afterEndAdvice(code))"
    }

    // MARK: - Admission: facts name units that exist on their date

    /// The admission rules of catalogue 2 (`checkAdmission` runs them): a fact names a unit
    /// that exists on the fact's date, and a contribution's campaign belongs to a unit that
    /// exists then, above the contribution's unit as the tree stood that day (a campaign of a
    /// district that ended still takes facts dated before the end).
    func checkUnitsExist(_ data: EventData, path: String) throws(ValidationError) {
        // A log without unit changes (every log of catalogue 1) has nothing to check.
        if lineage.histories.isEmpty { return }
        if let (unit, field, day) = data.datedUnit, units[unit] != nil, let why = absence(unit, on: day) {
            throw ValidationError(.invalidValue, path: "\(path).unit", "\(field) \(day): \(why)")
        }
    }

    /// The campaign rule of `checkAdmission`, by the tree as it stood on the contribution's
    /// date; `nil` when the contribution passes.
    func campaignProblem(unit: String, campaign: String, campaignUnit: String, on day: Day) -> String? {
        if let why = absence(campaignUnit, on: day) {
            return "campaign '\(campaign)' belongs to \(why), so it takes facts dated up to its last day only; this one is dated \(day): name a campaign of a unit that exists then, or leave out 'campaign'"
        }
        if isWithin(unit, campaignUnit, on: day) { return nil }
        return "campaign '\(campaign)' belongs to unit \(campaignUnit), and \(unit) is not \(campaignUnit) nor under it"
            + (lineage.histories.isEmpty ? "" : " on \(day)")
            + ": a contribution counts towards a campaign only at the campaign's unit or below; name a campaign of \(unit) or of a unit above it, or leave out 'campaign'"
    }

    // MARK: - Checks before recording

    /// The rules a unit change must meet on its own terms, before it is recorded.
    func checkUnitChange(_ data: EventData, path: String) throws(ValidationError) {
        func at(_ field: String) -> String { "\(path).\(field)" }
        /// A unit that exists, has not ended, and exists on `day` (and the day before, for a
        /// change that ends it or splits it: it must have existed before).
        func live(_ code: String, _ field: String, on day: Day, before: Bool) throws(ValidationError) -> UnitEntry {
            guard let entry = units[code] else {
                throw ValidationError(.unknownReference, path: at(field), "unknown unit '\(code)'; register it first with unit.registered")
            }
            if lineage.hasEnded(code) {
                throw ValidationError(
                    .conflict, path: at(field),
                    "\(endedMessage(code)); a unit that has ended cannot change again (void that change first, with entry.voided, to change it)")
            }
            if let from = lineage[code]?.validFrom {
                if day < from {
                    throw ValidationError(.invalidValue, path: at("effectiveOn"), "\(label(code)) exists from \(from); a change of it cannot take effect on \(day), before that")
                }
                if before, day == from {
                    throw ValidationError(
                        .invalidValue, path: at("effectiveOn"),
                        "\(label(code)) exists from \(from), so it cannot be merged, split or ended on that same day; the earliest is the day after")
                }
            }
            return entry
        }
        func sameLevel(_ code: String, _ entry: UnitEntry, as level: UnitLevel, _ field: String, _ what: String) throws(ValidationError) {
            guard entry.level == level else {
                throw ValidationError(
                    .invalidValue, path: at(field),
                    "\(label(code)) is a \(entry.level.rawValue) and \(what) a \(level.rawValue): only units of one level can be merged or split into each other; move it first, or leave it out")
            }
        }

        switch data {
        case .unitRenamed(let e):
            _ = try live(e.unit, "unit", on: e.effectiveOn, before: false)
            if let same = lineage[e.unit]?.renames.first(where: { $0.effectiveOn == e.effectiveOn }) {
                throw ValidationError(
                    .conflict, path: at("effectiveOn"),
                    "\(label(e.unit)) is already renamed '\(same.name)' from \(e.effectiveOn) (event \(same.by)); void that rename to correct it")
            }
            let current = lineage[e.unit]?.name(on: e.effectiveOn) ?? units[e.unit]?.name ?? ""
            if UnitNameQuery.caseless(current) == UnitNameQuery.caseless(e.name) {
                throw ValidationError(.invalidValue, path: at("name"), "\(e.unit) is already named '\(current)' on \(e.effectiveOn); give the new name")
            }
        case .unitMoved(let e):
            let entry = try live(e.unit, "unit", on: e.effectiveOn, before: false)
            if entry.level == .province {
                throw ValidationError(.invalidValue, path: at("unit"), "\(label(e.unit)) is a province: a province has no parent and is not moved; merge it (unit.merged) instead")
            }
            guard let newParent = units[e.parent] else {
                throw ValidationError(.unknownReference, path: at("parent"), "unknown parent unit '\(e.parent)'; register it first")
            }
            if isWithin(e.parent, e.unit, on: e.effectiveOn) {
                throw ValidationError(
                    .invalidValue, path: at("parent"),
                    "\(label(e.parent)) is under \(label(e.unit)) on \(e.effectiveOn): a unit cannot be moved under its own descendant")
            }
            guard newParent.level < entry.level else {
                throw ValidationError(
                    .invalidValue, path: at("parent"),
                    "a \(entry.level.rawValue) cannot belong to a \(newParent.level.rawValue); the parent must be a higher level")
            }
            if let why = absence(e.parent, on: e.effectiveOn) {
                throw ValidationError(
                    .invalidValue, path: at("parent"),
                    "on \(e.effectiveOn) the new parent does not exist: \(why)")
            }
            if lineage.hasEnded(e.parent) {
                throw ValidationError(
                    .conflict, path: at("parent"),
                    "\(endedMessage(e.parent)); a unit cannot be moved under it; move it under a unit that exists")
            }
            if parent(of: e.unit, on: e.effectiveOn) == e.parent {
                throw ValidationError(.invalidValue, path: at("parent"), "\(e.unit) is already under \(label(e.parent)) on \(e.effectiveOn)")
            }
            if let same = lineage[e.unit]?.moves.first(where: { $0.effectiveOn == e.effectiveOn }) {
                throw ValidationError(
                    .conflict, path: at("effectiveOn"),
                    "\(label(e.unit)) is already moved under \(same.parent) from \(e.effectiveOn) (event \(same.by)); void that move to correct it")
            }
        case .unitMerged(let e):
            var level: UnitLevel?
            for (i, code) in e.units.enumerated() {
                let entry = try live(code, "units[\(i)]", on: e.effectiveOn, before: code != e.into)
                if let level { try sameLevel(code, entry, as: level, "units[\(i)]", "\(e.units[0]) is") }
                level = level ?? entry.level
            }
            if !e.units.contains(e.into) {
                let entry = try live(e.into, "into", on: e.effectiveOn, before: false)
                if let level { try sameLevel(e.into, entry, as: level, "into", "the units merged are each") }
            }
        case .unitSplit(let e):
            let entry = try live(e.unit, "unit", on: e.effectiveOn, before: true)
            for (i, code) in e.into.enumerated() where code != e.unit {
                let part = try live(code, "into[\(i)]", on: e.effectiveOn, before: false)
                try sameLevel(code, part, as: entry.level, "into[\(i)]", "\(e.unit) is")
            }
        case .unitEnded(let e):
            _ = try live(e.unit, "unit", on: e.effectiveOn, before: true)
        default:
            return
        }
    }

    // MARK: - Recording

    /// Saves a unit's entry and history for `undo`, then records `data` in the lineage and
    /// brings the entries' current name and parent up to date.
    mutating func recordUnitChange(_ data: EventData, id: EventID, undo: inout [UndoStep]) {
        let touched = UnitLineage.touched(by: data)
        save(touched, undo: &undo)
        lineage.record(data, id: id, current: { code in self.units[code].map { ($0.name, $0.parent) } })
        refresh(touched)
    }

    /// Takes a voided unit change back out (the check that nothing depends on it follows, in
    /// `checkStructure`).
    mutating func forgetUnitChange(_ data: EventData, id: EventID, undo: inout [UndoStep]) {
        let touched = UnitLineage.touched(by: data)
        save(touched, undo: &undo)
        lineage.forget(data, id: id)
        refresh(touched)
    }

    private mutating func save(_ codes: [String], undo: inout [UndoStep]) {
        for code in codes {
            undo.append(.restoreUnit(code, units[code]))
            undo.append(.restoreHistory(code, lineage[code]))
        }
    }

    private mutating func refresh(_ codes: [String]) {
        for code in codes {
            guard let h = lineage[code] else { continue }
            units[code]?.name = h.currentName
            units[code]?.parent = h.currentParent
        }
    }

    // MARK: - Checks after recording

    /// The spans of `code`'s life under each parent.
    private func spans(_ code: String) -> [(from: Day?, to: Day?, parent: String?)] {
        if let h = lineage[code] { return h.parentSpans }
        return [(nil, nil, units[code]?.parent)]
    }

    /// The first span of `code`'s life under a parent that does not exist all through it.
    func parentGap(of code: String) -> (from: Day?, parent: String)? {
        for span in spans(code) {
            guard let parent = span.parent else { continue }
            let life = lineage[parent]
            let startsLate = life?.validFrom.map { from in span.from.map { $0 < from } ?? true } ?? false
            let endsEarly = life?.validTo.map { to in span.to.map { $0 > to } ?? true } ?? false
            if startsLate || endsEarly { return (span.from, parent) }
        }
        return nil
    }

    /// Units that would be under `code` on a day it does not exist.
    func strandedChildren(of code: String) -> [String] {
        guard lineage[code] != nil else { return [] }
        var found: [String] = []
        for (child, entry) in units {
            let history = lineage[child]
            let couldBeUnder = entry.parent == code || history?.registeredParent == code || history?.moves.contains(where: { $0.parent == code }) == true
            guard couldBeUnder, let gap = parentGap(of: child), gap.parent == code else { continue }
            found.append(child)
        }
        return found.sorted()
    }

    /// What `parentGap` says, in words.
    private func gapMessage(_ code: String, _ gap: (from: Day?, parent: String)) -> String {
        let life = lineage[gap.parent]
        var exists: [String] = []
        if let from = life?.validFrom { exists.append("from \(from)") }
        if let to = life?.validTo { exists.append("until \(to)") }
        let since = gap.from.map { " from \($0) on" } ?? ""
        return "\(label(code)) would be under \(label(gap.parent))\(since), which exists only \(exists.joined(separator: " "))"
    }

    /// The rules that hold after an event is recorded: every unit lies, each day it exists,
    /// under a parent that exists that day. Refused at the field to change.
    func checkStructure(after data: EventData, path: String, target: (UInt64) -> EventData?) throws(ValidationError) {
        func at(_ field: String) -> String { "\(path).\(field)" }
        func noneStranded(_ code: String, _ field: String) throws(ValidationError) {
            let stranded = strandedChildren(of: code)
            guard !stranded.isEmpty else { return }
            let shown = stranded.prefix(5).map { label($0) }.joined(separator: ", ") + (stranded.count > 5 ? " and \(stranded.count - 5) more" : "")
            throw ValidationError(
                .conflict, path: at(field),
                "\(label(code)) still has units under it after its last day: \(shown); move them first (unit.moved, earlier in the same batch) or merge them away")
        }
        switch data {
        case .unitRegistered(let u):
            guard u.effectiveOn != nil || u.parent.map({ lineage[$0] != nil }) == true, let gap = parentGap(of: u.code) else { return }
            throw ValidationError(
                .invalidValue, path: at(u.effectiveOn == nil ? "parent" : "effectiveOn"),
                gapMessage(u.code, gap) + "; register it with an effectiveOn within its parent's life, or under another parent")
        case .unitMoved(let e):
            if let gap = parentGap(of: e.unit) {
                throw ValidationError(.invalidValue, path: at("parent"), gapMessage(e.unit, gap) + "; move it under a unit that exists all that time")
            }
        case .unitMerged(let e):
            for (i, code) in e.units.enumerated() where code != e.into { try noneStranded(code, "units[\(i)]") }
        case .unitSplit(let e):
            if !e.keepsUnit { try noneStranded(e.unit, "unit") }
        case .unitEnded(let e):
            try noneStranded(e.unit, "unit")
        case .entryVoided(let v):
            // Only a void of a unit change can strand a unit; any other void reads nothing more.
            guard let entry = events[v.target], Self.isUnitChange(entry.type), let voided = target(entry.seq) else { return }
            for code in UnitLineage.touched(by: voided) {
                guard let gap = parentGap(of: code) else { continue }
                let blocker = lineage[gap.parent]?.end.map { " (event \($0.by))" } ?? ""
                throw ValidationError(
                    .conflict, path: at("target"),
                    "this \(voided.type.rawValue) cannot be voided: without it \(gapMessage(code, gap)); a later change depends on it: void that change first\(blocker), or record a compensating change instead")
            }
        default:
            return
        }
    }
}
