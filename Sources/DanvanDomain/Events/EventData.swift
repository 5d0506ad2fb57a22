import DanvanJSON

/// The typed `data` of any event in the catalogue.
///
/// The two largest payloads (a campaign's 138 bytes, a dialogue's 88) are `indirect`: they
/// are rare, and boxing them keeps every event as small as the common contributions (82
/// bytes instead of 138, `MemoryLayout.size`), which is copied for each event replayed, staged and applied.
public enum EventData: Sendable, Hashable {
    case unitRegistered(UnitRegistered)
    indirect case campaignLaunched(CampaignLaunched)
    case campaignClosed(CampaignClosed)
    case landDonated(LandDonated)
    case fundsContributed(FundsContributed)
    case laborContributed(LaborContributed)
    case worksCompleted(WorksCompleted)
    indirect case dialogueHeld(DialogueHeld)
    case opinionAnswered(OpinionAnswered)
    case modelRegistered(ModelRegistered)
    case entryVoided(EntryVoided)
    case unitRenamed(UnitRenamed)
    case unitMoved(UnitMoved)
    case unitMerged(UnitMerged)
    case unitSplit(UnitSplit)
    case unitEnded(UnitEnded)

    /// Parses `data` for `type`, with errors under `path` (e.g. `events[0].data`).
    /// `trusted` is for data read back from the log (see `FieldReader.trusted`).
    public init(type: EventType, data: JSONValue, path: String, trusted: Bool = false) throws(ValidationError) {
        try self.init(type: type, data: data, location: FieldPath(path), trusted: trusted)
    }

    /// `init(type:data:path:trusted:)` with the path kept in parts until an error needs it.
    init(type: EventType, data: JSONValue, location: FieldPath, trusted: Bool) throws(ValidationError) {
        var r = try FieldReader(data, location: location, trusted: trusted)
        switch type {
        case .unitRegistered: self = .unitRegistered(try UnitRegistered(reading: &r))
        case .campaignLaunched: self = .campaignLaunched(try CampaignLaunched(reading: &r))
        case .campaignClosed: self = .campaignClosed(try CampaignClosed(reading: &r))
        case .landDonated: self = .landDonated(try LandDonated(reading: &r))
        case .fundsContributed: self = .fundsContributed(try FundsContributed(reading: &r))
        case .laborContributed: self = .laborContributed(try LaborContributed(reading: &r))
        case .worksCompleted: self = .worksCompleted(try WorksCompleted(reading: &r))
        case .dialogueHeld: self = .dialogueHeld(try DialogueHeld(reading: &r))
        case .opinionAnswered: self = .opinionAnswered(try OpinionAnswered(reading: &r))
        case .modelRegistered: self = .modelRegistered(try ModelRegistered(reading: &r))
        case .entryVoided: self = .entryVoided(try EntryVoided(reading: &r))
        case .unitRenamed: self = .unitRenamed(try UnitRenamed(reading: &r))
        case .unitMoved: self = .unitMoved(try UnitMoved(reading: &r))
        case .unitMerged: self = .unitMerged(try UnitMerged(reading: &r))
        case .unitSplit: self = .unitSplit(try UnitSplit(reading: &r))
        case .unitEnded: self = .unitEnded(try UnitEnded(reading: &r))
        }
    }

    /// The catalogue type.
    public var type: EventType {
        switch self {
        case .unitRegistered: return .unitRegistered
        case .campaignLaunched: return .campaignLaunched
        case .campaignClosed: return .campaignClosed
        case .landDonated: return .landDonated
        case .fundsContributed: return .fundsContributed
        case .laborContributed: return .laborContributed
        case .worksCompleted: return .worksCompleted
        case .dialogueHeld: return .dialogueHeld
        case .opinionAnswered: return .opinionAnswered
        case .modelRegistered: return .modelRegistered
        case .entryVoided: return .entryVoided
        case .unitRenamed: return .unitRenamed
        case .unitMoved: return .unitMoved
        case .unitMerged: return .unitMerged
        case .unitSplit: return .unitSplit
        case .unitEnded: return .unitEnded
        }
    }

    /// The payload as the protocol's `data` object.
    public var json: JSONObject {
        switch self {
        case .unitRegistered(let p): return p.json
        case .campaignLaunched(let p): return p.json
        case .campaignClosed(let p): return p.json
        case .landDonated(let p): return p.json
        case .fundsContributed(let p): return p.json
        case .laborContributed(let p): return p.json
        case .worksCompleted(let p): return p.json
        case .dialogueHeld(let p): return p.json
        case .opinionAnswered(let p): return p.json
        case .modelRegistered(let p): return p.json
        case .entryVoided(let p): return p.json
        case .unitRenamed(let p): return p.json
        case .unitMoved(let p): return p.json
        case .unitMerged(let p): return p.json
        case .unitSplit(let p): return p.json
        case .unitEnded(let p): return p.json
        }
    }
}
