import DanvanShip
import Testing

@Suite struct SubscriptionLineTests {
    @Test func anEventKeepsItsDataTextAndNumbersExactly() throws {
        let line = #"{"subscription":"ship","event":{"seq":13,"id":"0b9c6f3e-1d2a-4c5b-8e7f-000000000005","type":"land.donated","stream":"s1","version":2,"recordedAt":"2026-11-22T02:31:11.385608Z","actor":{"uid":1000,"user":"lan"},"data":{"unit":"BY","areaM2":283.7500,"amountVnd":1000000000000000}}}"#
        let parsed = try SubscriptionLine.parse(Array(line.utf8))
        guard case .event(let e) = parsed else { Issue.record("not an event: \(parsed)"); return }
        #expect(e.seq == 13)
        #expect(e.id == "0b9c6f3e-1d2a-4c5b-8e7f-000000000005")
        #expect(e.type == "land.donated")
        #expect(e.stream == "s1")
        #expect(e.version == 2)
        #expect(e.recordedAt == "2026-11-22T02:31:11.385608Z")
        #expect(e.actor == #"{"uid":1000,"user":"lan"}"#)
        #expect(e.data == #"{"unit":"BY","areaM2":283.7500,"amountVnd":1000000000000000}"#)
    }

    @Test func theReplyTheEndAndARefusal() throws {
        #expect(try SubscriptionLine.parse(Array(#"{"id":"ship","ok":true,"result":{"subscription":"ship","fromSeq":5,"lastSeq":9}}"#.utf8))
            == .subscribed(fromSeq: 5, lastSeq: 9))
        #expect(try SubscriptionLine.parse(Array(#"{"subscription":"ship","ok":false,"error":{"code":"too_slow","message":"m","resumeFrom":77}}"#.utf8))
            == .ended(code: "too_slow", resumeFrom: 77))
        #expect(try SubscriptionLine.parse(Array(#"{"id":"ship","ok":false,"error":{"code":"bad_params","message":"fromSeq"}}"#.utf8))
            == .refused(code: "bad_params", message: "fromSeq"))
    }

    @Test func whatIsNotALineOfTheProtocolIsRefused() {
        for bad in ["[1]", "{", #"{"subscription":"s"}"#, #"{"subscription":"s","event":{"id":"x"}}"#, #"{"x":1}"#] {
            #expect(throws: SubscriptionLineError.self, "\(bad)") { try SubscriptionLine.parse(Array(bad.utf8)) }
        }
    }
}
