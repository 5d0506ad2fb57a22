extension EventData {
    /// The event's own date and the field that holds it (`donatedOn`, `heldOn`, …): the day
    /// the fact happened, by which a period counts it. Every type has at most one;
    /// `unit.registered` and `entry.voided` have none.
    public var ownDate: (field: String, day: Day)? {
        switch self {
        case .unitRegistered, .entryVoided: return nil
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
}
