/// What validation needs to know about everything admitted so far: units, campaigns,
/// dialogues and their opinions, models, event ids and stream versions.
///
/// The registry runs ahead of the durable log: an append is admitted here (so the
/// next pipelined request can refer to a unit it registers) before its bytes are
/// synced, while the figures that queries read (`Projection`) only move once the
/// log is durable. Should a sync fail, the daemon exits and the registry is rebuilt
/// from the log on restart, so the two never disagree about anything acknowledged.
///
/// Batches are atomic: `admit` records an `UndoStep` for each change, and `undo`
/// rolls a failed batch back without copying the registry.
///
/// Equatable so that a state restored from a snapshot can be compared whole with the
/// state a full replay builds.
public struct Registry: Sendable, Equatable {
    /// A unit as validation sees it.
    public struct UnitEntry: Sendable, Hashable {
        /// Level in the hierarchy.
        public var level: UnitLevel
        /// Parent's code, after every recorded move.
        public var parent: String?
        /// Name, after every recorded rename: the refusals that name what to use instead
        /// ("Vĩnh Yên was merged into Nghĩa Đô (BY-NGHIADO)") say it.
        public var name: String
    }

    /// A campaign as validation sees it.
    public struct CampaignEntry: Sendable, Hashable {
        /// The unit that launched it: contributions count towards it only at this unit
        /// or below (`checkAdmission`).
        public var unit: String
        /// Start date.
        public var startedOn: Day
        /// Close date, once closed.
        public var closedOn: Day?
        /// The `campaign.launched` event.
        public var launchedBy: EventID
        /// The `campaign.closed` event, once closed.
        public var closedBy: EventID?
    }

    /// A dialogue as validation sees it.
    public struct DialogueEntry: Sendable, Hashable {
        /// Date held.
        public var heldOn: Day
        /// The `dialogue.held` event.
        public var heldBy: EventID
        /// Opinion id → the `opinion.answered` event that answered it, if any.
        public var answers: [String: EventID?]
    }

    /// An event id's entry in the idempotency index, packed into one word (seq in the low
    /// 56 bits, type tag and the voided flag above) because the index holds every event
    /// ever stored and dominates the daemon's memory.
    public struct EventEntry: Sendable, Hashable {
        /// The packed word, as the state snapshot stores it.
        private(set) var bits: UInt64

        /// An entry from its packed word (a state snapshot); nil when the type tag is unknown.
        init?(bits: UInt64) {
            guard EventType(tag: UInt8((bits >> 56) & 0x7F)) != nil else { return nil }
            self.bits = bits
        }

        /// An entry from its packed word as `EventIndex` stores it (always a valid entry).
        init(packed bits: UInt64) {
            self.bits = bits
        }

        /// Creates an entry.
        public init(seq: UInt64, type: EventType, voided: Bool) {
            bits = (seq & Self.seqMask) | UInt64(type.tag) << 56 | (voided ? 1 << 63 : 0)
        }

        private static let seqMask: UInt64 = (1 << 56) - 1

        /// Its sequence number.
        public var seq: UInt64 { bits & Self.seqMask }
        /// Its type.
        public var type: EventType { EventType(tag: UInt8((bits >> 56) & 0x7F)) ?? .entryVoided }
        /// Whether an `entry.voided` has voided it.
        public var voided: Bool {
            get { bits >> 63 == 1 }
            set { bits = newValue ? bits | (1 << 63) : bits & ~(1 << 63) }
        }
    }

    /// One change made by `admit`, kept so that a failed batch can be rolled back.
    public enum UndoStep: Sendable {
        case removeEvent(EventID)
        case restoreStream(String, Int64?)
        case removeUnit(String)
        case restoreCampaign(String, CampaignEntry?)
        case restoreDialogue(String, DialogueEntry?)
        case restoreModel(String, EventID?)
        case unvoid(EventID)
        case restoreUnit(String, UnitEntry?)
        case restoreHistory(String, UnitHistory?)
    }

    /// Units by code.
    public internal(set) var units: [String: UnitEntry] = [:]
    /// Campaigns by id.
    public internal(set) var campaigns: [String: CampaignEntry] = [:]
    /// Dialogues by id.
    public internal(set) var dialogues: [String: DialogueEntry] = [:]
    /// Models by id → the registering event.
    public internal(set) var models: [String: EventID] = [:]
    /// Every stored event id: the idempotency index.
    public internal(set) var events = EventIndex()
    /// Stream name → current version (number of events in it).
    public internal(set) var streams: [String: Int64] = [:]
    /// The histories of units that changed (catalogue 2): validity, names and parents by date.
    public internal(set) var lineage = UnitLineage()

    /// An empty registry.
    public init() {}

    /// Makes room for `events` ids at once, so that replaying a long log does not rehash
    /// the idempotency index again and again as it grows.
    public mutating func reserveCapacity(events: Int) {
        self.events.reserveCapacity(events)
    }

    /// The entry of an already stored event id, used to recognise duplicates.
    public func event(_ id: EventID) -> EventEntry? { events[id] }

    /// True when the unit `code` is `ancestor` or lies under it (both registered codes), in
    /// the tree after every recorded change.
    public func isWithin(_ code: String, _ ancestor: String) -> Bool {
        var current: String? = code
        // A registered unit's parent is registered before it, so the chain ends at a province.
        while let c = current {
            if c == ancestor { return true }
            current = units[c]?.parent
        }
        return false
    }

    /// Current version of `stream` (0 when it has no events).
    public func version(of stream: String) -> Int64 { streams[stream] ?? 0 }

    /// Checks `data` against everything admitted so far and, when it passes, records it.
    ///
    /// - Parameters:
    ///   - path: JSON path of the event's `data`, for errors.
    ///   - target: for `entry.voided`, reads the voided event's data by seq
    ///     (from the log or the not-yet-durable batch); nil when it cannot be read.
    /// - Returns: the stream version assigned, if any.
    public mutating func admit(
        _ data: EventData, id: EventID, seq: UInt64, stream: String?, path: @autoclosure () -> String,
        undo: inout [UndoStep], target: (UInt64) -> EventData?
    ) throws(ValidationError) -> Int64? {
        try check(data, path: path(), target: target)
        let firstStep = undo.count
        record(data, id: id, undo: &undo, target: target)
        do {
            try checkStructure(after: data, path: path(), target: target)
        } catch {
            // Leaves the registry as before this event, even for a caller that does not undo.
            self.undo(Array(undo[firstStep...]))
            undo.removeSubrange(firstStep...)
            throw error
        }
        undo.append(.removeEvent(id))
        events[id] = EventEntry(seq: seq, type: data.type, voided: false)
        guard let stream else { return nil }
        let previous = streams[stream]
        undo.append(.restoreStream(stream, previous))
        let version = (previous ?? 0) + 1
        streams[stream] = version
        return version
    }

    /// Rolls back the steps of a failed batch, newest first.
    public mutating func undo(_ steps: [UndoStep]) {
        for step in steps.reversed() {
            switch step {
            case .removeEvent(let id): events[id] = nil
            case .restoreStream(let s, let v): streams[s] = v
            case .removeUnit(let code): units[code] = nil
            case .restoreCampaign(let c, let e): campaigns[c] = e
            case .restoreDialogue(let d, let e): dialogues[d] = e
            case .restoreModel(let m, let e): models[m] = e
            case .unvoid(let id): events[id]?.voided = false
            case .restoreUnit(let code, let e): units[code] = e
            case .restoreHistory(let code, let h): lineage.restore(code, h)
            }
        }
    }
}
