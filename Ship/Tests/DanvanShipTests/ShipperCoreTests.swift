import DanvanShip
import Testing

/// Each decision of the shipper, one by one.
@Suite struct ShipperCoreTests {
    static func event(_ seq: Int64) -> ShippedEvent {
        ShippedEvent(seq: seq, id: "00000000-0000-0000-0000-\(String(seq).leftPad(12))", type: "land.donated",
                     recordedAt: "2026-01-01T00:00:00.000000Z", actor: "{}", data: "{}")
    }

    static func core(batch: Int = 3) -> ShipperCore {
        ShipperCore(province: "LC", batchSize: batch, backoff: Backoff(initialMilliseconds: 100, maximumMilliseconds: 800))
    }

    @Test func startConnectsTheDatabaseThenReadsTheCheckpointThenSubscribesAtIt() {
        var core = Self.core()
        #expect(core.handle(.started) == [.connectDatabase])
        #expect(core.handle(.databaseConnected(host: "h:1")) == [.readCheckpoint])
        #expect(core.handle(.checkpointRead(41)) == [.subscribe(fromSeq: 41)])
        #expect(core.nextSeq == 42)
        #expect(core.overlapSeq == 41)
        #expect(core.handle(.subscribed(fromSeq: 41, lastSeq: 100)) == [.read(max: 3)])
    }

    @Test func theCheckpointsEventIsSentAgainOnceToBeCheckedThenNeverAgain() {
        var core = Self.core()
        _ = core.handle(.checkpointRead(41))
        #expect(core.handle(.received([Self.event(41), Self.event(42)])) == [.write([Self.event(41), Self.event(42)])])
        #expect(core.overlapSeq == nil)
        #expect(core.handle(.committed(lastSeq: 42, inserted: 1)) == [.read(max: 3)])
        #expect(core.nextSeq == 43)
        // Seen again later (a reader that repeats itself): dropped.
        #expect(core.handle(.received([Self.event(41), Self.event(42)])) == [.read(max: 3)])
    }

    @Test func anEmptyDatabaseSubscribesFromTheFirstEvent() {
        var core = Self.core()
        _ = core.handle(.started)
        _ = core.handle(.databaseConnected(host: "h"))
        #expect(core.handle(.checkpointRead(0)) == [.subscribe(fromSeq: 1)])
    }

    @Test func eventsInOrderAreWrittenAndTheNextReadWaitsForTheCommit() {
        var core = Self.core()
        _ = core.handle(.checkpointRead(0))
        let batch = [Self.event(1), Self.event(2), Self.event(3)]
        #expect(core.handle(.received(batch)) == [.write(batch)])
        #expect(core.writing)
        #expect(core.handle(.committed(lastSeq: 3, inserted: 3)) == [.read(max: 3)])
        #expect(!core.writing)
        #expect(core.nextSeq == 4)
        #expect(core.inserted == 3)
    }

    @Test func nothingReadMeansReadAgain() {
        var core = Self.core()
        _ = core.handle(.checkpointRead(5))
        #expect(core.handle(.received([])) == [.read(max: 3)])
    }

    @Test func eventsAtOrBeforeTheCheckpointAreDropped() {
        var core = Self.core()
        _ = core.handle(.checkpointRead(2))
        #expect(core.handle(.received([Self.event(1)])) == [.read(max: 3)])
        #expect(core.handle(.received([Self.event(2), Self.event(3)])) == [.write([Self.event(2), Self.event(3)])])
        _ = core.handle(.committed(lastSeq: 3, inserted: 1))
        #expect(core.handle(.received([Self.event(2), Self.event(3)])) == [.read(max: 3)])
    }

    @Test func aGapResubscribesFromTheCheckpoint() {
        var core = Self.core()
        _ = core.handle(.checkpointRead(0))
        let actions = core.handle(.received([Self.event(1), Self.event(3)]))
        #expect(actions.last == .readCheckpoint)
        #expect(actions.count == 2)
        guard case .log(let line) = actions.first else { Issue.record("no log"); return }
        #expect(line.level == .warning)
        #expect(line.message.contains("seq 3 where 2"))
    }

    @Test func moreThanABatchIsCutToOneBatch() {
        var core = Self.core(batch: 2)
        _ = core.handle(.checkpointRead(0))
        #expect(core.handle(.received([Self.event(1), Self.event(2), Self.event(3)])) == [.write([Self.event(1), Self.event(2)])])
    }

