import DanvanDomain
import DanvanJSON
import Testing

@Suite struct CodecTests {
    @Test func everyEventTypeRoundTripsThroughTheRecordPayload() throws {
        let ledger = try #require(ReorganisationSampleTests.reorganised)
        var seen = Set<EventType>()
        for event in ledger.events {
            var bytes: [UInt8] = []
            EventPayloadCodec.encode(event, into: &bytes)
            let back = try bytes.withUnsafeBytes {
                try EventPayloadCodec.decode($0, seq: event.seq, recordedAtMicros: event.recordedAtMicros)
            }
            #expect(back == event)
            seen.insert(event.type)
        }
        #expect(seen == Set(EventType.allCases))
    }

    @Test func streamsAndVersionsSurviveTheRecordPayload() throws {
        var ledger = try TestLedger.withUnits()
        try ledger.append(#"[{"type":"funds.contributed","stream":"s-1","data":{"unit":"BH","amountVnd":7,"source":"individual","contributedOn":"2023-01-01"}}]"#)
        let event = try #require(ledger.events.last)
        var bytes: [UInt8] = []
        EventPayloadCodec.encode(event, into: &bytes)
        let back = try bytes.withUnsafeBytes { try EventPayloadCodec.decode($0, seq: event.seq, recordedAtMicros: event.recordedAtMicros) }
        #expect(back.stream == "s-1")
        #expect(back.version == 1)
    }

    @Test func truncatedPayloadsAreRefusedNotTrapped() throws {
        let ledger = try TestLedger.withUnits()
        let event = try #require(ledger.events.last)
        var bytes: [UInt8] = []
        EventPayloadCodec.encode(event, into: &bytes)
        for length in 0..<bytes.count {
            let prefix = Array(bytes[..<length])
            #expect(throws: EventCodecError.self) {
                try prefix.withUnsafeBytes { try EventPayloadCodec.decode($0, seq: 1, recordedAtMicros: 0) }
            }
        }
    }

    @Test func theEventObjectHasTheProtocolsShape() throws {
        let ledger = try TestLedger.withUnits()
        let event = try #require(ledger.events.first)
        let json = try #require(event.json.objectValue)
        #expect(json.keys == ["seq", "id", "type", "recordedAt", "actor", "data"])
        #expect(json["recordedAt"] == .string("2023-11-14T22:13:20.000000Z"))
        #expect(json["actor"] == ["uid": 1000, "user": "tester"])
        #expect(Timestamp.parse("2023-11-14T22:13:20.000000Z") == 1_700_000_000_000_000)
        #expect(Timestamp.parse("2023-11-14T22:13:20Z") == 1_700_000_000_000_000)
        #expect(Timestamp.parse("2023-11-14 22:13:20Z") == nil)
    }

    @Test func theSchemaListsEveryType() throws {
        let types = EventCatalogue.json["types"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
        #expect(Set(types) == Set(EventType.allCases.map(\.rawValue)))
    }
}
