import DanvanJSON

// MARK: - Binary layout of a record payload
//
// One log record's payload is one event. The record's seq and time live in the storage
// frame, not here. Integers in the envelope are fixed width; elsewhere:
//
// - varint: unsigned LEB128, at most 10 bytes, shortest form (a padded varint is refused);
// - zigzag: a varint of (n << 1) ^ (n >> 63), so small magnitudes of either sign are short;
// - string: varint byte length, then UTF-8 (validated on decode);
// - code: a string of 1–64 bytes of [A-Za-z0-9._-] (unit codes, campaign/dialogue/opinion/model ids);
// - text: a non-empty string (trimmed and NFC when appended; not re-checked);
// - int: zigzag, range-checked against `Limits` on decode;
// - qty: a `Quantity` as the zigzag of its scaled value (value × 10^4), range-checked;
// - day: a `Day` as the zigzag of its days since 1970-01-01, within `Day.years`;
// - enum: one byte, the case's explicit number (`BinaryCodedEnum`, Enumerations+Binary.swift);
// - mask: one presence byte; bit i set when the i-th optional field ([...] below) is
//   present; unknown bits are refused. Types without optional fields have no mask.
// - id: 16 bytes, two big-endian UInt64 halves of the UUID.
//
// Envelope (formats 1 and 2 alike):
//
//   u8 format | u8 type tag (EventType.tag) | id | u32 LE uid | string user
//   | u8 flags (bit 0: stream) | [string stream | i64 LE version]
//
// then the event's data. Format 1 (written by danvan before format 2, still read): the data
// object in `JSONBinary` form, read back through `FieldReader` (trusted). Format 2: the
// fields themselves, in this order, and nothing after them:
//
//   unit.registered    mask{parent, effectiveOn} code | text name | enum level | [code parent]
//                      | [day effectiveOn]   (bit 1 from catalogue 2: older records never set it)
//   campaign.launched  mask{targets} code campaign | text title | enum kind | code unit
//                      | day startedOn | [targets]
//     targets          mask{landM2, fundsVnd, workdays, roadsKm, houses}
//                      [qty landM2] [int fundsVnd] [qty workdays] [qty roadsKm] [int houses]
//   campaign.closed    code campaign | day closedOn
//   land.donated       mask{campaign, assetsVnd} code unit | [code campaign] | int households
//                      | qty areaM2 | [int assetsVnd] | enum purpose | day donatedOn
//   funds.contributed  mask{campaign} code unit | [code campaign] | int amountVnd
//                      | enum source | day contributedOn
//   labor.contributed  mask{campaign, participants} code unit | [code campaign]
//                      | qty workdays | [int participants] | day contributedOn
//   works.completed    mask{campaign, lengthKm, valueVnd} code unit | [code campaign]
//                      | enum kind | int count | [qty lengthKm] | [int valueVnd] | day completedOn
//   dialogue.held      mask{attendees} code dialogue | code unit | enum chair | enum format
//                      | day heldOn | text topic | [int attendees] | varint n | n × opinion
//     opinion          mask{topic} code opinion | text text | [text topic]
//   opinion.answered   code dialogue | code opinion | day answeredOn | text answer
//   model.registered   code model | code unit | text title | enum field | day registeredOn
//   entry.voided       id target | text reason
//
// Catalogue 2 added these types (tags 12–16) in the same format 2, so every older record
// reads as before:
//
//   unit.renamed       mask{act} code unit | text name | day effectiveOn | [text act]
//   unit.moved         mask{act} code unit | code parent | day effectiveOn | [text act]
//   unit.merged        mask{act} varint n | n × code units | code into | day effectiveOn | [text act]
//   unit.split         mask{act} code unit | varint n | n × code into | code main
//                      | day effectiveOn | [text act]
//   unit.ended         mask{act} code unit | day effectiveOn | [text act]
//
// Enumeration numbers: level province 0, district 1, commune 2, village 3; campaign kind
// movement 0, drive 1, program 2, special_drive 3; land purpose road 0, public_works 1,
// school 2, cemetery 3, other 4; fund source household 0, business 1, organization 2,
// individual 3; works kind road 0, border_road 1, house 2, lighting 3, other 4; chair
// party_committee_head 0, government_head 1, joint 2; dialogue format periodic 0, ad_hoc 1;
// model field economy 0, culture_society 1, defense_security 2, political_system 3.
//
// All of this is on-disk format: a change of any layout needs a new format number, and the
// decoder keeps reading every older one.

/// The log's record payload for an event: a small binary envelope and the event's fields in
/// a typed binary form (layout above), so that replay neither parses JSON text nor builds a
/// generic JSON tree.
public enum EventPayloadCodec {
    /// The payload format `encode` writes. `decode` reads this one and every older one (1:
    /// data as `JSONBinary`), so logs written by earlier versions stay readable.
    public static let formatVersion: UInt8 = 2

    /// Appends the payload of `event` to `out`.
    public static func encode(_ event: StoredEvent, into out: inout [UInt8]) {
        var w = PayloadWriter(taking: &out)
        writeEnvelope(event, to: &w)
        event.data.write(to: &w)
        out = w.finish()
    }

