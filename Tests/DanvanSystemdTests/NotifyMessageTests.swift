import Testing

@testable import DanvanSystemd

/// The assignments of the notification protocol, spelled as `sd_notify(3)` expects.
@Suite struct NotifyMessageTests {
    @Test func eachMessageIsOneAssignment() {
        #expect(NotifyMessage.ready.line == "READY=1")
        #expect(NotifyMessage.reloading.line == "RELOADING=1")
        #expect(NotifyMessage.stopping.line == "STOPPING=1")
        #expect(NotifyMessage.watchdog.line == "WATCHDOG=1")
        #expect(NotifyMessage.mainPID(4242).line == "MAINPID=4242")
        #expect(NotifyMessage.extendTimeout(microseconds: 60_000_000).line == "EXTEND_TIMEOUT_USEC=60000000")
        #expect(NotifyMessage.status("replaying 450000/1000000 events").line == "STATUS=replaying 450000/1000000 events")
    }

    @Test func aNewlineCannotSmuggleASecondAssignmentIntoTheStatus() {
        #expect(NotifyMessage.status("bad\nREADY=1\r").line == "STATUS=bad READY=1 ")
    }

    @Test func severalMessagesShareOneDatagram() {
        #expect(NotifyMessage.datagram([.ready, .status("serving"), .mainPID(7)]) == "READY=1\nSTATUS=serving\nMAINPID=7")
    }

    @Test func reloadingCarriesTheMonotonicClock() {
        let messages = NotifyMessage.reloadingNow()
        #expect(messages.first == .reloading)
        guard case .monotonicMicros(let usec)? = messages.last else {
            Issue.record("no MONOTONIC_USEC in \(messages)")
            return
        }
        #expect(usec > 0)
    }
}