    @Test func aLostDatabaseIsLoggedOnceRetriedWithBackoffAndLoggedWhenBack() {
        var core = Self.core()
        _ = core.handle(.started)
        let first = core.handle(.databaseFailed("connection refused"))
        #expect(first.count == 3)
        guard case .log(let line) = first[0] else { Issue.record("no log"); return }
        #expect(line.level == .error)
        #expect(line.message.contains("connection refused"))
        #expect(Array(first.dropFirst()) == [.sleep(milliseconds: 100), .connectDatabase])
        #expect(core.handle(.databaseFailed("connection refused")) == [.sleep(milliseconds: 200), .connectDatabase])
        #expect(core.handle(.databaseFailed("connection refused")) == [.sleep(milliseconds: 400), .connectDatabase])
        #expect(core.handle(.databaseFailed("connection refused")) == [.sleep(milliseconds: 800), .connectDatabase])
        #expect(core.handle(.databaseFailed("connection refused")) == [.sleep(milliseconds: 800), .connectDatabase])
        let back = core.handle(.databaseConnected(host: "replica:5434"))
        #expect(back.last == .readCheckpoint)
        guard case .log(let notice) = back.first else { Issue.record("no log"); return }
        #expect(notice.level == .notice)
        #expect(notice.message.contains("replica:5434"))
        #expect(notice.message.contains("5 failed"))
        #expect(core.databaseFailures == 0)
        // Lost again later: logged again, from the first wait.
        #expect(core.handle(.databaseFailed("gone")).count == 3)
    }

    @Test func aFailedWriteReconnectsAndResumesFromTheDatabasesCheckpoint() {
        var core = Self.core()
        _ = core.handle(.checkpointRead(0))
        _ = core.handle(.received([Self.event(1)]))
        let actions = core.handle(.databaseFailed("terminating connection"))
        #expect(actions.suffix(2) == [.sleep(milliseconds: 100), .connectDatabase])
        #expect(!core.writing)
        _ = core.handle(.databaseConnected(host: "h"))
        // The new primary had not received seq 1: it is shipped again from there.
        #expect(core.handle(.checkpointRead(0)) == [.subscribe(fromSeq: 1)])
    }

    @Test func aLostDanvandIsRetriedFromTheCheckpointAndLoggedOnce() {
        var core = Self.core()
        _ = core.handle(.checkpointRead(10))
        let first = core.handle(.danvandFailed("cannot connect"))
        #expect(first.count == 3)
        #expect(Array(first.suffix(2)) == [.sleep(milliseconds: 100), .readCheckpoint])
        #expect(core.handle(.danvandFailed("cannot connect")) == [.sleep(milliseconds: 200), .readCheckpoint])
        #expect(core.handle(.checkpointRead(10)) == [.subscribe(fromSeq: 10)])
        let back = core.handle(.subscribed(fromSeq: 10, lastSeq: 20))
        #expect(back.last == .read(max: 3))
        guard case .log(let line) = back.first else { Issue.record("no log"); return }
        #expect(line.level == .notice)
    }

    @Test func tooSlowResubscribesFromTheCheckpoint() {
        var core = Self.core()
        _ = core.handle(.checkpointRead(10))
        let actions = core.handle(.subscriptionEnded(code: "too_slow", resumeFrom: 11))
        #expect(actions.suffix(2) == [.sleep(milliseconds: 100), .readCheckpoint])
    }

    @Test func aDanvandBehindTheDatabaseIsWarnedAbout() {
        var core = Self.core()
        _ = core.handle(.checkpointRead(50))
        let actions = core.handle(.subscribed(fromSeq: 50, lastSeq: 40))
        #expect(actions.last == .read(max: 3))
        guard case .log(let line) = actions.first else { Issue.record("no log"); return }
        #expect(line.level == .warning)
        #expect(line.message.contains("older backup"))
    }

    @Test func aDivergedLogStopsWithItsExitCode() {
        var core = Self.core()
        _ = core.handle(.checkpointRead(0))
        let actions = core.handle(.diverged(seq: 7))
        #expect(actions.last == .stop(exitCode: 65))
    }

    @Test func eventsBeforeTheCheckpointIsKnownReadItFirst() {
        var core = Self.core()
        #expect(core.handle(.received([Self.event(1)])) == [.readCheckpoint])
    }
}

extension String {
    func leftPad(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
