import DanvanJSON

// The events of catalogue version 2 that change the unit tree: a resolution (one per
// province in 2025, 1654–1687/NQ-UBTVQH15) renames, moves, merges, splits and ends units on
// the day it takes effect. Each is dated by `effectiveOn`, the first day of the new state,
// which may be ahead of the day it is recorded (a resolution is adopted before it takes
// effect: `Registry.checkOwnDate`). What the changes mean for the other events is the
// registry's (`Registry+UnitChanges.swift`) and the lineage's (`UnitLineage`) business; here
// only the shape of each event is checked.

/// Most units one `unit.merged` or `unit.split` names: far above any real resolution (a new
/// commune of 2025 was formed from at most a handful), far below a batch.
public let maxUnitsPerChange = 100

/// Longest `act` (the resolution's number, "1673/NQ-UBTVQH15", or its full title).
let maxActLength = 200

/// `unit.renamed`: a unit takes a new name from `effectiveOn`; its code stays, as a code names
/// one unit for its whole life (QĐ 124/2004/QĐ-TTg).
public struct UnitRenamed: EventPayload {
    public static let type = EventType.unitRenamed
    /// The unit's code.
    public var unit: String
    /// The new name, NFC.
    public var name: String
    /// The first day of the new name.
    public var effectiveOn: Day
    /// The resolution, when given.
    public var act: String?

    public init(reading r: inout FieldReader) throws(ValidationError) {
        unit = try r.code("unit", unit: true)
        name = try r.text("name", maxLength: 200)
        effectiveOn = try r.day("effectiveOn")
        act = try r.optionalText("act", maxLength: maxActLength)
        try r.finish()
    }

    public var json: JSONObject {
        var o = JSONObject()
        o.put("unit", unit)
        o.put("name", name)
        o.put("effectiveOn", effectiveOn)
        o.put("act", act)
        return o
    }
}

/// `unit.moved`: a unit belongs to another parent from `effectiveOn` (a commune of an ended
/// district goes to the province).
public struct UnitMoved: EventPayload {
    public static let type = EventType.unitMoved
    /// The unit's code.
    public var unit: String
    /// The new parent's code.
    public var parent: String
    /// The first day under the new parent.
    public var effectiveOn: Day
    /// The resolution, when given.
    public var act: String?

    public init(reading r: inout FieldReader) throws(ValidationError) {
        unit = try r.code("unit", unit: true)
        parent = try r.code("parent", unit: true)
        effectiveOn = try r.day("effectiveOn")
        act = try r.optionalText("act", maxLength: maxActLength)
        try r.finish()
        if parent == unit {
            throw ValidationError(.invalidValue, path: r.path("parent"), "a unit cannot be moved under itself; 'parent' must be the code of a unit of a higher level")
        }
    }

    public var json: JSONObject {
        var o = JSONObject()
        o.put("unit", unit)
        o.put("parent", parent)
        o.put("effectiveOn", effectiveOn)
        o.put("act", act)
        return o
    }
}

/// `unit.merged`: `units` become one, `into`, from `effectiveOn`. `into` is one of `units`
/// (the unit whose seat the merged one keeps: it keeps its code) or another unit, registered
/// before (possibly earlier in the same batch); every other unit of `units` ends the day
/// before.
public struct UnitMerged: EventPayload {
    public static let type = EventType.unitMerged
    /// The units merged, distinct codes.
    public var units: [String]
    /// The unit they form.
    public var into: String
    /// The first day of the merged unit.
    public var effectiveOn: Day
    /// The resolution, when given.
    public var act: String?

    /// The units that end: `units` without `into`.
    public var ending: [String] { units.filter { $0 != into } }

    public init(reading r: inout FieldReader) throws(ValidationError) {
        units = try r.codes("units", maxCount: maxUnitsPerChange, unit: true)
        into = try r.code("into", unit: true)
        effectiveOn = try r.day("effectiveOn")
        act = try r.optionalText("act", maxLength: maxActLength)
        try r.finish()
        if units.isEmpty || (units.count == 1 && units[0] == into) {
            throw ValidationError(
                .invalidValue, path: r.path("units"),
                "'units' must name the units merged: at least two with 'into' among them, or at least one merged into another unit 'into'")
        }
    }

    public var json: JSONObject {
        var o = JSONObject()
        o.members.append(("units", .array(units.map { .string($0) })))
        o.put("into", into)
        o.put("effectiveOn", effectiveOn)
        o.put("act", act)
        return o
    }
}

/// `unit.split`: `unit` is divided between `into` from `effectiveOn` ("một phần xã …" goes to
/// each). `main` is the part that takes its history in today's boundaries; when `unit` itself
/// is among `into` it must be `main` (the part keeping the seat keeps the code) and the unit
/// goes on, smaller; otherwise it ends the day before. `into` may name existing units, which
/// receive a part.
public struct UnitSplit: EventPayload {
    public static let type = EventType.unitSplit
    /// The unit split.
    public var unit: String
    /// The units that receive its parts, distinct codes, at least two.
    public var into: [String]
    /// The part that continues it.
    public var main: String
    /// The first day of the new units.
    public var effectiveOn: Day
    /// The resolution, when given.
    public var act: String?

    /// Whether the unit goes on as its own main part.
    public var keepsUnit: Bool { main == unit }

    public init(reading r: inout FieldReader) throws(ValidationError) {
        unit = try r.code("unit", unit: true)
        into = try r.codes("into", maxCount: maxUnitsPerChange, unit: true)
        main = try r.code("main", unit: true)
        effectiveOn = try r.day("effectiveOn")
        act = try r.optionalText("act", maxLength: maxActLength)
        try r.finish()
        if into.count < 2 {
            throw ValidationError(
                .invalidValue, path: r.path("into"),
                "'into' must name at least two units that receive a part; a unit that becomes one other is a merge (unit.merged) or a rename (unit.renamed)")
        }
        if !into.contains(main) {
            throw ValidationError(.invalidValue, path: r.path("main"), "'main' must be one of 'into' (\(into.joined(separator: ", "))): the part that continues the unit")
        }
        if into.contains(unit), main != unit {
            throw ValidationError(
                .invalidValue, path: r.path("main"),
                "\(unit) is among 'into', so it keeps its code and is the main part: set 'main' to \(unit), or leave \(unit) out of 'into'")
        }
    }

    public var json: JSONObject {
        var o = JSONObject()
        o.put("unit", unit)
        o.members.append(("into", .array(into.map { .string($0) })))
        o.put("main", main)
        o.put("effectiveOn", effectiveOn)
        o.put("act", act)
        return o
    }
}

/// `unit.ended`: a unit ceases on `effectiveOn` (its last day is the day before) with no
/// successor: a district of 2025, once its communes have moved or merged away.
public struct UnitEnded: EventPayload {
    public static let type = EventType.unitEnded
    /// The unit's code.
    public var unit: String
    /// The first day without it.
    public var effectiveOn: Day
    /// The resolution, when given.
    public var act: String?

    public init(reading r: inout FieldReader) throws(ValidationError) {
        unit = try r.code("unit", unit: true)
        effectiveOn = try r.day("effectiveOn")
        act = try r.optionalText("act", maxLength: maxActLength)
        try r.finish()
    }

    public var json: JSONObject {
        var o = JSONObject()
        o.put("unit", unit)
        o.put("effectiveOn", effectiveOn)
        o.put("act", act)
        return o
    }
}
