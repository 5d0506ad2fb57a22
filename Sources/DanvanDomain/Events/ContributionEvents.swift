import DanvanJSON

/// `land.donated` ("hiến đất"): households give land, often with trees and fences on it.
public struct LandDonated: EventPayload {
    public static let type = EventType.landDonated
    /// Where.
    public var unit: String
    /// Campaign it counts towards.
    public var campaign: String?
    /// Donor households (≥ 1).
    public var households: Int64
    /// Area in m² (> 0).
    public var areaM2: Quantity
    /// Value of trees, fences and other assets on the land, VND.
    public var assetsVnd: Int64?
    /// What the land is for.
    public var purpose: LandPurpose
    /// Date of donation.
    public var donatedOn: Day

    public init(reading r: inout FieldReader) throws(ValidationError) {
        unit = try r.code("unit", unit: true)
        campaign = try r.optionalCode("campaign")
        households = try r.integer("households", in: Limits.count)
        areaM2 = try r.quantity("areaM2")
        assetsVnd = try r.optionalInteger("assetsVnd", in: Limits.vndOrZero)
        purpose = try r.choice("purpose", LandPurpose.self)
        donatedOn = try r.day("donatedOn")
        try r.finish()
    }

    public var json: JSONObject {
        var o = JSONObject()
        o.put("unit", unit)
        o.put("campaign", campaign)
        o.put("households", households)
        o.put("areaM2", areaM2)
        o.put("assetsVnd", assetsVnd)
        o.put("purpose", purpose)
        o.put("donatedOn", donatedOn)
        return o
    }
}

/// `funds.contributed`: money given, in whole VND.
public struct FundsContributed: EventPayload {
    public static let type = EventType.fundsContributed
    /// Where.
    public var unit: String
    /// Campaign it counts towards.
    public var campaign: String?
    /// Amount in VND (> 0).
    public var amountVnd: Int64
    /// Who gave.
    public var source: FundSource
    /// Date.
    public var contributedOn: Day

    public init(reading r: inout FieldReader) throws(ValidationError) {
        unit = try r.code("unit", unit: true)
        campaign = try r.optionalCode("campaign")
        amountVnd = try r.integer("amountVnd", in: Limits.vnd)
        source = try r.choice("source", FundSource.self)
        contributedOn = try r.day("contributedOn")
        try r.finish()
    }

    public var json: JSONObject {
        var o = JSONObject()
        o.put("unit", unit)
        o.put("campaign", campaign)
        o.put("amountVnd", amountVnd)
        o.put("source", source)
        o.put("contributedOn", contributedOn)
        return o
    }
}

/// `labor.contributed` ("ngày công"): workdays given.
public struct LaborContributed: EventPayload {
    public static let type = EventType.laborContributed
    /// Where.
    public var unit: String
    /// Campaign it counts towards.
    public var campaign: String?
    /// Workdays (> 0, halves are common).
    public var workdays: Quantity
    /// People who took part.
    public var participants: Int64?
    /// Date.
    public var contributedOn: Day

    public init(reading r: inout FieldReader) throws(ValidationError) {
        unit = try r.code("unit", unit: true)
        campaign = try r.optionalCode("campaign")
        workdays = try r.quantity("workdays")
        participants = try r.optionalInteger("participants", in: Limits.count)
        contributedOn = try r.day("contributedOn")
        try r.finish()
    }

    public var json: JSONObject {
        var o = JSONObject()
        o.put("unit", unit)
        o.put("campaign", campaign)
        o.put("workdays", workdays)
        o.put("participants", participants)
        o.put("contributedOn", contributedOn)
        return o
    }
}

/// `works.completed`: roads, houses, lighting finished.
public struct WorksCompleted: EventPayload {
    public static let type = EventType.worksCompleted
    /// Where.
    public var unit: String
    /// Campaign it counts towards.
    public var campaign: String?
    /// Kind of works.
    public var kind: WorksKind
    /// How many (≥ 1).
    public var count: Int64
    /// Length, for roads.
    public var lengthKm: Quantity?
    /// Value in VND.
    public var valueVnd: Int64?
    /// Completion date.
    public var completedOn: Day

    public init(reading r: inout FieldReader) throws(ValidationError) {
        unit = try r.code("unit", unit: true)
        campaign = try r.optionalCode("campaign")
        kind = try r.choice("kind", WorksKind.self)
        count = try r.integer("count", in: Limits.count)
        lengthKm = try r.optionalQuantity("lengthKm")
        valueVnd = try r.optionalInteger("valueVnd", in: Limits.vndOrZero)
        completedOn = try r.day("completedOn")
        try r.finish()
    }

    public var json: JSONObject {
        var o = JSONObject()
        o.put("unit", unit)
        o.put("campaign", campaign)
        o.put("kind", kind)
        o.put("count", count)
        o.put("lengthKm", lengthKm)
        o.put("valueVnd", valueVnd)
        o.put("completedOn", completedOn)
        return o
    }
}
