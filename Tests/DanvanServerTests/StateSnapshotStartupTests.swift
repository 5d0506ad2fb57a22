import DanvanLogTestSupport
import DanvanDomain
import DanvanJSON
import DanvanServer
import DanvanStorage
import Foundation
import Logging
import Synchronization
import Testing

/// Starting from a state snapshot gives exactly the state a full replay gives, and any
/// snapshot that does not fit the log (damaged, another version, another or a cut log) is
/// ignored with a warning while the log is replayed in full.
@Suite(.serialized) struct StateSnapshotStartupTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The sample province as stored events (seq 1...8684).
    static let sampleEvents: [StoredEvent] = {
        // The sample is in the repository; a failure here fails every test that uses it.
        let text = (try? String(contentsOf: root.appendingPathComponent("Samples/lao-cai.ndjson"), encoding: .utf8)) ?? ""
        var registry = Registry()
        var events: [StoredEvent] = []
        let lines = text.split(separator: "\n").filter { !$0.isEmpty }
        for start in stride(from: 0, to: lines.count, by: 500) {
            let items = lines[start..<min(start + 500, lines.count)].compactMap { try? JSONParser.parse(String($0)) }
            let known = events
            guard let outcome = try? BatchAdmission.admit(
                items, expectedVersion: .any, registry: &registry, nextSeq: UInt64(events.count + 1),
                recordedAtMicros: 1_700_000_000_000_000 + Int64(start), recordedOn: Day(year: 2199, month: 12, day: 31), actor: Actor(uid: 1000, user: "tester"),
                target: { seq in known.first(where: { $0.seq == seq })?.data })
            else { return [] }
            events.append(contentsOf: outcome.events)
        }
        return events
    }()

    /// Every directory `makeLog` made, removed by `cleanUp` at the end of each test.
    static let made = Mutex<[String]>([])

    static func cleanUp() {
        for directory in made.withLock({ list in defer { list.removeAll() }; return list }) {
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    /// A fresh state directory holding the first `count` sample events.
    static func makeLog(_ count: Int, timeOffset: Int64 = 0) throws -> String {
        let directory = NSTemporaryDirectory() + "danvan-snap-\(UUID().uuidString)"
        made.withLock { $0.append(directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let log = try SegmentedLog.open(directory: directory, segmentSize: 256 << 10, onTruncate: { _ in })
        var records: [PendingRecord] = []
        for event in sampleEvents.prefix(count) {
            var payload: [UInt8] = []
            EventPayloadCodec.encode(event, into: &payload)
            records.append(PendingRecord(seq: event.seq, recordedAtMicros: event.recordedAtMicros + timeOffset, payload: payload))
        }
        try log.append(records)
        _ = try log.sync()
        log.close()
        return directory
    }

    /// Opens `directory` as danvand does; the lock is released when the result goes.
    static func open(_ directory: String, useSnapshot: Bool = true, lines: LogLines = LogLines()) throws -> OpenedState {
        let logger = Logger(label: "test", factory: { _ in CollectingLogHandler(box: lines) })
        let state = try OpenedState.open(directory: directory, segmentSize: 256 << 10, logger: logger, useSnapshot: useSnapshot)
        return state
    }

    /// Writes a snapshot of `directory`'s state after its first `seq` events (by replaying them).
    static func writeSnapshot(_ directory: String, seq: UInt64) throws {
        let state = try open(directory, useSnapshot: false)
        defer { state.log.close(); state.lock.release() }
        let view = state.log.snapshot()
        var registry = Registry()
        var projection = Projection()
        var undo: [Registry.UndoStep] = []
        for event in sampleEvents.prefix(Int(seq)) {
            var target: StoredEvent?
            if case .entryVoided(let v) = event.data, let entry = registry.event(v.target) { target = sampleEvents[Int(entry.seq) - 1] }
            _ = try registry.admit(event.data, id: event.id, seq: event.seq, stream: event.stream, path: "data", undo: &undo, target: { _ in target?.data })
            projection.apply(event, voidedTarget: target)
        }
        try StateSnapshots.write(StateCapture(registry: registry, projection: projection, seq: seq), directory: directory, log: view)
    }

    static func same(_ a: OpenedState, _ b: OpenedState) -> Bool {
        a.replayed.registry == b.replayed.registry && a.replayed.projection == b.replayed.projection
    }

    /// The only snapshot file of `directory`.
    static func snapshotPath(_ directory: String) throws -> String {
        let list = SnapshotFile.list(directory: directory)
        #expect(list.count == 1)
        return try #require(list.first?.path)
    }

    static func fullReplay(_ directory: String) throws -> OpenedState {
        let state = try open(directory, useSnapshot: false)
        state.log.close()
        state.lock.release()
        return state
    }

    @Test func snapshotPlusTailEqualsAFullReplay() throws {
        defer { Self.cleanUp() }
        let directory = try Self.makeLog(Self.sampleEvents.count)
        #expect(Self.sampleEvents.count == 8684)
        try Self.writeSnapshot(directory, seq: 6000)
        let full = try Self.fullReplay(directory)
        let lines = LogLines()
        let fromSnapshot = try Self.open(directory, lines: lines)
        defer { fromSnapshot.log.close(); fromSnapshot.lock.release() }
        #expect(fromSnapshot.replayed.snapshotSeq == 6000)
        #expect(fromSnapshot.replayed.events == 8684 - 6000)
        #expect(full.replayed.events == 8684)
        #expect(Self.same(full, fromSnapshot))
        #expect(!lines.all.contains { $0.hasPrefix("warning") })
        let today = Day(year: 2025, month: 1, day: 1)
        for query in [Query.summary(unit: nil, scope: .year(nil)), .summary(unit: "BY", scope: .year(2022)), .units(parent: "LC", scope: .year(nil))] {
            let a = try full.replayed.projection.answer(query, today: today)
            let b = try fromSnapshot.replayed.projection.answer(query, today: today)
            #expect(JSONWriter.string(a) == JSONWriter.string(b))
        }
    }

    @Test func aSnapshotAtTheLogsEndReplaysNothing() throws {
        defer { Self.cleanUp() }
        let directory = try Self.makeLog(3000)
        try Self.writeSnapshot(directory, seq: 3000)
        let full = try Self.fullReplay(directory)
        let state = try Self.open(directory)
        defer { state.log.close(); state.lock.release() }
        #expect(state.replayed.snapshotSeq == 3000)
        #expect(state.replayed.events == 0)
        #expect(Self.same(full, state))
    }

    /// Each way a snapshot can be wrong: it is ignored, with a warning, and the log replayed.
    enum Damage: String, CaseIterable, Sendable {
        case checksum, format, catalogue, beyondTheLog, anotherLog, truncated
    }

    @Test(arguments: Damage.allCases) func aSnapshotThatDoesNotFitIsIgnored(_ damage: Damage) throws {
        defer { Self.cleanUp() }
        let directory = try Self.makeLog(4000)
        switch damage {
        case .beyondTheLog:
            // A snapshot of a longer log whose end was then cut (as a repair does).
            let longer = try Self.makeLog(5000)
            try Self.writeSnapshot(longer, seq: 4500)
            let source = try Self.snapshotPath(longer)
            try FileManager.default.copyItem(atPath: source, toPath: directory + "/" + SnapshotFile.fileName(seq: 4500))
        case .anotherLog:
            // Same events, recorded at other times: another log.
            let other = try Self.makeLog(4000, timeOffset: 1)
            try Self.writeSnapshot(other, seq: 3000)
            try FileManager.default.copyItem(atPath: try Self.snapshotPath(other), toPath: directory + "/" + SnapshotFile.fileName(seq: 3000))
        default:
            try Self.writeSnapshot(directory, seq: 3000)
            let path = try Self.snapshotPath(directory)
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            switch damage {
            case .checksum: bytes[bytes.count / 2] ^= 0x40
            case .truncated: bytes.removeLast(100)
            case .format, .catalogue:
                // A valid file of another version: rewrite the header field and its CRC.
                let offset = damage == .format ? 12 : 16
                bytes[offset] &+= 1
                let crc = CRC32C.update(CRC32C.update(0, bytes[0..<40]), bytes[44...])
                withUnsafeBytes(of: crc.littleEndian) { for (i, b) in $0.enumerated() { bytes[40 + i] = b } }
            default: break
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        let full = try Self.fullReplay(directory)
        let lines = LogLines()
        let state = try Self.open(directory, lines: lines)
        defer { state.log.close(); state.lock.release() }
        #expect(state.replayed.snapshotSeq == nil)
        #expect(state.replayed.events == 4000)
        #expect(Self.same(full, state))
        let warnings = lines.all.filter { $0.hasPrefix("warning") && $0.contains("ignoring state snapshot") }
        #expect(warnings.count == 1, "\(lines.all)")
        let expected: String = switch damage {
        case .checksum: "fails its checksum"
        case .truncated: "body bytes"
        case .format: "state format"
        case .catalogue: "event catalogue"
        case .beyondTheLog: "log ends at seq 4000"
        case .anotherLog: "another log"
        }
        #expect(warnings.first?.contains(expected) == true, "\(warnings)")
    }

    @Test func anOlderValidSnapshotIsUsedWhenTheNewestIsDamaged() throws {
        defer { Self.cleanUp() }
        let directory = try Self.makeLog(4000)
        try Self.writeSnapshot(directory, seq: 2000)
        let older = try Self.snapshotPath(directory)
        let kept = older + ".keep"
        try FileManager.default.moveItem(atPath: older, toPath: kept)
        try Self.writeSnapshot(directory, seq: 3000)
        try FileManager.default.moveItem(atPath: kept, toPath: older)
        let newest = directory + "/" + SnapshotFile.fileName(seq: 3000)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: newest)))
        bytes[60] ^= 1
        try Data(bytes).write(to: URL(fileURLWithPath: newest))
        let full = try Self.fullReplay(directory)
        let state = try Self.open(directory)
        defer { state.log.close(); state.lock.release() }
        #expect(state.replayed.snapshotSeq == 2000)
        #expect(state.replayed.events == 2000)
        #expect(Self.same(full, state))
    }

    @Test func writingASnapshotRemovesTheOlderOnes() throws {
        defer { Self.cleanUp() }
        let directory = try Self.makeLog(3000)
        try Self.writeSnapshot(directory, seq: 1000)
        try Self.writeSnapshot(directory, seq: 2000)
        #expect(SnapshotFile.list(directory: directory).map(\.seq) == [2000])
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(!names.contains { $0.hasSuffix(".tmp") })
    }
}
