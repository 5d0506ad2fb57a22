import Foundation
import Testing

@testable import DanvanSystemd

#if canImport(Glibc)
import Glibc
#endif

/// What libsystemd reads from the environment systemd sets up: `$NOTIFY_SOCKET`,
/// `$WATCHDOG_USEC`/`$WATCHDOG_PID`, `$LISTEN_FDS`/`$LISTEN_PID`, `$JOURNAL_STREAM`.
/// Serialized: these tests change the process environment.
@Suite(.serialized) struct EnvironmentTests {
    @Test func notificationsReachTheSocketNamedByNotifySocket() throws {
        let directory = try TemporaryDirectory()
        let fake = FakeNotifySocket(in: directory)
        try withEnvironment(["NOTIFY_SOCKET": fake.path]) { () throws in
            let notifier = SystemdNotifier()
            #expect(notifier.isActive)
            #expect(notifier.send([.ready, .status("serving 3 events"), .mainPID(getpid())]))
            #expect(fake.receive() == "READY=1\nSTATUS=serving 3 events\nMAINPID=\(getpid())")
            #expect(notifier.send(.stopping))
            #expect(fake.receive() == "STOPPING=1")
            #expect(notifier.send(NotifyMessage.reloadingNow()))
            let reloading = try #require(fake.receive())
            #expect(reloading.hasPrefix("RELOADING=1\nMONOTONIC_USEC="))
        }
    }

    @Test func withoutNotifySocketNothingIsSent() {
        withEnvironment(["NOTIFY_SOCKET": nil]) {
            let notifier = SystemdNotifier()
            #expect(!notifier.isActive)
            #expect(!notifier.send(.ready))
        }
    }

    @Test func watchdogIntervalComesFromWatchdogUsec() {
        withEnvironment(["WATCHDOG_USEC": "3000000", "WATCHDOG_PID": String(getpid())]) {
            let settings = WatchdogSettings.fromEnvironment()
            #expect(settings?.timeout == .seconds(3))
            #expect(settings?.pingInterval == .milliseconds(1500))
        }
    }

    @Test func aWatchdogMeantForAnotherProcessIsNotOurs() {
        withEnvironment(["WATCHDOG_USEC": "3000000", "WATCHDOG_PID": String(getpid() + 1)]) {
            #expect(WatchdogSettings.fromEnvironment() == nil)
        }
        withEnvironment(["WATCHDOG_USEC": nil, "WATCHDOG_PID": nil]) {
            #expect(WatchdogSettings.fromEnvironment() == nil)
        }
    }

    @Test func notSocketActivatedMeansNoPassedSockets() throws {
        try withEnvironment(["LISTEN_FDS": nil, "LISTEN_PID": nil]) { () throws in
            #expect(try SocketActivation.passedSockets().isEmpty)
            #expect(try SocketActivation.listeningUnixSocket() == nil)
        }
    }

    @Test func socketsPassedToAnotherProcessAreIgnored() throws {
        try withEnvironment(["LISTEN_FDS": "1", "LISTEN_PID": String(getpid() + 1)]) { () throws in
            #expect(try SocketActivation.passedSockets().isEmpty)
        }
    }

    @Test func stderrIsTheJournalOnlyWhenJournalStreamNamesIt() throws {
        var st = stat()
        try #require(fstat(STDERR_FILENO, &st) == 0)
        let mine = "\(st.st_dev):\(st.st_ino)"
        #expect(Journal.stderrIsJournalStream(environment: ["JOURNAL_STREAM": mine]))
        #expect(DaemonLogging.destination(environment: ["JOURNAL_STREAM": mine]) == .journal)
        #expect(!Journal.stderrIsJournalStream(environment: ["JOURNAL_STREAM": "\(st.st_dev):\(st.st_ino + 1)"]))
        #expect(!Journal.stderrIsJournalStream(environment: [:]))
        #expect(DaemonLogging.destination(environment: [:]) == .standardError)
    }
}
