import DanvanJSON

/// `unit.registered`: a province, district, commune or village joins the hierarchy.
public struct UnitRegistered: EventPayload {
    public static let type = EventType.unitRegistered
    /// Short unique code (`LC`, `BY`, `BY-BAOHA`).
    public var code: String
    /// Name in Vietnamese, NFC.
    public var name: String
    /// Administrative level.
    public var level: UnitLevel
    /// Code of the parent; absent exactly for provinces.
    public var parent: String?
    /// The first day the unit exists (catalogue 2), for a unit formed by a reorganisation
    /// (the new xã Bảo Yên from 2025-07-01); absent, it has always existed.
    public var effectiveOn: Day?

    /// Creates a payload.
    public init(code: String, name: String, level: UnitLevel, parent: String?, effectiveOn: Day? = nil) {
        self.code = code
        self.name = name
        self.level = level
        self.parent = parent
        self.effectiveOn = effectiveOn
    }

    public init(reading r: inout FieldReader) throws(ValidationError) {
        code = try r.code("code")
        name = try r.text("name", maxLength: 200)
        level = try r.choice("level", UnitLevel.self)
        parent = try r.optionalCode("parent", unit: true)
        effectiveOn = try r.optionalDay("effectiveOn")
        try r.finish()
        if level == .province, parent != nil {
            throw ValidationError(.invalidValue, path: r.path("parent"), "a province has no parent; remove 'parent'")
        }
        if level != .province, parent == nil {
            throw ValidationError(.missingField, path: r.path("parent"), "a \(level.rawValue) needs 'parent', the code of a higher unit")
        }
    }

    public var json: JSONObject {
        var o = JSONObject()
        o.put("code", code)
        o.put("name", name)
        o.put("level", level)
        o.put("parent", parent)
        if let effectiveOn { o.put("effectiveOn", effectiveOn) }
        return o
    }
}
