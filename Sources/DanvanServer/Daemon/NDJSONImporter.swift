import DanvanDomain
import DanvanJSON
import DanvanStorage

#if canImport(Glibc)
import Glibc
#endif

/// Validates an NDJSON file of events against a replayed registry and frames the
/// records to append, all or nothing: the first bad line stops the import before
/// anything is written.
public struct NDJSONImporter {
    /// What a successful validation produced.
    public struct Result {
        /// Framed records, in chunks.
        public var batches: [RecordBatch]
        /// New events.
        public var imported: Int
        /// Lines skipped because their id is already stored.
        public var duplicates: Int
    }

    /// A bad line.
    public struct LineError: Error, CustomStringConvertible {
        /// 1-based line number.
        public var line: Int
        /// What is wrong.
        public var message: String
        public var description: String { "\(line): \(message)" }
    }

    var registry: Registry
    let nextSeq: UInt64
    let snapshot: LogSnapshot
    /// The day of each line's `recordedAt` (now, when the line has none), which its own date
    /// may not pass, as for an append (`Registry.checkAdmission`).
    let calendar: ProvinceCalendar

    /// Starts an import after the replayed state.
    public init(registry: Registry, nextSeq: UInt64, snapshot: LogSnapshot, calendar: ProvinceCalendar = .vietnam()) {
        self.registry = registry
        self.nextSeq = nextSeq
        self.snapshot = snapshot
        self.calendar = calendar
    }

    /// Validates every line of `bytes`.
    public consuming func run(_ bytes: [UInt8]) throws(LineError) -> Result {
        var seq = nextSeq
        var batches: [RecordBatch] = []
        var current = RecordBatch(reservingCapacity: 1 << 20)
        var imported: [StoredEvent] = []
        var duplicates = 0
        var payload: [UInt8] = []
        let now = Clock.nowMicros()
        let me = Actor(uid: getuid(), user: UserNames.name(of: getuid()))
        var lineNumber = 0
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            lineNumber += 1
            defer { start = end + 1 }
            let line = bytes[start..<end]
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            let value: JSONValue
            do {
                value = try JSONParser.parse(line)
            } catch {
                throw LineError(line: lineNumber, message: "not valid JSON: \(error)")
            }
            guard case .object(var object) = value else {
                throw LineError(line: lineNumber, message: "each line must be an event object")
            }
            var recordedAt = now
            if let text = object["recordedAt"]?.stringValue {
                guard let micros = Timestamp.parse(text) else {
                    throw LineError(line: lineNumber, message: "recordedAt: expected an ISO 8601 UTC time like 2024-03-05T08:09:10.123456Z")
                }
                recordedAt = micros
            }
            var actor = me
            if let a = object["actor"]?.objectValue, let uid = a["uid"]?.int64Value, let uid32 = UInt32(exactly: uid), let user = a["user"]?.stringValue {
                actor = Actor(uid: uid32, user: user)
            }
            for key in ["seq", "version", "recordedAt", "actor"] { object[key] = nil }
            let outcome: BatchAdmission.Outcome
            do {
                let priorEvents = imported
                outcome = try BatchAdmission.admit(
                    [.object(object)], expectedVersion: .any, registry: &registry, nextSeq: seq,
                    recordedAtMicros: recordedAt, recordedOn: calendar.day(atMicros: recordedAt), actor: actor,
                    target: { s in
                        if s >= self.nextSeq { return priorEvents.first(where: { $0.seq == s })?.data }
                        return (try? EventReader.event(seq: s, in: self.snapshot))?.data
                    })
            } catch {
                switch error {
                case .invalid(let e): throw LineError(line: lineNumber, message: e.description.replacingOccurrences(of: "events[0].", with: ""))
                case .conflict: throw LineError(line: lineNumber, message: "stream conflict")
                }
            }
            duplicates += outcome.duplicates
            for event in outcome.events {
                payload.removeAll(keepingCapacity: true)
                EventPayloadCodec.encode(event, into: &payload)
                current.append(seq: event.seq, recordedAtMicros: event.recordedAtMicros, payload: payload)
                imported.append(event)
                seq += 1
            }
            if current.byteCount > 4 << 20 {
                batches.append(current)
                current = RecordBatch(reservingCapacity: 1 << 20)
            }
        }
        if !current.isEmpty { batches.append(current) }
        return Result(batches: batches, imported: imported.count, duplicates: duplicates)
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
