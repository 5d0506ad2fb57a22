import DanvanDomain
import DanvanJSON
import Testing

/// The rules of new facts (`Registry.checkAdmission`): no event dated after the day it is
/// recorded, and a campaign's contributions at its unit or below. Replay does not check them,
/// so a log written before them still opens.
@Suite struct AdmissionRulesTests {
    static let today = Day(year: 2026, month: 12, day: 7)

    /// Every dated type, dated the day after `today`: refused at its own date field.
    @Test(arguments: [
        ("land.donated", #"{"unit":"BH","households":1,"areaM2":10,"purpose":"road","donatedOn":"DAY"}"#, "donatedOn"),
        ("funds.contributed", #"{"unit":"BH","amountVnd":5,"source":"household","contributedOn":"DAY"}"#, "contributedOn"),
        ("labor.contributed", #"{"unit":"BH","workdays":2,"contributedOn":"DAY"}"#, "contributedOn"),
        ("works.completed", #"{"unit":"BH","kind":"road","count":1,"completedOn":"DAY"}"#, "completedOn"),
        ("dialogue.held", #"{"dialogue":"D9","unit":"BY","chair":"joint","format":"periodic","heldOn":"DAY","topic":"t","opinions":[]}"#, "heldOn"),
        ("opinion.answered", #"{"dialogue":"D1","opinion":"1","answeredOn":"DAY","answer":"ok"}"#, "answeredOn"),
        ("model.registered", #"{"model":"M9","unit":"BH","title":"t","field":"economy","registeredOn":"DAY"}"#, "registeredOn"),
        ("campaign.launched", #"{"campaign":"C9","title":"t","kind":"drive","unit":"BY","startedOn":"DAY"}"#, "startedOn"),
        ("campaign.closed", #"{"campaign":"C1","closedOn":"DAY"}"#, "closedOn"),
    ])
    func aFactIsNotDatedAfterToday(type: String, data: String, field: String) throws {
        var ledger = try ValidationTests.ledger()
        ledger.recordedOn = Self.today
        let before = ledger.events.count
        let refusal = ledger.refusal(#"[{"type":"\#(type)","data":\#(data.replacingOccurrences(of: "DAY", with: "2026-12-08"))}]"#)
        let error = try #require(refusal?.validation)
        #expect(error.path == "events[0].data.\(field)")
        #expect(error.code == .invalidValue)
        #expect(error.message.contains("2026-12-08 is after the day it is recorded on (2026-12-07"), "\(error.message)")
        #expect(ledger.events.count == before)
        // The day itself is a fact of today.
        try ledger.append(#"[{"type":"\#(type)","data":\#(data.replacingOccurrences(of: "DAY", with: "2026-12-07"))}]"#)
        #expect(ledger.events.count == before + 1)
    }

    @Test func farFutureDatesTooAndTheWholeBatchIsRefused() throws {
        var ledger = try ValidationTests.ledger()
        ledger.recordedOn = Self.today
        let refusal = ledger.refusal("""
            [{"type":"land.donated","data":{"unit":"BH","households":1,"areaM2":10,"purpose":"road","donatedOn":"2024-05-02"}},
             {"type":"land.donated","data":{"unit":"BH","households":1,"areaM2":10,"purpose":"road","donatedOn":"2199-12-31"}}]
            """)
        #expect(refusal?.validation?.path == "events[1].data.donatedOn")
        #expect(try ledger.summary("BH").number("landDonatedM2") == "0")
    }

    @Test func aContributionOutsideTheCampaignsUnitIsRefused() throws {
        var ledger = try ValidationTests.ledger()  // C1 belongs to BY (Bảo Yên)
        for type in ["land.donated", "funds.contributed", "labor.contributed", "works.completed"] {
            let data: String
            switch type {
            case "land.donated": data = #"{"unit":"BX-1","campaign":"C1","households":1,"areaM2":12,"purpose":"road","donatedOn":"2023-05-02"}"#
            case "funds.contributed": data = #"{"unit":"BX-1","campaign":"C1","amountVnd":5,"source":"household","contributedOn":"2023-05-02"}"#
            case "labor.contributed": data = #"{"unit":"BX","campaign":"C1","workdays":2,"contributedOn":"2023-05-02"}"#
            default: data = #"{"unit":"LC","campaign":"C1","kind":"road","count":1,"completedOn":"2023-05-02"}"#
            }
            let error = try #require(ledger.refusal(#"[{"type":"\#(type)","data":\#(data)}]"#)?.validation, "\(type)")
            #expect(error.path == "events[0].data.campaign")
            #expect(error.message.contains("belongs to unit BY"), "\(error.message)")
        }
        // At the campaign's unit, a commune and a village under it: counted.
        try ledger.add("land.donated", #"{"unit":"BY","campaign":"C1","households":1,"areaM2":1,"purpose":"road","donatedOn":"2023-05-02"}"#)
        try ledger.add("land.donated", #"{"unit":"BH","campaign":"C1","households":1,"areaM2":2,"purpose":"road","donatedOn":"2023-05-02"}"#)
        try ledger.add("land.donated", #"{"unit":"BH-1","campaign":"C1","households":1,"areaM2":4,"purpose":"road","donatedOn":"2023-05-02"}"#)
        let campaign = try #require(try ledger.projection.answer(.campaign("C1", scope: .all), today: Self.today).objectValue)
        #expect(campaign.number("totals.landDonatedM2") == "7")
    }

    /// A log written before the rules may hold such events: replay (`Registry.admit`) takes
    /// them, and the projection counts an out-of-unit contribution at its unit, not at the campaign.
    @Test func replayTakesWhatTheRulesRefuseAndTheCampaignDoesNotCountIt() throws {
        var ledger = try ValidationTests.ledger()
        let stray = try EventData(
            type: .landDonated,
            data: try JSONParser.parse(#"{"unit":"BX-1","campaign":"C1","households":1,"areaM2":12,"purpose":"road","donatedOn":"2031-05-02"}"#),
            path: "data")
        var undo: [Registry.UndoStep] = []
        let seq = UInt64(ledger.events.count + 1)
        let id = EventID.random()
        _ = try ledger.registry.admit(stray, id: id, seq: seq, stream: nil, path: "data", undo: &undo, target: { _ in nil })
        ledger.projection.apply(
            StoredEvent(seq: seq, id: id, stream: nil, version: nil, recordedAtMicros: 1, actor: ledger.actor, data: stray),
            voidedTarget: nil)
        #expect(try ledger.summary("BX").number("landDonatedM2") == "12")
        let campaign = try #require(try ledger.projection.answer(.campaign("C1", scope: .all), today: Self.today).objectValue)
        #expect(campaign.number("totals.landDonatedM2") == "0")
    }
}
