import DanvanServer
import Foundation
import Testing

/// What a reload may change, and the documented default configuration file.
@Suite struct ConfigurationReloadTests {
    private let underSystemd = ["STATE_DIRECTORY": "/var/lib/danvan", "RUNTIME_DIRECTORY": "/run/danvan"]

    private func configuration(_ text: String) throws -> DaemonConfiguration {
        var configuration = DaemonConfiguration(environment: underSystemd)
        try configuration.apply(try ConfigFile(parsing: text))
        return configuration
    }

    @Test func limitsAndLevelChangeAtRunTime() throws {
        let running = try configuration("")
        let file = try configuration("log_level = debug\nmax_batch_events = 2\nmax_line_bytes = 64K\nmax_connections = 10\n")
        let outcome = running.reloaded(from: file)
        #expect(outcome.configuration == file)
        #expect(outcome.applied.map(\.key) == ["log_level", "max_line_bytes", "max_batch_events", "max_connections"])
        #expect(outcome.applied.first?.description == "log_level: info -> debug")
        #expect(outcome.needRestart.isEmpty)
    }

    @Test func settingsFixedAtStartAreReportedAndKept() throws {
        let running = try configuration("")
        let file = try configuration("""
            state_directory = /srv/danvan
            socket = /srv/danvan.sock
            segment_size = 1M
            socket_mode = 0600
            test_hooks = true
            log_level = warning
            """)
        let outcome = running.reloaded(from: file)
        #expect(outcome.needRestart.map(\.key) == ["state_directory", "socket", "segment_size", "socket_mode", "test_hooks"])
        #expect(outcome.needRestart.map(\.description).contains("socket_mode: 0660 -> 0600"))
        #expect(outcome.configuration.stateDirectory == "/var/lib/danvan")
        #expect(outcome.configuration.socketPath == "/run/danvan/danvand.sock")
        #expect(outcome.configuration.segmentSize == 64 << 20)
        #expect(!outcome.configuration.testHooks)
        #expect(outcome.configuration.logLevel == "warning")
    }

    @Test func anUnchangedFileChangesNothing() throws {
        let running = try configuration("max_connections = 5\n")
        let outcome = running.reloaded(from: running)
        #expect(outcome.applied.isEmpty && outcome.needRestart.isEmpty)
    }

    @Test func testHooksAreOffUnlessAskedFor() throws {
        #expect(try !configuration("").testHooks)
        #expect(try configuration("test_hooks = true").testHooks)
        #expect(try !configuration("test_hooks = no").testHooks)
        #expect(throws: ConfigError.self) { try configuration("test_hooks = maybe") }
    }

    /// deploy/danvand.conf documents every key with its default, commented out: uncommented,
    /// it must parse and change nothing.
    @Test func theShippedConfigurationDocumentsEveryKeyWithItsDefault() throws {
        let text = try String(contentsOfFile: repositoryRoot + "/deploy/danvand.conf", encoding: .utf8)
        let settings = text.split(separator: "\n").filter { $0.hasPrefix("#") && !$0.hasPrefix("# ") && $0.contains(" = ") }
            .map { String($0.dropFirst()) }
        let keys = settings.compactMap { $0.split(separator: "=").first?.trimmingCharacters(in: .whitespaces) }
        // Every key but the access lists, which the packaged file sets.
        #expect(Set(keys) == Set(DaemonConfiguration.keys).subtracting(["readers", "writers", "admins"]))
        #expect(try configuration(settings.joined(separator: "\n")) == configuration(""))
        // The only settings in force are the access lists of a packaged install.
        #expect(try configuration(text) == configuration("readers = group:danvan\nwriters = group:danvan-writers"))
    }
}
