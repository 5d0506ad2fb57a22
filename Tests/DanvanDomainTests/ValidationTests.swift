import DanvanDomain
import DanvanJSON
import Testing

@Suite struct ValidationTests {
    /// Each bad event, the path its error must name, and the reason code.
    @Test(arguments: [
        (#"{"type":"land.donated","data":{"unit":"BY","households":0,"areaM2":10,"purpose":"road","donatedOn":"2023-01-01"}}"#, "events[0].data.households", "invalid_value"),
        (#"{"type":"land.donated","data":{"unit":"BY","households":1,"areaM2":-10,"purpose":"road","donatedOn":"2023-01-01"}}"#, "events[0].data.areaM2", "invalid_value"),
        (#"{"type":"land.donated","data":{"unit":"BY","households":1,"areaM2":"10","purpose":"road","donatedOn":"2023-01-01"}}"#, "events[0].data.areaM2", "wrong_type"),
        (#"{"type":"land.donated","data":{"unit":"BY","households":1,"areaM2":10.12345,"purpose":"road","donatedOn":"2023-01-01"}}"#, "events[0].data.areaM2", "invalid_value"),
        (#"{"type":"land.donated","data":{"unit":"BY","households":1,"areaM2":10,"purpose":"park","donatedOn":"2023-01-01"}}"#, "events[0].data.purpose", "invalid_value"),
        (#"{"type":"land.donated","data":{"unit":"BY","households":1,"areaM2":10,"purpose":"road","donatedOn":"2023-02-30"}}"#, "events[0].data.donatedOn", "invalid_value"),
        (#"{"type":"land.donated","data":{"unit":"BY","households":1,"areaM2":10,"purpose":"road"}}"#, "events[0].data.donatedOn", "missing_field"),
        (#"{"type":"land.donated","data":{"unit":"ZZ","households":1,"areaM2":10,"purpose":"road","donatedOn":"2023-01-01"}}"#, "events[0].data.unit", "unknown_reference"),
        (#"{"type":"land.donated","data":{"unit":"BY","households":1,"areaM2":10,"purpose":"road","donatedOn":"2023-01-01","colour":"red"}}"#, "events[0].data.colour", "unknown_field"),
        (#"{"type":"land.donated","data":{"unit":"BY","campaign":"NOPE","households":1,"areaM2":10,"purpose":"road","donatedOn":"2023-01-01"}}"#, "events[0].data.campaign", "unknown_reference"),
        (#"{"type":"funds.contributed","data":{"unit":"BY","amountVnd":-5,"source":"household","contributedOn":"2023-01-01"}}"#, "events[0].data.amountVnd", "invalid_value"),
        (#"{"type":"funds.contributed","data":{"unit":"BY","amountVnd":5.5,"source":"household","contributedOn":"2023-01-01"}}"#, "events[0].data.amountVnd", "invalid_value"),
        (#"{"type":"funds.contributed","data":{"unit":"BY","amountVnd":999999999999999999999,"source":"household","contributedOn":"2023-01-01"}}"#, "events[0].data.amountVnd", "invalid_value"),
        (#"{"type":"labor.contributed","data":{"unit":"BY","workdays":0,"contributedOn":"2023-01-01"}}"#, "events[0].data.workdays", "invalid_value"),
        (#"{"type":"works.completed","data":{"unit":"BY","kind":"bridge","count":1,"completedOn":"2023-01-01"}}"#, "events[0].data.kind", "invalid_value"),
        (#"{"type":"unit.registered","data":{"code":"LC","name":"Lào Cai 2","level":"province"}}"#, "events[0].data.code", "duplicate"),
        (#"{"type":"unit.registered","data":{"code":"X1","name":"X","level":"district"}}"#, "events[0].data.parent", "missing_field"),
        (#"{"type":"unit.registered","data":{"code":"X1","name":"X","level":"province","parent":"LC"}}"#, "events[0].data.parent", "invalid_value"),
        (#"{"type":"unit.registered","data":{"code":"X1","name":"X","level":"district","parent":"BH"}}"#, "events[0].data.parent", "invalid_value"),
        (#"{"type":"unit.registered","data":{"code":"X 1","name":"X","level":"commune","parent":"BY"}}"#, "events[0].data.code", "invalid_value"),
        (#"{"type":"unit.registered","data":{"code":"X1","name":"   ","level":"commune","parent":"BY"}}"#, "events[0].data.name", "invalid_value"),
        (#"{"type":"unit.registrd","data":{}}"#, "events[0].type", "unknown_type"),
        (#"{"data":{}}"#, "events[0].type", "missing_field"),
        (#"{"type":"land.donated"}"#, "events[0].data", "missing_field"),
        (#"{"type":"land.donated","data":[]}"#, "events[0].data", "wrong_type"),
        (#"{"type":"land.donated","id":"not-a-uuid","data":{}}"#, "events[0].id", "invalid_value"),
        (#"{"type":"land.donated","data":{},"extra":1}"#, "events[0].extra", "unknown_field"),
        (#"{"type":"opinion.answered","data":{"dialogue":"D1","opinion":"9","answeredOn":"2023-05-01","answer":"ok"}}"#, "events[0].data.opinion", "unknown_reference"),
        (#"{"type":"opinion.answered","data":{"dialogue":"D1","opinion":"1","answeredOn":"2023-01-01","answer":"ok"}}"#, "events[0].data.answeredOn", "invalid_value"),
        (#"{"type":"opinion.answered","data":{"dialogue":"D9","opinion":"1","answeredOn":"2023-05-01","answer":"ok"}}"#, "events[0].data.dialogue", "unknown_reference"),
        (#"{"type":"dialogue.held","data":{"dialogue":"D2","unit":"BY","chair":"joint","format":"periodic","heldOn":"2023-03-01","topic":"t","opinions":[{"opinion":"1","text":"a"},{"opinion":"1","text":"b"}]}}"#, "events[0].data.opinions[1].opinion", "duplicate"),
        (#"{"type":"dialogue.held","data":{"dialogue":"D1","unit":"BY","chair":"joint","format":"periodic","heldOn":"2023-03-01","topic":"t","opinions":[]}}"#, "events[0].data.dialogue", "duplicate"),
        (#"{"type":"campaign.closed","data":{"campaign":"C1","closedOn":"2020-01-01"}}"#, "events[0].data.closedOn", "invalid_value"),
        (#"{"type":"model.registered","data":{"model":"M1","unit":"BH","title":"t","field":"sports","registeredOn":"2023-01-01"}}"#, "events[0].data.field", "invalid_value"),
        (#"{"type":"entry.voided","data":{"target":"00000000-0000-4000-8000-000000000000","reason":"x"}}"#, "events[0].data.target", "unknown_reference"),
    ])
    func refusesWithThePathOfTheField(event: String, path: String, reason: String) throws {
        var ledger = try Self.ledger()
        let before = ledger.events.count
        let outcome = ledger.refusal("[\(event)]")
        let refusal = try #require(outcome)
        let error = try #require(refusal.validation)
        #expect(error.path == path, "\(error)")
        #expect(error.code.name == reason, "\(error)")
        #expect(!error.message.isEmpty)
        #expect(ledger.events.count == before)
    }

    /// LC/BY/BH/... plus campaign C1 (from 2023-01-01) and dialogue D1 (held 2023-03-01, opinions 1 and 2).
    static func ledger() throws -> TestLedger {
        var ledger = try TestLedger.withUnits()
        try ledger.add("campaign.launched", #"{"campaign":"C1","title":"Làm đường","kind":"drive","unit":"BY","startedOn":"2023-01-01"}"#)
        try ledger.add("dialogue.held", #"{"dialogue":"D1","unit":"BY","chair":"joint","format":"periodic","heldOn":"2023-03-01","topic":"Giao thông","opinions":[{"opinion":"1","text":"Làm đường"},{"opinion":"2","text":"Điện"}]}"#)
        return ledger
    }

    /// An amount past 64 bits is out of range, said with the range, not "must be a whole number".
    @Test func aHugeWholeNumberIsOutOfRange() throws {
        var ledger = try Self.ledger()
        let e = try #require(ledger.refusal(#"[{"type":"funds.contributed","data":{"unit":"BY","amountVnd":999999999999999999999,"source":"household","contributedOn":"2023-01-01"}}]"#)?.validation)
        #expect(e.message == "'amountVnd' must be between 1 and 1000000000000000, got 999999999999999999999", "\(e.message)")
        let f = try #require(ledger.refusal(#"[{"type":"funds.contributed","data":{"unit":"BY","amountVnd":5.5,"source":"household","contributedOn":"2023-01-01"}}]"#)?.validation)
        #expect(f.message == "'amountVnd' must be a whole number")
    }

    @Test func aBatchIsAtomic() throws {
        var ledger = try TestLedger.withUnits()
        let refusal = ledger.refusal("""
            [{"type":"unit.registered","data":{"code":"NEW","name":"Xã Mới","level":"commune","parent":"BY"}},
             {"type":"land.donated","data":{"unit":"NEW","households":1,"areaM2":5,"purpose":"road","donatedOn":"2023-01-01"}},
             {"type":"land.donated","data":{"unit":"NEW","households":-1,"areaM2":5,"purpose":"road","donatedOn":"2023-01-01"}}]
            """)
        #expect(refusal?.validation?.path == "events[2].data.households")
        #expect(ledger.registry.units["NEW"] == nil)
        // The same code is free again: nothing of the refused batch stuck.
        try ledger.add("unit.registered", #"{"code":"NEW","name":"Xã Mới","level":"commune","parent":"BY"}"#)
        #expect(ledger.registry.units["NEW"] != nil)
    }

    @Test func laterEventsOfABatchSeeEarlierOnes() throws {
        var ledger = try TestLedger.withUnits()
        let stored = try ledger.append("""
            [{"type":"unit.registered","data":{"code":"V2","name":"Thôn 2","level":"village","parent":"KS"}},
             {"type":"land.donated","data":{"unit":"V2","households":2,"areaM2":50,"purpose":"school","donatedOn":"2022-06-01"}}]
            """)
        #expect(stored.count == 2)
        #expect(try ledger.summary("KS").number("landDonatedM2") == "50")
    }

    @Test func duplicateIDsAreAcknowledgedNotStored() throws {
        var ledger = try TestLedger.withUnits()
        let id = "3f2b8c1e-9d4a-4e6b-8f00-1c2d3e4f5a6b"
        let event = #"{"type":"funds.contributed","id":"\#(id)","data":{"unit":"BH","amountVnd":1000,"source":"business","contributedOn":"2023-01-01"}}"#
        try ledger.append("[\(event),\(event)]")
        try ledger.append("[\(event)]")
        #expect(ledger.events.filter { $0.id.description == id }.count == 1)
        #expect(try ledger.summary("BH").number("fundsVnd") == "1000")
    }

    @Test func answeringTwiceIsRefused() throws {
        var ledger = try Self.ledger()
        let answer = #"{"type":"opinion.answered","data":{"dialogue":"D1","opinion":"1","answeredOn":"2023-05-01","answer":"Đã làm"}}"#
        try ledger.append("[\(answer)]")
        let refusal = ledger.refusal("[\(answer)]")
        #expect(refusal?.validation?.code == .conflict)
        #expect(refusal?.validation?.path == "events[0].data.opinion")
    }

    @Test func voidRules() throws {
        var ledger = try Self.ledger()
        let unit = try #require(ledger.events.first)
        #expect(ledger.refusal(#"[{"type":"entry.voided","data":{"target":"\#(unit.id)","reason":"x"}}]"#)?.validation?.message == "units cannot be voided")
        let land = try #require(try ledger.add("land.donated", #"{"unit":"BH","households":1,"areaM2":5,"purpose":"road","donatedOn":"2023-01-01"}"#))
        let void = try #require(try ledger.add("entry.voided", #"{"target":"\#(land.id)","reason":"entered twice"}"#))
        #expect(ledger.refusal(#"[{"type":"entry.voided","data":{"target":"\#(land.id)","reason":"again"}}]"#)?.validation?.code == .conflict)
        #expect(ledger.refusal(#"[{"type":"entry.voided","data":{"target":"\#(void.id)","reason":"undo"}}]"#)?.validation?.code == .invalidValue)
    }

    @Test func contributionsMustFallWithinTheCampaign() throws {
        var ledger = try Self.ledger()
        #expect(ledger.refusal(#"[{"type":"labor.contributed","data":{"unit":"BH","campaign":"C1","workdays":3,"contributedOn":"2022-12-31"}}]"#)?.validation?.path == "events[0].data.campaign")
        try ledger.add("campaign.closed", #"{"campaign":"C1","closedOn":"2023-06-30"}"#)
        #expect(ledger.refusal(#"[{"type":"labor.contributed","data":{"unit":"BH","campaign":"C1","workdays":3,"contributedOn":"2023-07-01"}}]"#)?.validation?.code == .conflict)
        try ledger.add("labor.contributed", #"{"unit":"BH","campaign":"C1","workdays":3,"contributedOn":"2023-06-30"}"#)
        #expect(ledger.refusal(#"[{"type":"campaign.closed","data":{"campaign":"C1","closedOn":"2023-07-30"}}]"#)?.validation?.code == .conflict)
    }

    @Test func namesAreStoredNFC() throws {
        var ledger = try TestLedger.withUnits()
        let e = try #require(try ledger.add("unit.registered", "{\"code\":\"N1\",\"name\":\"Ba\\u0309o Nhai\",\"level\":\"commune\",\"parent\":\"BY\"}"))
        guard case .unitRegistered(let u) = e.data else { Issue.record("wrong type"); return }
        #expect(u.name == "Bảo Nhai")
        #expect(u.name.unicodeScalars.count == 8)
    }

    @Test func expectedVersionGuardsAStream() throws {
        var ledger = try TestLedger.withUnits()
        let e = #"{"type":"funds.contributed","stream":"BH-funds","data":{"unit":"BH","amountVnd":1,"source":"household","contributedOn":"2023-01-01"}}"#
        try ledger.append("[\(e)]", expectedVersion: .none)
        #expect(ledger.events.last?.version == 1)
        do {
            try ledger.append("[\(e)]", expectedVersion: .none)
            Issue.record("a second 'none' must conflict")
        } catch {
            #expect(error == .conflict(stream: "BH-funds", expected: .none, actual: 1))
        }
        try ledger.append("[\(e),\(e)]", expectedVersion: .exactly(1))
        #expect(ledger.events.last?.version == 3)
        #expect(ledger.refusal("[\(e), {\"type\":\"funds.contributed\",\"data\":{\"unit\":\"BH\",\"amountVnd\":1,\"source\":\"household\",\"contributedOn\":\"2023-01-01\"}}]") == nil)
    }
}

/// Events name units by code: a name in a unit field is refused with a message that says a
/// unit code is needed and where to find it (issue 19), for `unit` and `parent` alike.
@Suite struct UnitCodeMessageTests {
    @Test(arguments: [
        (#"{"unit":"Bảo Hà","amountVnd":1000,"source":"household","contributedOn":"2024-05-02"}"#, EventType.fundsContributed, "unit"),
        (#"{"code":"X1","name":"X","level":"commune","parent":"Bảo Yên"}"#, EventType.unitRegistered, "parent"),
    ])
    func aNameInAUnitFieldSaysACodeIsNeeded(data: String, type: EventType, field: String) throws {
        let value = try JSONParser.parse(data)
        do throws(ValidationError) {
            _ = try EventData(type: type, data: value, path: "events[0].data")
            Issue.record("a name was accepted as a unit code")
        } catch {
            #expect(error.path == "events[0].data.\(field)")
            #expect(error.code == .invalidValue)
            #expect(error.message.contains("must be a unit code"), "\(error.message)")
            #expect(error.message.contains("summary projection"), "\(error.message)")
        }
    }
}
