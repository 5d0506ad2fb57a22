import DanvanDomain
import DanvanServer
import DanvanStorage
import Foundation
import Testing

/// A long log is replayed on two threads (`Replay.run`'s pipeline): it must build exactly the
/// state the one-thread replay builds, and report the same refusal for an event that does
/// not replay, without hanging.
@Suite(.serialized) struct ReplayPipelineTests {
    static func snapshot(of events: [StoredEvent]) throws -> (SegmentedLog, LogSnapshot) {
        let directory = NSTemporaryDirectory() + "danvan-replay-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let log = try SegmentedLog.open(directory: directory, segmentSize: 256 << 10, onTruncate: { _ in })
        var records: [PendingRecord] = []
        for event in events {
            var payload: [UInt8] = []
            EventPayloadCodec.encode(event, into: &payload)
            records.append(PendingRecord(seq: event.seq, recordedAtMicros: event.recordedAtMicros, payload: payload))
        }
        try log.append(records)
        _ = try log.sync()
        return (log, log.snapshot())
    }

    static func remove(_ log: SegmentedLog) {
        let directory = log.directory
        log.close()
        try? FileManager.default.removeItem(atPath: directory)
    }

    @Test(arguments: [1, 7, 2_048])
    func twoThreadsBuildTheSameStateAsOne(batchSize: Int) throws {
        let events = StateSnapshotStartupTests.sampleEvents
        #expect(events.count == 8_684)
        #expect(events.contains { if case .entryVoided = $0.data { true } else { false } })
        let (log, snapshot) = try Self.snapshot(of: events)
        defer { Self.remove(log) }
        let one = try Replay.run(snapshot, pipelineThreshold: .max)
        let two = try Replay.run(snapshot, pipelineThreshold: 0, batchSize: batchSize)
        #expect(one.events == 8_684)
        #expect(two.events == one.events)
        #expect(two.registry == one.registry)
        #expect(two.projection == one.projection)
    }

    @Test(arguments: [1, 7, 2_048])
    func aRefusedEventStopsBothThreadsWithItsSeq(batchSize: Int) throws {
        // The sample without its first 300 events (units among them), renumbered from 1:
        // some event soon names a unit that was never registered.
        var events = Array(StateSnapshotStartupTests.sampleEvents.dropFirst(300))
        for i in events.indices { events[i].seq = UInt64(i + 1) }
        let (log, snapshot) = try Self.snapshot(of: events)
        defer { Self.remove(log) }
        var oneSeq: UInt64?
        do { _ = try Replay.run(snapshot, pipelineThreshold: .max) } catch let error as ReplayError { oneSeq = error.seq }
        var twoSeq: UInt64?
        do {
            _ = try Replay.run(snapshot, pipelineThreshold: 0, batchSize: batchSize)
        } catch let error as ReplayError { twoSeq = error.seq }
        #expect(oneSeq != nil)
        #expect(twoSeq == oneSeq)
    }
}
