import DanvanJSON

/// The event catalogue as data, for the `schema` op: tools discover types and fields
/// from the daemon instead of hard-coding them.
public enum EventCatalogue {
    /// Catalogue version; bumped when a type or field changes meaning. 2 added the unit
    /// changes (`unit.renamed`, `unit.moved`, `unit.merged`, `unit.split`, `unit.ended`) and
    /// `unit.registered`'s `effectiveOn`.
    public static let version = 2

    struct Field {
        let name: String
        let kind: String
        let required: Bool
        let note: String
        var values: [String] = []
        /// What the field's code refers to ("unit"), so that tools can resolve a name to it.
        var refers: String?
    }

    static func f(_ name: String, _ kind: String, _ required: Bool = true, _ note: String = "", values: [String] = [], refers: String? = nil) -> Field {
        Field(name: name, kind: kind, required: required, note: note, values: values, refers: refers)
    }

    static func choices<E: RawRepresentable & CaseIterable>(_ e: E.Type) -> [String] where E.RawValue == String {
        E.allCases.map(\.rawValue)
    }

    static var entries: [(EventType, String, [Field])] {
        let unit = f("unit", "code", true, "a registered unit", refers: "unit")
        let campaign = f("campaign", "code", false, "a launched campaign the event counts towards, of the event's unit or a unit above it")
        let changed = f("unit", "code", true, "a unit that exists on effectiveOn and has not ended", refers: "unit")
        let effective = f("effectiveOn", "date", true, "the first day of the new state; may be up to \(Registry.unitChangeMaxDaysAhead) days after the day it is recorded")
        let act = f("act", "text", false, "the resolution, e.g. 1673/NQ-UBTVQH15")
        return [
            (.unitRegistered, "A province, district, commune or village joins the hierarchy.", [
                f("code", "code", true, "unique"), f("name", "text", true, "Vietnamese, stored NFC"),
                f("level", "enum", values: choices(UnitLevel.self)),
                f("parent", "code", false, "absent for a province; otherwise a unit of a higher level that exists from effectiveOn on", refers: "unit"),
                f("effectiveOn", "date", false, "the first day the unit exists (a unit formed by a reorganisation); absent: always"),
            ]),
            (.campaignLaunched, "A movement, drive, program or special drive begins.", [
                f("campaign", "code", true, "unique"), f("title", "text"),
                f("kind", "enum", values: choices(CampaignKind.self)), unit, f("startedOn", "date"),
                f("targets", "object", false, "{landM2?, fundsVnd?, workdays?, roadsKm?, houses?}"),
            ]),
            (.campaignClosed, "A campaign ends.", [f("campaign", "code"), f("closedOn", "date", true, "not before startedOn")]),
            (.landDonated, "Households donate land (hiến đất).", [
                unit, campaign, f("households", "integer", true, ">= 1"), f("areaM2", "decimal", true, "> 0"),
                f("assetsVnd", "integer", false, "value of assets on the land, VND"),
                f("purpose", "enum", values: choices(LandPurpose.self)), f("donatedOn", "date"),
            ]),
            (.fundsContributed, "Money contributed, whole VND.", [
                unit, campaign, f("amountVnd", "integer", true, "> 0"),
                f("source", "enum", values: choices(FundSource.self)), f("contributedOn", "date"),
            ]),
            (.laborContributed, "Workdays contributed (ngày công).", [
                unit, campaign, f("workdays", "decimal", true, "> 0"), f("participants", "integer", false, ">= 1"),
                f("contributedOn", "date"),
            ]),
            (.worksCompleted, "Works completed.", [
                unit, campaign, f("kind", "enum", values: choices(WorksKind.self)), f("count", "integer", true, ">= 1"),
                f("lengthKm", "decimal", false), f("valueVnd", "integer", false), f("completedOn", "date"),
            ]),
            (.dialogueHeld, "Minutes of a dialogue between leaders and citizens.", [
                f("dialogue", "code", true, "unique"), unit, f("chair", "enum", values: choices(DialogueChair.self)),
                f("format", "enum", values: choices(DialogueFormat.self)), f("heldOn", "date"), f("topic", "text"),
                f("attendees", "integer", false), f("opinions", "array", true, "[{opinion: code unique in the dialogue, text, topic?}]"),
            ]),
            (.opinionAnswered, "The answer to one opinion.", [
                f("dialogue", "code"), f("opinion", "code", true, "not yet answered"),
                f("answeredOn", "date", true, "not before heldOn"), f("answer", "text"),
            ]),
            (.modelRegistered, "A \"Dân vận khéo\" model is registered.", [
                f("model", "code", true, "unique"), unit, f("title", "text"),
                f("field", "enum", values: choices(ModelField.self)), f("registeredOn", "date"),
            ]),
            (.entryVoided, "A correction: the target's effect leaves every figure.", [
                f("target", "uuid", true, "an event that is not a unit.registered, not a correction, not already voided; a unit change only when no later change depends on it"),
                f("reason", "text"),
            ]),
            (.unitRenamed, "A unit takes a new name from effectiveOn; its code stays.", [
                changed, f("name", "text", true, "the new name, Vietnamese, stored NFC"), effective, act,
            ]),
            (.unitMoved, "A unit belongs to another parent from effectiveOn.", [
                changed, f("parent", "code", true, "a unit of a higher level that exists from effectiveOn on; not the unit nor under it", refers: "unit"),
                effective, act,
            ]),
            (.unitMerged, "Units become one from effectiveOn; the others end the day before.", [
                f("units", "array", true, "[code], distinct units of one level, each existing the day before effectiveOn", refers: "unit"),
                f("into", "code", true, "one of units (it keeps its code) or a unit of the same level registered before", refers: "unit"),
                effective, act,
            ]),
            (.unitSplit, "A unit is divided between units from effectiveOn.", [
                changed, f("into", "array", true, "[code], at least two units of its level receiving a part", refers: "unit"),
                f("main", "code", true, "one of into: the part that continues the unit (the unit itself when it is among into)", refers: "unit"),
                effective, act,
            ]),
            (.unitEnded, "A unit ceases from effectiveOn, with nothing left under it.", [changed, effective, act]),
        ]
    }

    /// The `schema` result.
    public static var json: JSONValue {
        let types: [JSONValue] = entries.map { type, summary, fields in
            let fs: [JSONValue] = fields.map { field in
                var o = JSONObject()
                o.put("name", field.name)
                o.put("kind", field.kind)
                o.members.append(("required", .bool(field.required)))
                if !field.values.isEmpty { o.members.append(("values", .array(field.values.map { .string($0) }))) }
                if !field.note.isEmpty { o.put("note", field.note) }
                if let refers = field.refers { o.put("refers", refers) }
                return .object(o)
            }
            return ["type": .string(type.rawValue), "summary": .string(summary), "fields": .array(fs)]
        }
        return [
            "version": .int(version),
            "envelope": ["type": "string", "id": "uuid, optional", "stream": "code, optional", "data": "object"],
            "kinds": [
                "code": "1-64 of A-Z a-z 0-9 . _ -",
                "text": "non-empty UTF-8, trimmed, stored NFC",
                "date": "YYYY-MM-DD, 1900-2199; an event's own date is not after the day it is recorded (the province's date), except a unit event's effectiveOn",
                "decimal": "JSON number, at most 4 digits after the point, summed exactly",
                "integer": "JSON number with an integral value",
            ],
            "types": .array(types),
        ]
    }
}
