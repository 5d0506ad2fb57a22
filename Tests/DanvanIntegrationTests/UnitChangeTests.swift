import DanvanClient
import DanvanJSON
import Foundation
import Testing

/// The unit changes over a real daemon's socket: a resolution appended as one batch, the
/// `history` query, a fact refused after the merge with what to use instead, and the same
/// state after a restart (replayed from the log, then from a snapshot).
@Suite(.serialized) struct UnitChangeTests {
    static let units = #"{"id":1,"op":"append","events":[{"type":"unit.registered","data":{"code":"LC","name":"Lào Cai","level":"province"}},{"type":"unit.registered","data":{"code":"BY","name":"Bảo Yên","level":"district","parent":"LC"}},{"type":"unit.registered","data":{"code":"BY-NGHIADO","name":"Nghĩa Đô","level":"commune","parent":"BY"}},{"type":"unit.registered","data":{"code":"BY-VINHYEN","name":"Vĩnh Yên","level":"commune","parent":"BY"}},{"type":"unit.registered","data":{"code":"BY-TANTIEN","name":"Tân Tiến","level":"commune","parent":"BY"}}]}"#
    static let resolution = #"{"id":2,"op":"append","events":[{"type":"unit.moved","data":{"unit":"BY-NGHIADO","parent":"LC","effectiveOn":"2025-07-01","act":"1673/NQ-UBTVQH15"}},{"type":"unit.merged","data":{"units":["BY-TANTIEN","BY-VINHYEN","BY-NGHIADO"],"into":"BY-NGHIADO","effectiveOn":"2025-07-01","act":"1673/NQ-UBTVQH15"}},{"type":"unit.ended","data":{"unit":"BY","effectiveOn":"2025-07-01"}}]}"#
    static let late = #"{"id":3,"op":"append","events":[{"type":"funds.contributed","data":{"unit":"BY-VINHYEN","amountVnd":2000000,"source":"household","contributedOn":"2025-07-15"}}]}"#
    static let history = #"{"id":4,"op":"query","projection":"history","unit":"Vĩnh Yên"}"#

    static func check(_ replies: [JSONValue]) throws {
        #expect(replies.count == 2)
        let refused = try #require(replies.first)
        #expect(refused["ok"] == false)
        #expect(refused["error"]?["code"] == "validation_failed")
        #expect(refused["error"]?["path"] == "events[0].data.unit")
        #expect(refused["error"]?["message"] == "events[0].data.unit: contributedOn 2025-07-15: Vĩnh Yên (BY-VINHYEN) was merged into Nghĩa Đô (BY-NGHIADO) on 2025-07-01 (1673/NQ-UBTVQH15); record facts from that day under BY-NGHIADO")
        let h = try #require(replies.last?["result"])
        #expect(h["unit"]?["code"] == "BY-VINHYEN")
        #expect(h["unit"]?["historical"] == true)
        #expect(h["validTo"] == "2025-06-30")
        #expect(h["successors"]?.arrayValue?.first?["unit"]?["code"] == "BY-NGHIADO")
        #expect(h["successors"]?.arrayValue?.first?["act"] == "1673/NQ-UBTVQH15")
    }

    @Test func aResolutionBatchThenHistoryAndARefusedFactAfterTheMerge() throws {
        let d = try Daemon()
        try d.start()
        let setup = try d.exchange(lines: [Self.units, Self.resolution])
        #expect(setup.allSatisfy { $0["ok"] == true }, "\(setup)")
        try Self.check(try d.exchange(lines: [Self.late, Self.history]))
        let nghiaDo = try d.exchange(lines: [#"{"id":5,"op":"query","projection":"history","unit":"BY-NGHIADO"}"#, #"{"id":6,"op":"hello"}"#])
        let predecessors = nghiaDo.first?["result"]?["predecessors"]?.arrayValue?.compactMap { $0["unit"]?["code"]?.stringValue }
        #expect(predecessors == ["BY-TANTIEN", "BY-VINHYEN"])
        #expect(nghiaDo.last?["result"]?["catalogue"] == 2)
        // Replayed from the log, the daemon refuses and answers the same; then from its snapshot.
        #expect(d.stop() == 0)
        try d.start()
        try Self.check(try d.exchange(lines: [Self.late, Self.history]))
        #expect(d.stop() == 0)
        try d.start()
        try Self.check(try d.exchange(lines: [Self.late, Self.history]))
        #expect(d.stop() == 0)
    }
}
