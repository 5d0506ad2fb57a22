import DanvanDomain
import DanvanJSON
import Testing

/// The record payload's typed binary form (format 2) and the older `JSONBinary` form (format 1)
/// that existing logs hold: exact round trips, and totality on damaged bytes.
@Suite struct BinaryCodecTests {
    /// The sample's events, loaded once for the suite.
    static let sample: [StoredEvent] = (try? SampleFiguresTests.loadSample().events) ?? []
    /// The sample and its reorganisation of 2025: every type of catalogue 2.
    static let reorganised: [StoredEvent] = ReorganisationSampleTests.reorganised?.events ?? []

    /// A few hundred events covering every type: the first 30 of each.
    static let varied: [StoredEvent] = {
        var perType: [EventType: Int] = [:]
        return sample.filter { event in
            perType[event.type, default: 0] += 1
            return perType[event.type]! <= 30
        }
    }()

    static func encode(_ event: StoredEvent) -> [UInt8] {
        var bytes: [UInt8] = []
        EventPayloadCodec.encode(event, into: &bytes)
        return bytes
    }

    static func decode(_ bytes: [UInt8], like event: StoredEvent? = nil) throws(EventCodecError) -> StoredEvent {
        let seq = event?.seq ?? 1
        let micros = event?.recordedAtMicros ?? 0
        return try bytes.withUnsafeBytes { raw in
            Result { () throws(EventCodecError) in try EventPayloadCodec.decode(raw, seq: seq, recordedAtMicros: micros) }
        }.get()
    }

    /// The payload as danvan wrote it before format 2: the same envelope, then `data` as `JSONBinary`.
    static func format1(_ event: StoredEvent) -> [UInt8] {
        var out = Bytes()
        out.envelope(format: 1, type: event.type, id: event.id, uid: event.actor.uid, user: event.actor.user,
                     stream: event.stream.map { ($0, event.version ?? 0) })
        JSONBinary.encode(.object(event.data.json), into: &out.bytes)
        return out.bytes
    }

    @Test func everySampleEventRoundTripsExactlyThroughFormat2() throws {
        #expect(Self.reorganised.count == 8684 + 277)
        #expect(EventPayloadCodec.formatVersion == 2)
        var seen = Set<EventType>()
        var newSize = 0, oldSize = 0
        for event in Self.reorganised {
            let bytes = Self.encode(event)
            #expect(bytes.first == 2)
            let back = try Self.decode(bytes, like: event)
            #expect(back == event)
            #expect(Self.encode(back) == bytes)
            seen.insert(event.type)
            newSize += bytes.count
            oldSize += Self.format1(event).count
        }
        #expect(seen == Set(EventType.allCases))
        #expect(newSize < oldSize)
    }

    @Test func format1PayloadsOfExistingLogsStillDecode() throws {
        for event in Self.sample {
            let bytes = Self.format1(event)
            #expect(bytes.first == 1)
            #expect(try Self.decode(bytes, like: event) == event)
        }
    }

