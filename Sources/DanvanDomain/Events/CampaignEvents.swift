import DanvanJSON

/// Targets a campaign sets itself; progress is reported against them.
public struct CampaignTargets: Sendable, Hashable {
    /// Land to be donated, m².
    public var landM2: Quantity?
    /// Money to be raised, VND.
    public var fundsVnd: Int64?
    /// Workdays to be contributed.
    public var workdays: Quantity?
    /// Kilometres of road to be completed.
    public var roadsKm: Quantity?
    /// Houses to be built.
    public var houses: Int64?

    /// Creates targets.
    public init(landM2: Quantity? = nil, fundsVnd: Int64? = nil, workdays: Quantity? = nil, roadsKm: Quantity? = nil, houses: Int64? = nil) {
        self.landM2 = landM2
        self.fundsVnd = fundsVnd
        self.workdays = workdays
        self.roadsKm = roadsKm
        self.houses = houses
    }

    init(reading r: inout FieldReader) throws(ValidationError) {
        landM2 = try r.optionalQuantity("landM2")
        fundsVnd = try r.optionalInteger("fundsVnd", in: Limits.vndOrZero)
        workdays = try r.optionalQuantity("workdays")
        roadsKm = try r.optionalQuantity("roadsKm")
        houses = try r.optionalInteger("houses", in: Limits.countOrZero)
        try r.finish()
    }

    var json: JSONObject {
        var o = JSONObject()
        o.put("landM2", landM2)
        o.put("fundsVnd", fundsVnd)
        o.put("workdays", workdays)
        o.put("roadsKm", roadsKm)
        o.put("houses", houses)
        return o
    }
}

/// `campaign.launched`: a movement, drive, program or special drive begins in a unit.
public struct CampaignLaunched: EventPayload {
    public static let type = EventType.campaignLaunched
    /// Unique campaign id.
    public var campaign: String
    /// Title in Vietnamese.
    public var title: String
    /// Kind of campaign.
    public var kind: CampaignKind
    /// Code of the unit that launched it.
    public var unit: String
    /// Start date.
    public var startedOn: Day
    /// Optional targets.
    public var targets: CampaignTargets?

    public init(reading r: inout FieldReader) throws(ValidationError) {
        campaign = try r.code("campaign")
        title = try r.text("title", maxLength: 500)
        kind = try r.choice("kind", CampaignKind.self)
        unit = try r.code("unit", unit: true)
        startedOn = try r.day("startedOn")
        if var t = try r.optionalObject("targets") {
            targets = try CampaignTargets(reading: &t)
        } else {
            targets = nil
        }
        try r.finish()
    }

    public var json: JSONObject {
        var o = JSONObject()
        o.put("campaign", campaign)
        o.put("title", title)
        o.put("kind", kind)
        o.put("unit", unit)
        o.put("startedOn", startedOn)
        if let targets { o.members.append(("targets", .object(targets.json))) }
        return o
    }
}

/// `campaign.closed`: a campaign ends; its totals stay.
public struct CampaignClosed: EventPayload {
    public static let type = EventType.campaignClosed
    /// The campaign.
    public var campaign: String
    /// Closing date; not before the start.
    public var closedOn: Day

    public init(reading r: inout FieldReader) throws(ValidationError) {
        campaign = try r.code("campaign")
        closedOn = try r.day("closedOn")
        try r.finish()
    }

    public var json: JSONObject {
        var o = JSONObject()
        o.put("campaign", campaign)
        o.put("closedOn", closedOn)
        return o
    }
}
