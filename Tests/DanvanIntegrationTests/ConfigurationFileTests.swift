import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The configuration file as the real daemon reads it, at start and on `systemctl reload`
/// (SIGHUP): the same parser both times.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ConfigurationFileTests {
    @Test func trailingCommentsAreAcceptedAtStartAndOnReload() throws {
        let d = try Daemon()
        try d.start(config: "max_connections = 7 # the pilot commune\nreaders = uid:65534\t# nobody reads\n")
        try d.writeConfig("max_connections = 5  # fewer\nreaders = uid:65534 # nobody reads\n")
        guard let pid = d.process?.processIdentifier else { Issue.record("no process"); return }
        kill(pid, SIGHUP)
        let deadline = Date().addingTimeInterval(10)
        while !d.stderr.contains("configuration reloaded"), Date() < deadline { usleep(20_000) }
        #expect(d.stderr.contains("max_connections: 7 -> 5"), "stderr: \(d.stderr)")
        #expect(!d.stderr.contains("reload failed"))
        #expect(d.stop() == 0)
    }

    @Test func anUnknownKeyIsRefusedWithTheClosestKnownOne() throws {
        let d = try Daemon()
        let file = d.directory + "/danvand.conf"
        try "max_conections = 10\n".write(toFile: file, atomically: true, encoding: .utf8)
        let run = try d.tool(["--state-dir", d.directory, "--socket", d.socket, "--config", file])
        #expect(run.status == 64)
        #expect(run.stderr.contains("line 1: unknown key 'max_conections' (did you mean 'max_connections'?)"), "stderr: \(run.stderr)")
        #expect(run.stderr.contains("danvand.conf(5)"))
    }
}