    /// Decodes a payload of any supported format; `seq` and `recordedAtMicros` come from the
    /// record frame. Total: bytes that are not a well-formed payload of a valid event, truncated
    /// or damaged, throw rather than trap.
    public static func decode(_ bytes: UnsafeRawBufferPointer, seq: UInt64, recordedAtMicros: Int64) throws(EventCodecError) -> StoredEvent {
        var r = PayloadReader(bytes)
        let format: UInt8, type: EventType, id: EventID, actor: Actor, stream: String?, version: Int64?
        do {
            (format, type, id, actor, stream, version) = try readEnvelope(&r)
        } catch {
            throw EventCodecError(seq: seq, "\(error.reason) (envelope, byte \(error.offset))")
        }
        if format == 1 {
            return try decodeFormat1(
                r.rest(), seq: seq, id: id, stream: stream, version: version, recordedAtMicros: recordedAtMicros,
                actor: actor, type: type)
        }
        // Each case builds the event from its payload in one expression, and the end check
        // comes before the event exists: every extra step (an `EventData` built by a helper,
        // a `data` variable) added a copy of the 226-byte event or of its 138-byte data.
        @inline(__always) func event(_ data: EventData, _ r: PayloadReader) throws(PayloadError) -> StoredEvent {
            try r.expectEnd()
            return StoredEvent(
                seq: seq, id: id, stream: stream, version: version, recordedAtMicros: recordedAtMicros, actor: actor, data: data)
        }
        do {
            switch type {
            case .unitRegistered: return try event(.unitRegistered(UnitRegistered(binary: &r)), r)
            case .campaignLaunched: return try event(.campaignLaunched(CampaignLaunched(binary: &r)), r)
            case .campaignClosed: return try event(.campaignClosed(CampaignClosed(binary: &r)), r)
            case .landDonated: return try event(.landDonated(LandDonated(binary: &r)), r)
            case .fundsContributed: return try event(.fundsContributed(FundsContributed(binary: &r)), r)
            case .laborContributed: return try event(.laborContributed(LaborContributed(binary: &r)), r)
            case .worksCompleted: return try event(.worksCompleted(WorksCompleted(binary: &r)), r)
            case .dialogueHeld: return try event(.dialogueHeld(DialogueHeld(binary: &r)), r)
            case .opinionAnswered: return try event(.opinionAnswered(OpinionAnswered(binary: &r)), r)
            case .modelRegistered: return try event(.modelRegistered(ModelRegistered(binary: &r)), r)
            case .entryVoided: return try event(.entryVoided(EntryVoided(binary: &r)), r)
            case .unitRenamed: return try event(.unitRenamed(UnitRenamed(binary: &r)), r)
            case .unitMoved: return try event(.unitMoved(UnitMoved(binary: &r)), r)
            case .unitMerged: return try event(.unitMerged(UnitMerged(binary: &r)), r)
            case .unitSplit: return try event(.unitSplit(UnitSplit(binary: &r)), r)
            case .unitEnded: return try event(.unitEnded(UnitEnded(binary: &r)), r)
            }
        } catch {
            throw EventCodecError(seq: seq, "bad \(type.rawValue) data: \(error.reason) (byte \(error.offset))")
        }
    }

    /// The envelope, read into a tuple so that its strings move into the event uncopied.
    @inline(__always)
    private static func readEnvelope(_ r: inout PayloadReader) throws(PayloadError) -> (
        format: UInt8, type: EventType, id: EventID, actor: Actor, stream: String?, version: Int64?
    ) {
        let format = try r.u8()
        guard format == 1 || format == 2 else { throw PayloadError("unknown payload format", at: 0) }
        guard let type = EventType(tag: try r.u8()) else { throw PayloadError("unknown event type tag", at: 1) }
        let id = try r.eventID()
        let uid = try r.u32LE()
        let actor = Actor(uid: uid, user: try r.string())
        let flagsAt = r.offset
        let flags = try r.u8()
        guard flags & ~1 == 0 else { throw PayloadError("unknown envelope flags", at: flagsAt) }
        guard flags & 1 != 0 else { return (format, type, id, actor, nil, nil) }
        let stream = try r.string()
        return (format, type, id, actor, stream, Int64(bitPattern: try r.u64LE()))
    }

    /// An event whose data is in format 1: a `JSONBinary` object read through `FieldReader`.
    @inline(never)
    private static func decodeFormat1(
        _ bytes: UnsafeRawBufferPointer, seq: UInt64, id: EventID, stream: String?, version: Int64?,
        recordedAtMicros: Int64, actor: Actor, type: EventType
    ) throws(EventCodecError) -> StoredEvent {
        let value: JSONValue
        do {
            value = try JSONBinary.decode(bytes)
        } catch {
            throw EventCodecError(seq: seq, "bad data: \(error)")
        }
        let data: EventData
        do {
            data = try EventData(type: type, data: value, path: "data", trusted: true)
        } catch {
            throw EventCodecError(seq: seq, "data no longer valid: \(error)")
        }
        return StoredEvent(
            seq: seq, id: id, stream: stream, version: version, recordedAtMicros: recordedAtMicros, actor: actor, data: data)
    }

    private static func writeEnvelope(_ event: StoredEvent, to w: inout PayloadWriter) {
        w.u8(formatVersion)
        w.u8(event.type.tag)
        w.eventID(event.id)
        w.u32LE(event.actor.uid)
        w.string(event.actor.user)
        if let stream = event.stream {
            w.u8(1)
            w.string(stream)
            w.u64LE(UInt64(bitPattern: event.version ?? 0))
        } else {
            w.u8(0)
        }
    }
}
