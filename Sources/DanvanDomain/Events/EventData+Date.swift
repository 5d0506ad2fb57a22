extension EventData {
    /// The event's own date and the field that holds it (`donatedOn`, `heldOn`, …): the day
    /// the fact happened, by which a period counts it. Every type has at most one;
    /// `entry.voided` and a `unit.registered` without `effectiveOn` have none. A unit
    /// change's is the day it takes effect (`effectiveOn`), the one own date that may be
    /// ahead of the day it is recorded (`Registry.checkOwnDate`).
    public var ownDate: (field: String, day: Day)? {
        switch self {
        case .entryVoided: return nil
        case .unitRegistered(let u): return u.effectiveOn.map { ("effectiveOn", $0) }
        case .unitRenamed(let e): return ("effectiveOn", e.effectiveOn)
        case .unitMoved(let e): return ("effectiveOn", e.effectiveOn)
        case .unitMerged(let e): return ("effectiveOn", e.effectiveOn)
        case .unitSplit(let e): return ("effectiveOn", e.effectiveOn)
        case .unitEnded(let e): return ("effectiveOn", e.effectiveOn)
        case .campaignLaunched(let e): return ("startedOn", e.startedOn)
        case .campaignClosed(let e): return ("closedOn", e.closedOn)
        case .landDonated(let e): return ("donatedOn", e.donatedOn)
        case .fundsContributed(let e): return ("contributedOn", e.contributedOn)
        case .laborContributed(let e): return ("contributedOn", e.contributedOn)
        case .worksCompleted(let e): return ("completedOn", e.completedOn)
        case .dialogueHeld(let e): return ("heldOn", e.heldOn)
        case .opinionAnswered(let e): return ("answeredOn", e.answeredOn)
        case .modelRegistered(let e): return ("registeredOn", e.registeredOn)
        }
    }

    /// The unit and campaign a contribution names, for the rule that ties them together.
    var contribution: (unit: String, campaign: String?)? {
        switch self {
        case .landDonated(let e): return (e.unit, e.campaign)
        case .fundsContributed(let e): return (e.unit, e.campaign)
        case .laborContributed(let e): return (e.unit, e.campaign)
        case .worksCompleted(let e): return (e.unit, e.campaign)
        default: return nil
        }
    }

    /// The unit a fact names and the date it names it on: the unit must exist on that day
    /// (`Registry.checkUnitsExist`). Unit events themselves are not facts about a unit.
    var datedUnit: (unit: String, field: String, day: Day)? {
        switch self {
        case .campaignLaunched(let e): return (e.unit, "startedOn", e.startedOn)
        case .landDonated(let e): return (e.unit, "donatedOn", e.donatedOn)
        case .fundsContributed(let e): return (e.unit, "contributedOn", e.contributedOn)
        case .laborContributed(let e): return (e.unit, "contributedOn", e.contributedOn)
        case .worksCompleted(let e): return (e.unit, "completedOn", e.completedOn)
        case .dialogueHeld(let e): return (e.unit, "heldOn", e.heldOn)
        case .modelRegistered(let e): return (e.unit, "registeredOn", e.registeredOn)
        default: return nil
        }
    }

    /// Whether this is a unit event (`unit.registered` or a change), whose own date is when
    /// it takes effect and may be ahead.
    public var isUnitEvent: Bool {
        switch self {
        case .unitRegistered, .unitRenamed, .unitMoved, .unitMerged, .unitSplit, .unitEnded: return true
        default: return false
        }
    }
}
