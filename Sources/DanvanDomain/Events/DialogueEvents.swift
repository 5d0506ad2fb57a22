import DanvanJSON

/// One opinion raised by citizens at a dialogue ("ý kiến, kiến nghị").
public struct Opinion: Sendable, Hashable {
    /// Id, unique within its dialogue.
    public var opinion: String
    /// What was said.
    public var text: String
    /// Optional topic (roads, land, health insurance, ...).
    public var topic: String?

    init(reading r: inout FieldReader) throws(ValidationError) {
        opinion = try r.code("opinion")
        text = try r.text("text", maxLength: 4000)
        topic = try r.optionalText("topic", maxLength: 200)
        try r.finish()
    }

    var json: JSONObject {
        var o = JSONObject()
        o.put("opinion", opinion)
        o.put("text", text)
        o.put("topic", topic)
        return o
    }
}

/// `dialogue.held` ("đối thoại"): the minutes of a dialogue between leaders and citizens.
public struct DialogueHeld: EventPayload {
    public static let type = EventType.dialogueHeld
    /// Unique dialogue id.
    public var dialogue: String
    /// Where.
    public var unit: String
    /// Who chaired.
    public var chair: DialogueChair
    /// Periodic or ad hoc.
    public var format: DialogueFormat
    /// Date held.
    public var heldOn: Day
    /// Subject.
    public var topic: String
    /// Number of people attending.
    public var attendees: Int64?
    /// Opinions raised (may be empty).
    public var opinions: [Opinion]

    public init(reading r: inout FieldReader) throws(ValidationError) {
        dialogue = try r.code("dialogue")
        unit = try r.code("unit", unit: true)
        chair = try r.choice("chair", DialogueChair.self)
        format = try r.choice("format", DialogueFormat.self)
        heldOn = try r.day("heldOn")
        topic = try r.text("topic", maxLength: 500)
        attendees = try r.optionalInteger("attendees", in: Limits.countOrZero)
        let list = try r.array("opinions", maxCount: Limits.opinionsPerDialogue)
        var opinions: [Opinion] = []
        opinions.reserveCapacity(list.count)
        var ids = Set<String>()
        for (i, value) in list.enumerated() {
            var item = try r.nested(value, path: r.path("opinions") + "[\(i)]")
            let opinion = try Opinion(reading: &item)
            guard ids.insert(opinion.opinion).inserted else {
                throw ValidationError(.duplicate, path: item.path("opinion"), "opinion id '\(opinion.opinion)' appears twice in this dialogue")
            }
            opinions.append(opinion)
        }
        self.opinions = opinions
        try r.finish()
    }

    public var json: JSONObject {
        var o = JSONObject()
        o.put("dialogue", dialogue)
        o.put("unit", unit)
        o.put("chair", chair)
        o.put("format", format)
        o.put("heldOn", heldOn)
        o.put("topic", topic)
        o.put("attendees", attendees)
        o.members.append(("opinions", .array(opinions.map { .object($0.json) })))
        return o
    }
}

/// `opinion.answered`: the answer given to one opinion of a dialogue.
public struct OpinionAnswered: EventPayload {
    public static let type = EventType.opinionAnswered
    /// The dialogue.
    public var dialogue: String
    /// The opinion's id in that dialogue.
    public var opinion: String
    /// Date of the answer (not before the dialogue).
    public var answeredOn: Day
    /// The answer.
    public var answer: String

    public init(reading r: inout FieldReader) throws(ValidationError) {
        dialogue = try r.code("dialogue")
        opinion = try r.code("opinion")
        answeredOn = try r.day("answeredOn")
        answer = try r.text("answer", maxLength: 8000)
        try r.finish()
    }

    public var json: JSONObject {
        var o = JSONObject()
        o.put("dialogue", dialogue)
        o.put("opinion", opinion)
        o.put("answeredOn", answeredOn)
        o.put("answer", answer)
        return o
    }
}
