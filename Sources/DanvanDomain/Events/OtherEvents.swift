import DanvanJSON

/// `model.registered`: a "Dân vận khéo" (skilled mass mobilization) model is recognised.
public struct ModelRegistered: EventPayload {
    public static let type = EventType.modelRegistered
    /// Unique model id.
    public var model: String
    /// Where.
    public var unit: String
    /// Title.
    public var title: String
    /// Field.
    public var field: ModelField
    /// Date registered.
    public var registeredOn: Day

    public init(reading r: inout FieldReader) throws(ValidationError) {
        model = try r.code("model")
        unit = try r.code("unit", unit: true)
        title = try r.text("title", maxLength: 500)
        field = try r.choice("field", ModelField.self)
        registeredOn = try r.day("registeredOn")
        try r.finish()
    }

    public var json: JSONObject {
        var o = JSONObject()
        o.put("model", model)
        o.put("unit", unit)
        o.put("title", title)
        o.put("field", field)
        o.put("registeredOn", registeredOn)
        return o
    }
}

/// `entry.voided`: a correction. The target's effect leaves every figure; the log keeps both.
public struct EntryVoided: EventPayload {
    public static let type = EventType.entryVoided
    /// The event being voided.
    public var target: EventID
    /// Why, for the record.
    public var reason: String

    public init(reading r: inout FieldReader) throws(ValidationError) {
        let text = try r.code("target")
        guard let id = EventID(text) else {
            throw ValidationError(.invalidValue, path: r.path("target"), "'target' must be an event id (UUID)")
        }
        target = id
        reason = try r.text("reason", maxLength: 2000)
        try r.finish()
    }

    public var json: JSONObject {
        var o = JSONObject()
        o.put("target", target.description)
        o.put("reason", reason)
        return o
    }
}
