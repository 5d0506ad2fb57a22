import DanvanDomain
import DanvanJSON
import Testing

/// The unit changes of catalogue 2 through both codecs: the protocol's JSON `data` and the
/// log's binary record payload, with and without `act`, and the shapes each refuses.
@Suite struct UnitChangeCodecTests {
    static let cases: [(EventType, String)] = [
        (.unitRenamed, #"{"unit":"KS","name":"Kim Sơn Mới","effectiveOn":"2025-07-01","act":"1673/NQ-UBTVQH15"}"#),
        (.unitRenamed, #"{"unit":"KS","name":"Kim Sơn Mới","effectiveOn":"2025-07-01"}"#),
        (.unitMoved, #"{"unit":"KS","parent":"LC","effectiveOn":"2025-07-01","act":"1673/NQ-UBTVQH15"}"#),
        (.unitMoved, #"{"unit":"KS","parent":"LC","effectiveOn":"2025-07-01"}"#),
        (.unitMerged, #"{"units":["KS","BH"],"into":"BH","effectiveOn":"2025-07-01","act":"1673/NQ-UBTVQH15"}"#),
        (.unitMerged, #"{"units":["KS"],"into":"NEW","effectiveOn":"2025-07-01"}"#),
        (.unitSplit, #"{"unit":"KS","into":["BH","BX-1"],"main":"BH","effectiveOn":"2025-07-01","act":"1673/NQ-UBTVQH15"}"#),
        (.unitSplit, #"{"unit":"KS","into":["KS","BX-1"],"main":"KS","effectiveOn":"2025-07-01"}"#),
        (.unitEnded, #"{"unit":"BY","effectiveOn":"2025-07-01","act":"1673/NQ-UBTVQH15"}"#),
        (.unitEnded, #"{"unit":"BY","effectiveOn":"2025-07-01"}"#),
        (.unitRegistered, #"{"code":"NEW","name":"Xã Mới","level":"commune","parent":"LC","effectiveOn":"2025-07-01"}"#),
    ]

    @Test(arguments: cases.indices)
    func roundTripsThroughJSONAndTheRecordPayload(_ i: Int) throws {
        let (type, text) = Self.cases[i]
        let data = try EventData(type: type, data: try JSONParser.parse(text), path: "data")
        #expect(data.type == type)
        #expect(JSONWriter.string(.object(data.json)) == text)
        let again = try EventData(type: type, data: .object(data.json), path: "data", trusted: true)
        #expect(again == data)
        let event = StoredEvent(seq: 7, id: EventID(high: 3, low: 4), stream: nil, version: nil, recordedAtMicros: 5, actor: Actor(uid: 1, user: "u"), data: data)
        let bytes = BinaryCodecTests.encode(event)
        #expect(try BinaryCodecTests.decode(bytes, like: event) == event)
        #expect(data.ownDate?.field == "effectiveOn")
    }

    @Test(arguments: [
        (EventType.unitMerged, #"{"units":["KS","KS"],"into":"KS","effectiveOn":"2025-07-01"}"#, "data.units[1]", "duplicate"),
        (.unitMerged, #"{"units":["KS",1],"into":"KS","effectiveOn":"2025-07-01"}"#, "data.units[1]", "wrong_type"),
        (.unitMerged, #"{"units":["Kim Sơn"],"into":"KS","effectiveOn":"2025-07-01"}"#, "data.units[0]", "invalid_value"),
        (.unitMerged, #"{"units":[],"into":"KS","effectiveOn":"2025-07-01"}"#, "data.units", "invalid_value"),
        (.unitSplit, #"{"unit":"KS","into":["BH","BX"],"main":"LC","effectiveOn":"2025-07-01"}"#, "data.main", "invalid_value"),
        (.unitMoved, #"{"unit":"KS","parent":"KS","effectiveOn":"2025-07-01"}"#, "data.parent", "invalid_value"),
        (.unitEnded, #"{"unit":"KS","effectiveOn":"2025-07-01","acts":"x"}"#, "data.acts", "unknown_field"),
        (.unitRenamed, #"{"unit":"KS","name":"X","effectiveOn":"2025-13-01"}"#, "data.effectiveOn", "invalid_value"),
    ])
    func malformedChangesAreRefusedAtTheirPath(_ type: EventType, _ text: String, _ path: String, _ reason: String) throws {
        do {
            _ = try EventData(type: type, data: try JSONParser.parse(text), path: "data")
            Issue.record("accepted: \(text)")
        } catch let error as ValidationError {
            #expect(error.path == path, "\(error)")
            #expect(error.code.name == reason, "\(error)")
        }
    }

    @Test func aDamagedSplitOrMergeRecordIsRefused() throws {
        // unit.split whose main is not among its parts.
        var split = Bytes()
        split.envelope(type: .unitSplit)
        split.bytes.append(0)
        split.string("KS")
        split.bytes += Bytes.varint(2)
        split.string("BH")
        split.string("BX")
        split.string("LC")
        split.bytes += Bytes.zigzag(20_270)
        #expect(throws: EventCodecError.self) { try BinaryCodecTests.decode(split.bytes) }
        // unit.merged naming one unit twice.
        var merge = Bytes()
        merge.envelope(type: .unitMerged)
        merge.bytes.append(0)
        merge.bytes += Bytes.varint(2)
        merge.string("KS")
        merge.string("KS")
        merge.string("KS")
        merge.bytes += Bytes.zigzag(20_270)
        #expect(throws: EventCodecError.self) { try BinaryCodecTests.decode(merge.bytes) }
    }
}
