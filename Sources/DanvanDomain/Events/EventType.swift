/// The event catalogue, version 2: every kind of fact danvan records (version 2 added the
/// unit changes, `unit.renamed` … `unit.ended`).
public enum EventType: String, Sendable, CaseIterable, Hashable {
    case unitRegistered = "unit.registered"
    case campaignLaunched = "campaign.launched"
    case campaignClosed = "campaign.closed"
    case landDonated = "land.donated"
    case fundsContributed = "funds.contributed"
    case laborContributed = "labor.contributed"
    case worksCompleted = "works.completed"
    case dialogueHeld = "dialogue.held"
    case opinionAnswered = "opinion.answered"
    case modelRegistered = "model.registered"
    case entryVoided = "entry.voided"
    case unitRenamed = "unit.renamed"
    case unitMoved = "unit.moved"
    case unitMerged = "unit.merged"
    case unitSplit = "unit.split"
    case unitEnded = "unit.ended"

    /// A stable small number for the binary record payload; never reuse one.
    public var tag: UInt8 {
        switch self {
        case .unitRegistered: return 1
        case .campaignLaunched: return 2
        case .campaignClosed: return 3
        case .landDonated: return 4
        case .fundsContributed: return 5
        case .laborContributed: return 6
        case .worksCompleted: return 7
        case .dialogueHeld: return 8
        case .opinionAnswered: return 9
        case .modelRegistered: return 10
        case .entryVoided: return 11
        case .unitRenamed: return 12
        case .unitMoved: return 13
        case .unitMerged: return 14
        case .unitSplit: return 15
        case .unitEnded: return 16
        }
    }

    /// The type with binary tag `tag`.
    public init?(tag: UInt8) {
        switch tag {
        case 1: self = .unitRegistered
        case 2: self = .campaignLaunched
        case 3: self = .campaignClosed
        case 4: self = .landDonated
        case 5: self = .fundsContributed
        case 6: self = .laborContributed
        case 7: self = .worksCompleted
        case 8: self = .dialogueHeld
        case 9: self = .opinionAnswered
        case 10: self = .modelRegistered
        case 11: self = .entryVoided
        case 12: self = .unitRenamed
        case 13: self = .unitMoved
        case 14: self = .unitMerged
        case 15: self = .unitSplit
        case 16: self = .unitEnded
        default: return nil
        }
    }
}

extension EventType {
    /// What to tell someone who named a type the catalogue does not have, wherever a type is
    /// named (an event's `type`, a `types` filter, the shell): the name as typed, the nearest
    /// type when it is a slip, and the catalogue.
    public static func unknown(_ name: String) -> String {
        let all = allCases.map(\.rawValue)
        return "unknown event type '\(name)'\(NameSuggestion.hint(for: name, among: all)); the catalogue has \(all.joined(separator: ", "))"
    }
}
