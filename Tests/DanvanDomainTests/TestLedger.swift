import DanvanDomain
import DanvanJSON
import Testing

/// A registry and projection driven the way the engine drives them, for tests: every
/// admitted batch is applied to the projection at once (as if durable).
struct TestLedger {
    var registry = Registry()
    var projection = Projection()
    var events: [StoredEvent] = []
    let actor = Actor(uid: 1000, user: "tester")
    /// The province's day the batches are recorded on: the latest one by default, so that
    /// only the tests of the rule meet it.
    var recordedOn = Day(year: 2199, month: 12, day: 31)

    /// Appends a batch given as JSON text of the `events` array; returns the stored events.
    @discardableResult
    mutating func append(_ eventsJSON: String, expectedVersion: ExpectedVersion = .any) throws(AppendRefusal) -> [StoredEvent] {
        let items: [JSONValue]
        do {
            items = try JSONParser.parse(eventsJSON).arrayValue ?? []
        } catch {
            Issue.record("test JSON does not parse: \(error)")
            return []
        }
        let stored = events
        let outcome = try BatchAdmission.admit(
            items, expectedVersion: expectedVersion, registry: &registry,
            nextSeq: UInt64(events.count + 1), recordedAtMicros: 1_700_000_000_000_000, recordedOn: recordedOn, actor: actor,
            target: { seq in stored.first(where: { $0.seq == seq })?.data })
        for event in outcome.events {
            var target: StoredEvent?
            if case .entryVoided(let v) = event.data {
                target = (events + outcome.events).first(where: { $0.id == v.target })
            }
            projection.apply(event, voidedTarget: target)
            events.append(event)
        }
        projection.settle()
        return outcome.events
    }

    /// Appends one event `{type, data}` with an optional id.
    @discardableResult
    mutating func add(_ type: String, _ data: String, id: String? = nil) throws(AppendRefusal) -> StoredEvent? {
        let idPart = id.map { ",\"id\":\"\($0)\"" } ?? ""
        return try append("[{\"type\":\"\(type)\"\(idPart),\"data\":\(data)}]").first
    }

    /// The validation error of appending `eventsJSON`, or nil when it was accepted.
    mutating func refusal(_ eventsJSON: String) -> AppendRefusal? {
        do {
            try append(eventsJSON)
            return nil
        } catch {
            return error
        }
    }

    /// `summary` as JSON.
    func summary(_ unit: String? = nil, year: Int? = nil) throws -> JSONObject {
        let value = try projection.answer(.summary(unit: unit, scope: .year(year)), today: Day(year: 2025, month: 1, day: 1))
        return value.objectValue ?? JSONObject()
    }

    /// A small hierarchy: province LC, district BY (Bảo Yên), communes BH (Bảo Hà) and KS (Kim Sơn),
    /// village BH-1; district BX (Bát Xát) with commune BX-1.
    static func withUnits() throws -> TestLedger {
        var ledger = TestLedger()
        try ledger.append("""
            [{"type":"unit.registered","data":{"code":"LC","name":"Lào Cai","level":"province"}},
             {"type":"unit.registered","data":{"code":"BY","name":"Bảo Yên","level":"district","parent":"LC"}},
             {"type":"unit.registered","data":{"code":"BH","name":"Bảo Hà","level":"commune","parent":"BY"}},
             {"type":"unit.registered","data":{"code":"KS","name":"Kim Sơn","level":"commune","parent":"BY"}},
             {"type":"unit.registered","data":{"code":"BH-1","name":"Thôn Khe Bàn","level":"village","parent":"BH"}},
             {"type":"unit.registered","data":{"code":"BX","name":"Bát Xát","level":"district","parent":"LC"}},
             {"type":"unit.registered","data":{"code":"BX-1","name":"Bản Xèo","level":"commune","parent":"BX"}}]
            """)
        return ledger
    }
}

extension JSONObject {
    /// Follows a dotted path of object keys ("opinions.answered").
    func at(_ path: String) -> JSONValue? {
        var current: JSONValue = .object(self)
        for key in path.split(separator: ".") {
            guard let next = current[String(key)] else { return nil }
            current = next
        }
        return current
    }

    /// The number text at `path`.
    func number(_ path: String) -> String? {
        if case .number(let n)? = at(path) { return n }
        return nil
    }
}

extension AppendRefusal {
    /// The validation error, when this is one.
    var validation: ValidationError? {
        if case .invalid(let e) = self { return e }
        return nil
    }
}
