/// Level of an administrative unit, from the province down to the village ("thôn").
public enum UnitLevel: String, Sendable, CaseIterable, Comparable {
    case province, district, commune, village

    /// Province 0 … village 3: a parent's rank is always lower than its child's.
    public var rank: Int {
        switch self {
        case .province: return 0
        case .district: return 1
        case .commune: return 2
        case .village: return 3
        }
    }

    public static func < (lhs: UnitLevel, rhs: UnitLevel) -> Bool { lhs.rank < rhs.rank }
}

/// What kind of campaign ("phong trào", "cuộc vận động", "chương trình", "đợt cao điểm").
public enum CampaignKind: String, Sendable, CaseIterable {
    case movement, drive, program
    case specialDrive = "special_drive"
}

/// What donated land is for.
public enum LandPurpose: String, Sendable, CaseIterable {
    case road
    case publicWorks = "public_works"
    case school, cemetery, other
}

/// Who contributed money.
public enum FundSource: String, Sendable, CaseIterable {
    case household, business, organization, individual
}

/// Kinds of completed works the reports count.
public enum WorksKind: String, Sendable, CaseIterable {
    case road
    case borderRoad = "border_road"
    case house, lighting, other

    /// Position in fixed-size per-kind tables.
    public var index: Int {
        switch self {
        case .road: return 0
        case .borderRoad: return 1
        case .house: return 2
        case .lighting: return 3
        case .other: return 4
        }
    }
}

/// Who chaired a dialogue: the Party committee's head, the government's head, or both.
public enum DialogueChair: String, Sendable, CaseIterable {
    case partyCommitteeHead = "party_committee_head"
    case governmentHead = "government_head"
    case joint
}

/// Periodic (scheduled) or ad hoc dialogue.
public enum DialogueFormat: String, Sendable, CaseIterable {
    case periodic
    case adHoc = "ad_hoc"
}

/// Field of a "Dân vận khéo" model.
public enum ModelField: String, Sendable, CaseIterable {
    case economy
    case cultureSociety = "culture_society"
    case defenseSecurity = "defense_security"
    case politicalSystem = "political_system"

    /// Position in fixed-size per-field tables.
    public var index: Int {
        switch self {
        case .economy: return 0
        case .cultureSociety: return 1
        case .defenseSecurity: return 2
        case .politicalSystem: return 3
        }
    }
}
