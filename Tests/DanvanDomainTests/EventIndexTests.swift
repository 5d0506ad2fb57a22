import DanvanDomain
import Testing

/// `EventIndex` against a `Dictionary` doing the same operations: the idempotency index
/// decides whether an event is a duplicate, so it must agree with the reference on every
/// lookup, through growth, removals (backward shifts across the table's end included) and a
/// rebuild from its snapshot form.
@Suite struct EventIndexTests {
    /// A deterministic generator, so that a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func entry(_ seq: UInt64, voided: Bool = false) -> Registry.EventEntry {
        Registry.EventEntry(seq: seq, type: .landDonated, voided: voided)
    }

    static func agree(_ index: EventIndex, _ reference: [EventID: Registry.EventEntry], probes: [EventID]) {
        #expect(index.count == reference.count)
        for id in probes { #expect(index[id] == reference[id]) }
        var seen = 0
        index.forEach { id, entry in
            seen += 1
            #expect(reference[id] == entry)
        }
        #expect(seen == reference.count)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8])
    func agreesWithADictionaryUnderRandomInsertsUpdatesAndRemovals(round: UInt64) {
        var rng = SplitMix(state: round)
        // Few distinct ids: inserts hit existing ids, removals hit present ones, the table
        // stays small and full, so runs wrap around its end.
        let pool = (0..<(round.isMultiple(of: 2) ? 40 : 400)).map { _ in EventID(high: rng.next(), low: rng.next()) }
        var index = EventIndex(seed: rng.next())
        var reference: [EventID: Registry.EventEntry] = [:]
        var seq: UInt64 = 1
        for step in 0..<20_000 {
            let id = pool[Int(rng.next() % UInt64(pool.count))]
            switch rng.next() % 10 {
            case 0..<5:
                index[id] = Self.entry(seq)
                reference[id] = Self.entry(seq)
                seq += 1
            case 5..<8:
                index[id] = nil
                reference[id] = nil
            default:
                index[id]?.voided = true
                reference[id]?.voided = true
            }
            if step % 1_000 == 0 { Self.agree(index, reference, probes: pool) }
        }
        Self.agree(index, reference, probes: pool)
    }

    @Test func growsAndKeepsEverything() {
        var rng = SplitMix(state: 99)
        var index = EventIndex(seed: 7)
        var reference: [EventID: Registry.EventEntry] = [:]
        for seq in 1...50_000 as ClosedRange<UInt64> {
            let id = EventID(high: rng.next(), low: rng.next())
            index[id] = Self.entry(seq)
            reference[id] = Self.entry(seq)
        }
        #expect(index.capacity == 1 << 17)  // 50,000 ≤ 3/4 of 131,072
        Self.agree(index, reference, probes: Array(reference.keys.prefix(5_000)) + [EventID(high: 1, low: 2)])
    }

    @Test func adversarialIdsThatShareHalvesStillWork() {
        // Ids that differ only in one half, and the nil UUID, all distinct.
        var index = EventIndex(seed: 0)
        var reference: [EventID: Registry.EventEntry] = [:]
        var seq: UInt64 = 1
        for n in 0..<2_000 as Range<UInt64> {
            for id in [EventID(high: 0, low: n), EventID(high: n, low: 0), EventID(high: n, low: n)] {
                index[id] = Self.entry(seq)
                reference[id] = Self.entry(seq)
                seq += 1
            }
        }
        Self.agree(index, reference, probes: Array(reference.keys))
    }

    @Test func rebuiltFromItsSnapshotFormItIsTheSameIndex() throws {
        var rng = SplitMix(state: 5)
        var index = EventIndex(seed: rng.next())
        for seq in 1...3_000 as ClosedRange<UInt64> { index[EventID(high: rng.next(), low: rng.next())] = Self.entry(seq) }
        var listed: [(EventID, Registry.EventEntry)] = []
        index.forEach { listed.append(($0, $1)) }
        let rebuilt = try #require(EventIndex(seed: index.seed, capacity: index.capacity, count: listed.count) { listed[$0] })
        #expect(rebuilt == index)
        #expect(rebuilt.capacity == index.capacity)
        // The same ids under another seed are equal too (equality is by content).
        var other = EventIndex(seed: 12345)
        for (id, entry) in listed { other[id] = entry }
        #expect(other == index)
        other[listed[0].0] = nil
        #expect(other != index)
    }

    @Test func aMalformedSnapshotFormIsRefused() {
        let one = [(EventID(high: 1, low: 1), Self.entry(1)), (EventID(high: 1, low: 1), Self.entry(2))]
        #expect(EventIndex(seed: 1, capacity: 16, count: 2) { one[$0] } == nil)  // an id twice
        #expect(EventIndex(seed: 1, capacity: 24, count: 1) { one[$0] } == nil)  // not a power of two
        #expect(EventIndex(seed: 1, capacity: 16, count: 13) { _ in (EventID(high: 0, low: 0), Self.entry(1)) } == nil)  // too full
    }
}
