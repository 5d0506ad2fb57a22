import CDanvanMemory
/// The idempotency index: every stored event id → its packed `Registry.EventEntry`.
///
/// An open-addressing hash table with linear probing, instead of a `Dictionary`, for three
/// reasons that the profiles of replay and snapshot loading showed: the ids are already
/// random (UUIDs), so a few multiplications mix them as well as SipHash does at a fraction
/// of the cost; the table is three words per slot with no per-entry metadata; and its
/// layout is reproducible from its seed and capacity, so a state snapshot that lists the
/// entries in table order is loaded back by filling the table front to back — sequential
/// memory writes instead of one cache miss per id, which is what loading 10M ids costs.
///
/// The seed is random per index (a writer who could choose ids that collide would need it),
/// and travels with the snapshot. Deletion (only `Registry.undo` of a refused batch) shifts
/// the following entries back, so no tombstones accumulate.
public struct EventIndex: Sendable {
    /// One slot: the id's two halves and the entry's word; `bits == 0` marks an empty slot
    /// (every stored entry has a seq ≥ 1, so its word is never 0).
    @usableFromInline
    struct Slot: Sendable {
        var high: UInt64
        var low: UInt64
        var bits: UInt64

        static let empty = Slot(high: 0, low: 0, bits: 0)
    }

    private var slots: [Slot]
    private var mask: Int
    /// Number of ids stored.
    public private(set) var count = 0
    /// Mixes the ids' bits into slot positions (see the type's comment).
    public let seed: UInt64

    /// `capacity` empty slots. A large table (10M ids: 384 MiB) is asked to sit on huge pages
    /// before it is first touched: loading a 10M-event snapshot spent ~30 % of its thread in
    /// page faults, one per 4 KiB, which huge pages make one per 2 MiB.
    static func emptySlots(_ capacity: Int) -> [Slot] {
        [Slot](unsafeUninitializedCapacity: capacity) { buffer, initialized in
            if let base = buffer.baseAddress, capacity >= 1 << 16 {
                danvan_advise_huge_pages(UnsafeMutableRawPointer(base), capacity * MemoryLayout<Slot>.stride)
            }
            buffer.initialize(repeating: .empty)
            initialized = capacity
        }
    }

    /// Tables grow when they would be fuller than 3/4.
    private static func capacity(for count: Int) -> Int {
        var capacity = 16
        while capacity / 4 * 3 < count { capacity *= 2 }
        return capacity
    }

    /// An empty index with room for `minimumCapacity` ids.
    public init(seed: UInt64 = UInt64.random(in: .min ... .max), minimumCapacity: Int = 0) {
        self.seed = seed
        let capacity = Self.capacity(for: minimumCapacity)
        slots = Self.emptySlots(capacity)
        mask = capacity - 1
    }

    /// Number of slots (a power of two), for snapshots and tests.
    public var capacity: Int { slots.count }

    /// Makes room for `count` ids without growing again.
    public mutating func reserveCapacity(_ count: Int) {
        let wanted = Self.capacity(for: count)
        if wanted > slots.count { resize(to: wanted) }
    }

    @inline(__always)
    private func home(_ high: UInt64, _ low: UInt64) -> Int {
        var h = (high ^ seed) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        h = (h ^ low) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        h = h &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        return Int(truncatingIfNeeded: h) & mask
    }

    /// The slot holding `id`, or the empty slot where it would go.
    @inline(__always)
    private func find(_ high: UInt64, _ low: UInt64) -> (index: Int, found: Bool) {
        var i = home(high, low)
        while true {
            let slot = slots[i]
            if slot.bits == 0 { return (i, false) }
            if slot.high == high, slot.low == low { return (i, true) }
            i = (i + 1) & mask
        }
    }

    /// The entry of `id`; setting nil removes it.
    public subscript(id: EventID) -> Registry.EventEntry? {
        get {
            let (i, found) = find(id.high, id.low)
            return found ? Registry.EventEntry(packed: slots[i].bits) : nil
        }
        set {
            if let entry = newValue {
                insert(id.high, id.low, bits: entry.bits)
            } else {
                remove(id.high, id.low)
            }
        }
    }

    /// Stores (or replaces) an entry; returns false when the id was already there.
    @discardableResult
    private mutating func insert(_ high: UInt64, _ low: UInt64, bits: UInt64) -> Bool {
        precondition(bits != 0, "an event entry always has a seq ≥ 1")
        var (i, found) = find(high, low)
        if found {
            slots[i].bits = bits
            return false
        }
        if (count + 1) > slots.count / 4 * 3 {
            resize(to: slots.count * 2)
            i = find(high, low).index
        }
        slots[i] = Slot(high: high, low: low, bits: bits)
        count += 1
        return true
    }

    private mutating func remove(_ high: UInt64, _ low: UInt64) {
        let (start, found) = find(high, low)
        guard found else { return }
        // Backward-shift deletion: move up every following entry of the run that may sit
        // in the hole (its home is not cyclically within (hole, j]).
        var hole = start
        var j = start
        while true {
            j = (j + 1) & mask
            let slot = slots[j]
            if slot.bits == 0 { break }
            let home = home(slot.high, slot.low)
            let staysPut = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j)
            if !staysPut {
                slots[hole] = slot
                hole = j
            }
        }
        slots[hole] = .empty
        count -= 1
    }

    private mutating func resize(to capacity: Int) {
        let old = slots
        slots = Self.emptySlots(capacity)
        mask = capacity - 1
        count = 0
        for slot in old where slot.bits != 0 {
            slots[find(slot.high, slot.low).index] = slot
            count += 1
        }
    }

    /// Calls `body` with every id and entry, in table order (the order a snapshot lists them,
    /// so that `init(seed:capacity:entries:)` fills the table front to back).
    public func forEach(_ body: (EventID, Registry.EventEntry) throws -> Void) rethrows {
        for slot in slots where slot.bits != 0 {
            try body(EventID(high: slot.high, low: slot.low), Registry.EventEntry(packed: slot.bits))
        }
    }
}

extension EventIndex {
    /// Rebuilds an index from a snapshot: its seed, its capacity and its entries in table
    /// order. Returns nil when the capacity is not a power of two that holds the entries, or
    /// an id appears twice: the snapshot is then not trusted.
    public init?<E: Error>(
        seed: UInt64, capacity: Int, count: Int, entries: (Int) throws(E) -> (EventID, Registry.EventEntry)
    ) throws(E) {
        guard capacity >= 16, capacity & (capacity - 1) == 0, count <= capacity / 4 * 3 else { return nil }
        self.init(seed: seed, minimumCapacity: 0)
        slots = Self.emptySlots(capacity)
        mask = capacity - 1
        for n in 0..<count {
            let (id, entry) = try entries(n)
            let (i, found) = find(id.high, id.low)
            guard !found, entry.bits != 0 else { return nil }
            slots[i] = Slot(high: id.high, low: id.low, bits: entry.bits)
            self.count += 1
        }
    }
}

extension EventIndex: Equatable {
    /// Same ids with the same entries, whatever the seeds and capacities.
    public static func == (a: EventIndex, b: EventIndex) -> Bool {
        guard a.count == b.count else { return false }
        for slot in a.slots where slot.bits != 0 {
            let (i, found) = b.find(slot.high, slot.low)
            guard found, b.slots[i].bits == slot.bits else { return false }
        }
        return true
    }
}
