/// An enumeration stored as one byte in the binary record payload.
///
/// The numbers are part of the on-disk format: they are written out case by case (never
/// derived from declaration order or `allCases`), so reordering or adding cases cannot
/// silently change what old records mean. A new case takes the next unused number; a
/// number is never reused.
protocol BinaryCodedEnum {
    /// The case's stable number.
    var binaryCode: UInt8 { get }
    /// The case with that number, or nil when none has it.
    init?(binaryCode: UInt8)
}

extension PayloadReader {
    /// One byte naming a case of `E`; refused when no case has that number.
    @inline(__always)
    mutating func choice<E: BinaryCodedEnum>(_: E.Type) throws(PayloadError) -> E {
        let at = offset
        guard let e = E(binaryCode: try u8()) else { throw PayloadError("unknown enumeration value", at: at) }
        return e
    }
}

extension PayloadWriter {
    /// One byte naming a case.
    @inline(__always)
    mutating func choice<E: BinaryCodedEnum>(_ e: E) { u8(e.binaryCode) }
}

extension UnitLevel: BinaryCodedEnum {
    var binaryCode: UInt8 {
        switch self {
        case .province: return 0
        case .district: return 1
        case .commune: return 2
        case .village: return 3
        }
    }

    init?(binaryCode: UInt8) {
        switch binaryCode {
        case 0: self = .province
        case 1: self = .district
        case 2: self = .commune
        case 3: self = .village
        default: return nil
        }
    }
}

extension CampaignKind: BinaryCodedEnum {
    var binaryCode: UInt8 {
        switch self {
        case .movement: return 0
        case .drive: return 1
        case .program: return 2
        case .specialDrive: return 3
        }
    }

    init?(binaryCode: UInt8) {
        switch binaryCode {
        case 0: self = .movement
        case 1: self = .drive
        case 2: self = .program
        case 3: self = .specialDrive
        default: return nil
        }
    }
}

extension LandPurpose: BinaryCodedEnum {
    var binaryCode: UInt8 {
        switch self {
        case .road: return 0
        case .publicWorks: return 1
        case .school: return 2
        case .cemetery: return 3
        case .other: return 4
        }
    }

    init?(binaryCode: UInt8) {
        switch binaryCode {
        case 0: self = .road
        case 1: self = .publicWorks
        case 2: self = .school
        case 3: self = .cemetery
        case 4: self = .other
        default: return nil
        }
    }
}

extension FundSource: BinaryCodedEnum {
    var binaryCode: UInt8 {
        switch self {
        case .household: return 0
        case .business: return 1
        case .organization: return 2
        case .individual: return 3
        }
    }

    init?(binaryCode: UInt8) {
        switch binaryCode {
        case 0: self = .household
        case 1: self = .business
        case 2: self = .organization
        case 3: self = .individual
        default: return nil
        }
    }
}

extension WorksKind: BinaryCodedEnum {
    var binaryCode: UInt8 {
        switch self {
        case .road: return 0
        case .borderRoad: return 1
        case .house: return 2
        case .lighting: return 3
        case .other: return 4
        }
    }

    init?(binaryCode: UInt8) {
        switch binaryCode {
        case 0: self = .road
        case 1: self = .borderRoad
        case 2: self = .house
        case 3: self = .lighting
        case 4: self = .other
        default: return nil
        }
    }
}

extension DialogueChair: BinaryCodedEnum {
    var binaryCode: UInt8 {
        switch self {
        case .partyCommitteeHead: return 0
        case .governmentHead: return 1
        case .joint: return 2
        }
    }

    init?(binaryCode: UInt8) {
        switch binaryCode {
        case 0: self = .partyCommitteeHead
        case 1: self = .governmentHead
        case 2: self = .joint
        default: return nil
        }
    }
}

extension DialogueFormat: BinaryCodedEnum {
    var binaryCode: UInt8 {
        switch self {
        case .periodic: return 0
        case .adHoc: return 1
        }
    }

    init?(binaryCode: UInt8) {
        switch binaryCode {
        case 0: self = .periodic
        case 1: self = .adHoc
        default: return nil
        }
    }
}

extension ModelField: BinaryCodedEnum {
    var binaryCode: UInt8 {
        switch self {
        case .economy: return 0
        case .cultureSociety: return 1
        case .defenseSecurity: return 2
        case .politicalSystem: return 3
        }
    }

    init?(binaryCode: UInt8) {
        switch binaryCode {
        case 0: self = .economy
        case 1: self = .cultureSociety
        case 2: self = .defenseSecurity
        case 3: self = .politicalSystem
        default: return nil
        }
    }
}
