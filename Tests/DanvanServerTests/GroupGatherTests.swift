import Testing

@testable import DanvanServer

/// Group commit's gathering (`GroupGather`), decision by decision, with the time given.
@Suite struct GroupGatherTests {
    /// A fresh daemon expects one append per turn: the first one starts at once.
    @Test func aLoneClientNeverWaits() {
        var gather = GroupGather()
        for round in 0..<5 {
            let now = Int64(round) * 1_000
            gather.staged(first: true, now: now)
            #expect(gather.wait(staged: 1, now: now) == 0)
            gather.turnEnded(taken: 1, stagedMeanwhile: 0)
            #expect(gather.expected == 1)
        }
    }

    /// The next turn expects the last turn's appends and those staged while it ran.
    @Test func theGroupIsTheLastTurnAndThoseThatArrivedDuringIt() {
        var gather = GroupGather()
        gather.turnEnded(taken: 10, stagedMeanwhile: 6)
        #expect(gather.expected == 16)
        gather.staged(first: true, now: 1_000)
        #expect(gather.wait(staged: 1, now: 1_000) == GroupGather.window)
        #expect(gather.wait(staged: 5, now: 1_010) == GroupGather.window - 10)
        #expect(gather.wait(staged: 15, now: 1_100) == GroupGather.window - 100)
        #expect(gather.wait(staged: 16, now: 1_100) == 0, "the group is all here")
        #expect(gather.wait(staged: 20, now: 1_001) == 0)
    }

    /// The window counts from the oldest staged append, not the newest.
    @Test func theWindowCountsFromTheOldestStagedAppend() {
        var gather = GroupGather()
        gather.turnEnded(taken: 16, stagedMeanwhile: 0)
        gather.staged(first: true, now: 500)
        gather.staged(first: false, now: 600)
        #expect(gather.wait(staged: 2, now: 600) == GroupGather.window - 100)
        #expect(gather.wait(staged: 2, now: 500 + GroupGather.window) == 0)
        #expect(gather.wait(staged: 2, now: 500 + 10 * GroupGather.window) == 0)
    }

    /// An appender that went away costs one window, then the group shrinks to those left.
    @Test func aClientThatLeavesCostsOneWindowOnce() {
        var gather = GroupGather()
        gather.turnEnded(taken: 16, stagedMeanwhile: 0)
        gather.staged(first: true, now: 0)
        #expect(gather.wait(staged: 15, now: 50) > 0)
        #expect(gather.wait(staged: 15, now: GroupGather.window) == 0)
        gather.turnEnded(taken: 15, stagedMeanwhile: 0)
        gather.staged(first: true, now: 1_000)
        #expect(gather.wait(staged: 15, now: 1_000) == 0)
    }

    /// Nothing staged: nothing to wait for. Pipelined load: never more than the cap.
    @Test func nothingStagedAndTheCap() {
        var gather = GroupGather()
        gather.turnEnded(taken: 300, stagedMeanwhile: 500)
        #expect(gather.expected == GroupGather.largestGroup)
        #expect(gather.wait(staged: 0, now: 0) == 0)
        gather.staged(first: true, now: 0)
        #expect(gather.wait(staged: GroupGather.largestGroup, now: 0) == 0)
        #expect(gather.wait(staged: GroupGather.largestGroup - 1, now: 0) == GroupGather.window)
    }
}