    @Test func streamsAndVersionsSurviveBothFormats() throws {
        var ledger = try TestLedger.withUnits()
        try ledger.append(#"[{"type":"funds.contributed","stream":"s-1","data":{"unit":"BH","amountVnd":7,"source":"individual","contributedOn":"2023-01-01"}}]"#)
        try ledger.append(#"[{"type":"funds.contributed","stream":"s-1","data":{"unit":"BH","amountVnd":8,"source":"business","contributedOn":"2023-01-02"}}]"#)
        var event = try #require(ledger.events.last)
        #expect(event.stream == "s-1")
        #expect(event.version == 2)
        for version: Int64 in [2, 0, -1, .max] {
            event.version = version
            for bytes in [Self.encode(event), Self.format1(event)] {
                let back = try Self.decode(bytes, like: event)
                #expect(back.stream == "s-1")
                #expect(back.version == version)
                #expect(back == event)
            }
        }
    }

    @Test func everyProperPrefixIsRefused() throws {
        #expect(Self.varied.count > 200)
        var accepted: [String] = []
        for event in Self.varied {
            for bytes in [Self.encode(event), Self.format1(event)] {
                for length in 0..<bytes.count {
                    if (try? Self.decode(Array(bytes[..<length]))) != nil {
                        accepted.append("\(event.type.rawValue) seq \(event.seq) format \(bytes[0]) cut at \(length)")
                    }
                }
            }
        }
        #expect(accepted.isEmpty, "\(accepted.prefix(5))")
    }

    @Test func randomMutationsAreRefusedOrDecodeToValidEvents() throws {
        var random = SplitMix64(seed: 0x6461_6E76_616E)
        let payloads = Self.varied.map(Self.encode)
        var decoded = 0
        for _ in 0..<20_000 {
            var bytes = payloads[Int(random.next() % UInt64(payloads.count))]
            for _ in 0...(random.next() % 3) { Self.mutate(&bytes, &random) }
            guard let event = try? Self.decode(bytes) else { continue }
            decoded += 1
            // Whatever decodes is an event that validation (as replay trusts it) accepts,
            // and format 2 has one encoding per event.
            let again = try EventData(type: event.type, data: .object(event.data.json), path: "data", trusted: true)
            #expect(again == event.data)
            if bytes.first == 2 { #expect(Self.encode(event) == bytes) }
        }
        // Some mutations (a digit of an amount, a letter of a name) leave a valid event.
        #expect(decoded > 0)
    }

    static func mutate(_ bytes: inout [UInt8], _ random: inout SplitMix64) {
        guard !bytes.isEmpty else { bytes = [UInt8(truncatingIfNeeded: random.next())]; return }
        let at = Int(random.next() % UInt64(bytes.count))
        switch random.next() % 6 {
        case 0: bytes[at] = UInt8(truncatingIfNeeded: random.next())
        case 1: bytes[at] ^= 1 << (random.next() % 8)
        case 2: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
        case 3: bytes.remove(at: at)
        case 4: bytes[at] = [0x00, 0x01, 0x7F, 0x80, 0xFF][Int(random.next() % 5)]
        default: bytes.removeLast(Int(random.next() % UInt64(min(bytes.count, 8))) + 1)
        }
    }

    @Test func identifiersFollowTheIdentifierRule() throws {
        let template = try #require(Self.sample.first { $0.type == .unitRegistered })
        func event(code: String) -> StoredEvent {
            var e = template
            e.data = .unitRegistered(UnitRegistered(code: code, name: "Lào Cai", level: .province, parent: nil))
            return e
        }
        for byte in UInt8(0)...UInt8(255) {
            let code = String(decoding: [UInt8(ascii: "A"), byte], as: UTF8.self)
            let decodes = (try? Self.decode(Self.encode(event(code: code)))) != nil
            #expect(decodes == Identifier.isValid(code), "byte \(byte)")
        }
        #expect((try? Self.decode(Self.encode(event(code: String(repeating: "a", count: 64))))) != nil)
        #expect(throws: EventCodecError.self) { try Self.decode(Self.encode(event(code: String(repeating: "a", count: 65)))) }
        #expect(throws: EventCodecError.self) { try Self.decode(Self.encode(event(code: ""))) }
    }

    @Test func everyDayOfTheAcceptedYearsRoundTrips() throws {
        var event = try #require(Self.sample.first { $0.type == .fundsContributed })
        guard case .fundsContributed(var funds) = event.data else { return }
        let first = Day(year: Day.years.lowerBound, month: 1, day: 1).daysSinceEpoch
        let last = Day(year: Day.years.upperBound, month: 12, day: 31).daysSinceEpoch
        var wrong: [Int32] = []
        for days in first...last {
            funds.contributedOn = Day(daysSinceEpoch: days)
            event.data = .fundsContributed(funds)
            guard case .fundsContributed(let back)? = try? Self.decode(Self.encode(event)).data,
                back.contributedOn == funds.contributedOn
            else { wrong.append(days); continue }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(5))")
        for days: Int32 in [first - 1, last + 1, -1_000_000, 1_000_000] {
            funds.contributedOn = Day(daysSinceEpoch: days)
            event.data = .fundsContributed(funds)
            #expect(throws: EventCodecError.self) { try Self.decode(Self.encode(event)) }
        }
    }

    @Test func damagedFieldsAreRefused() throws {
        // funds.contributed: mask, unit, amountVnd, source, contributedOn.
        func funds(mask: UInt8 = 0, unit: String = "BH", amount: [UInt8] = Bytes.zigzag(7), source: UInt8 = 3,
                   day: [UInt8] = Bytes.zigzag(19_000), extra: [UInt8] = []) -> [UInt8] {
            var b = Bytes()
            b.envelope(type: .fundsContributed)
            b.bytes += [mask]
            b.string(unit)
            b.bytes += amount + [source] + day + extra
            return b.bytes
        }
        guard case .fundsContributed(let f) = try Self.decode(funds()).data else {
            Issue.record("the hand-built payload does not decode")
            return
        }
        #expect(f.unit == "BH" && f.campaign == nil && f.amountVnd == 7 && f.source == .individual)
        #expect(f.contributedOn == Day(daysSinceEpoch: 19_000))

        var refused: [(what: String, bytes: [UInt8], reason: String)] = [
            ("trailing byte", funds(extra: [0]), "trailing bytes"),
            ("amount zero", funds(amount: Bytes.zigzag(0)), "integer out of range"),
            ("amount negative", funds(amount: Bytes.zigzag(-5)), "integer out of range"),
            ("amount above the limit", funds(amount: Bytes.zigzag(1_000_000_000_000_001)), "integer out of range"),
            ("padded varint", funds(amount: [0x8E, 0x00]), "shortest form"),
            ("varint beyond 64 bits", funds(amount: [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02]), "overflows 64 bits"),
            ("unknown source", funds(source: 4), "unknown enumeration value"),
            ("unknown optional bit", funds(mask: 2), "unknown optional-field bits"),
            ("missing campaign", funds(mask: 1), "beyond the payload"),
            ("bad unit code", funds(unit: "B H"), "outside [A-Za-z0-9._-]"),
            ("date before 1900", funds(day: Bytes.zigzag(-25_568)), "date out of range"),
        ]
        var formats = funds()
        formats[0] = 3
        refused.append(("unknown format", formats, "unknown payload format"))
        var tag = funds()
        tag[1] = 100
        refused.append(("unknown type", tag, "unknown event type tag"))
        var flags = funds()
        flags[1 + 1 + 16 + 4 + 1 + 6] = 2  // after format, tag, id, uid and the user "tester"
        refused.append(("unknown envelope flags", flags, "unknown envelope flags"))

        // unit.registered: a parent exactly for non-provinces.
        func unit(mask: UInt8, level: UInt8, parent: String? = nil) -> [UInt8] {
            var b = Bytes()
            b.envelope(type: .unitRegistered)
            b.bytes += [mask]
            b.string("X1")
            b.string("Xã Một")
            b.bytes += [level]
            if let parent { b.string(parent) }
            return b.bytes
        }
        #expect((try? Self.decode(unit(mask: 0, level: 0))) != nil)
        #expect((try? Self.decode(unit(mask: 1, level: 2, parent: "LC"))) != nil)
        refused.append(("province with a parent", unit(mask: 1, level: 0, parent: "LC"), "parent exactly when"))
        refused.append(("commune without a parent", unit(mask: 0, level: 2), "parent exactly when"))
        refused.append(("unknown level", unit(mask: 1, level: 4, parent: "LC"), "unknown enumeration value"))

        // dialogue.held: opinions.
        func dialogue(
            count: [UInt8], opinions: [(String, [UInt8])], topic: [UInt8] = Array("Đường".utf8), topicLength: UInt64? = nil
        ) -> [UInt8] {
            var b = Bytes()
            b.envelope(type: .dialogueHeld)
            b.bytes += [0]
            b.string("D1")
            b.string("BH")
            b.bytes += [1, 0] + Bytes.zigzag(19_000)
            b.bytes += Bytes.varint(topicLength ?? UInt64(topic.count)) + topic
            b.bytes += count
            for (id, text) in opinions {
                b.bytes += [0]
                b.string(id)
                b.bytes += Bytes.varint(UInt64(text.count)) + text
            }
            return b.bytes
        }
        let text = Array("Làm đường".utf8)
        #expect((try? Self.decode(dialogue(count: [2], opinions: [("o1", text), ("o2", text)]))) != nil)
        refused.append(("duplicate opinion ids", dialogue(count: [2], opinions: [("o1", text), ("o1", text)]), "appears twice"))
        refused.append(
            ("opinion count above the limit", dialogue(count: Bytes.varint(10_001), opinions: []), "beyond the payload or its limit"))
        refused.append(
            ("opinion count beyond the bytes", dialogue(count: Bytes.varint(3), opinions: [("o1", text), ("o2", text)]), "truncated"))
        refused.append(("huge opinion count", dialogue(count: Bytes.varint(1 << 62), opinions: []), "beyond the payload or its limit"))
        refused.append(("empty text", dialogue(count: [1], opinions: [("o1", [])]), "empty text"))
        refused.append(("overlong UTF-8", dialogue(count: [1], opinions: [("o1", [0xC0, 0x80])]), "not valid UTF-8"))
        refused.append(("encoded surrogate", dialogue(count: [1], opinions: [("o1", [0xED, 0xA0, 0x80])]), "not valid UTF-8"))
        refused.append(("truncated UTF-8", dialogue(count: [0], opinions: [], topic: [0x61, 0xE1, 0xBA]), "not valid UTF-8"))
        refused.append(("text length beyond the bytes", dialogue(count: [0], opinions: [], topicLength: 200), "beyond the payload"))
        refused.append(("huge text length", dialogue(count: [0], opinions: [], topicLength: .max), "beyond the payload"))

        for (what, bytes, reason) in refused {
            do {
                _ = try Self.decode(bytes)
                Issue.record("\(what): decoded")
            } catch {
                #expect(error.reason.contains(reason), "\(what): \(error.reason)")
            }
        }
    }
}

/// A hand-written payload, to build damaged ones field by field.
struct Bytes {
    var bytes: [UInt8] = []

    static func varint(_ value: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        var rest = value
        while rest >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
        return out
    }

    static func zigzag(_ value: Int64) -> [UInt8] { varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    mutating func string(_ s: String) {
        bytes += Self.varint(UInt64(s.utf8.count)) + Array(s.utf8)
    }

    mutating func envelope(
        format: UInt8 = 2, type: EventType, id: EventID = EventID(high: 1, low: 2), uid: UInt32 = 1000,
        user: String = "tester", stream: (String, Int64)? = nil
    ) {
        bytes += [format, type.tag]
        withUnsafeBytes(of: id.high.bigEndian) { bytes += $0 }
        withUnsafeBytes(of: id.low.bigEndian) { bytes += $0 }
        withUnsafeBytes(of: uid.littleEndian) { bytes += $0 }
        string(user)
        if let (name, version) = stream {
            bytes.append(1)
            string(name)
            withUnsafeBytes(of: version.littleEndian) { bytes += $0 }
        } else {
            bytes.append(0)
        }
    }
}

/// A small seeded generator, so that the mutation test is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D1_33A0_49BB_1133
        return z ^ (z >> 31)
    }
}
