import DanvanServer
import Foundation
import Testing

/// The configuration file's syntax, its keys, and danvand.conf(5), which must name them all.
@Suite struct ConfigFileTests {
    private func configuration(_ text: String) throws -> DaemonConfiguration {
        var configuration = DaemonConfiguration(environment: [:])
        try configuration.apply(try ConfigFile(parsing: text))
        return configuration
    }

    private func failure(_ text: String) -> String {
        do {
            _ = try configuration(text)
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    @Test func aCommentAfterABlankEndsTheValue() throws {
        let c = try configuration("""
            max_connections = 10 # comment
            max_in_flight = 20\t# after a tab
            readers = group:danvan, uid:1000   # the staff
            socket = "/srv/a #1/danvand.sock" # quoted: kept
            state_directory = /srv/state#2
              # an indented comment line
            """)
        #expect(c.maxConnections == 10)
        #expect(c.maxInFlight == 20)
        #expect(c.access.rules[.reader]?.map(\.description) == ["group:danvan", "uid:1000"])
        #expect(c.socketPath == "/srv/a #1/danvand.sock")
        #expect(c.stateDirectory == "/srv/state#2")
    }

    @Test func aCommentDoesNotHideAMissingValueOrEquals() {
        #expect(failure("max_connections = # none").contains("'max_connections' must be a number"))
        #expect(failure("max_connections # = 5").contains("line 1: expected 'key = value', got 'max_connections'"))
    }

    @Test func anUnknownKeyGetsTheClosestKnownOne() {
        #expect(failure("\nmax_conections = 10") == "line 2: unknown key 'max_conections' (did you mean 'max_connections'?); the keys are listed in danvand.conf(5) (man 5 danvand.conf)")
        #expect(failure("sockt_mode = 0600").contains("(did you mean 'socket_mode'?)"))
        #expect(!failure("colour = red").contains("did you mean"))
        #expect(failure("log_level = debg").contains("got 'debg' (did you mean 'debug'?)"))
    }

    /// Every key of `DaemonConfiguration.keys` is handled by `apply` (none falls through to
    /// "unknown"), so that list is the keys the code accepts.
    @Test func everyListedKeyIsAccepted() throws {
        let sample = [
            "state_directory": "/srv/danvan", "socket": "/srv/danvand.sock", "socket_mode": "0600", "segment_size": "1M",
            "max_line_bytes": "64K", "max_batch_events": "5", "max_connections": "5", "log_level": "debug",
            "readers": "uid:1", "writers": "uid:2", "admins": "uid:3", "max_subscriber_lag": "5", "max_in_flight": "5",
            "line_timeout": "5", "snapshot_every_events": "5", "snapshot_keep": "3", "time_zone": "Etc/GMT+12", "period_cutoff": "decree09", "test_hooks": "true",
        ]
        #expect(Set(sample.keys) == Set(DaemonConfiguration.keys))
        for key in DaemonConfiguration.keys {
            let value = try #require(sample[key])
            #expect(throws: Never.self, "\(key)") { try configuration("\(key) = \(value) # sample") }
            #expect(try configuration("\(key) = \(value)") != configuration(""), "\(key) changed nothing")
        }
    }

    /// danvand.conf(5) has one `.TP` entry per key (`.B key`, or `.BR` for a line of them), no
    /// more, no fewer: a key added to the code without its page fails here.
    @Test func theManualPageNamesEveryKey() throws {
        let page = try String(contentsOfFile: repositoryRoot + "/deploy/man/danvand.conf.5", encoding: .utf8)
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let start = lines.firstIndex(of: ".SH KEYS"), let end = lines[(start + 1)...].firstIndex(where: { $0.hasPrefix(".SH ") }) else {
            Issue.record("danvand.conf.5 has no KEYS section")
            return
        }
        var documented: [String] = []
        for i in start..<end where lines[i] == ".TP" {
            let tag = lines[i + 1]
            let words = tag.split(separator: " ").dropFirst().map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\",")) }
            documented += words.filter { !$0.isEmpty && $0 != "," }
        }
        #expect(documented.sorted() == DaemonConfiguration.keys.sorted())
        #expect(page.contains(".TH DANVAND.CONF 5"))
    }
}
