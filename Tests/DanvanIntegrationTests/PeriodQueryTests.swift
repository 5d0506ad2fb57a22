import DanvanJSON
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Periods over a real daemon's socket: the configured cutoff cuts a named period, a query's
/// own `cutoff` overrides it, a reload changes it for new connections, and a malformed period
/// is refused with `bad_params` and nothing else happens.
@Suite(.serialized, .timeLimit(.minutes(2))) struct PeriodQueryTests {
    static let setup = #"{"id":1,"op":"append","events":[{"type":"unit.registered","data":{"code":"LC","name":"Lào Cai","level":"province"}},{"type":"land.donated","data":{"unit":"LC","households":1,"areaM2":14,"purpose":"road","donatedOn":"2023-06-14"}},{"type":"land.donated","data":{"unit":"LC","households":1,"areaM2":15,"purpose":"road","donatedOn":"2023-06-15"}},{"type":"land.donated","data":{"unit":"LC","households":1,"areaM2":1,"purpose":"road","donatedOn":"2023-03-15"}}]}"#

    static func land(_ d: Daemon, _ params: String) throws -> JSONValue {
        let replies = try d.exchange(lines: [#"{"id":2,"op":"query","projection":"summary","unit":"LC",\#(params)}"#])
        return try #require(replies.first)
    }

    @Test func theConfiguredCutoffCutsNamedPeriodsUntilAQueryOrAReloadSaysOtherwise() throws {
        let d = try Daemon()
        try d.start(config: "period_cutoff = decree09 # the province reports to the state's regime\n")
        defer { _ = d.stop() }
        #expect(try d.exchange(lines: [Self.setup]).first?["ok"] == true)

        // Nghị định 09: Q2 is 15 March to 14 June.
        let q2 = try Self.land(d, #""period":"2023-Q2""#)
        #expect(q2["result"]?["landDonatedM2"] == .number("15"), "\(q2)")
        #expect(q2["result"]?["period"]?["from"] == .string("2023-03-15"))
        #expect(q2["result"]?["period"]?["cutoff"] == .string("decree09"))
        let calendar = try Self.land(d, #""period":"2023-Q2","cutoff":"calendar""#)
        #expect(calendar["result"]?["landDonatedM2"] == .number("29"))
        let days = try Self.land(d, #""from":"2023-06-14","to":"2023-06-15""#)
        #expect(days["result"]?["landDonatedM2"] == .number("29"))
        #expect(days["result"]?["period"]?["cutoff"] == .null)

        try d.writeConfig("period_cutoff = calendar\n")
        guard let pid = d.process?.processIdentifier else { Issue.record("no process"); return }
        kill(pid, SIGHUP)
        let deadline = Date().addingTimeInterval(10)
        while !d.stderr.contains("configuration reloaded"), Date() < deadline { usleep(20_000) }
        #expect(d.stderr.contains("period_cutoff: decree09 -> calendar"), "\(d.stderr)")
        let after = try Self.land(d, #""period":"2023-Q2""#)
        #expect(after["result"]?["landDonatedM2"] == .number("29"), "\(after)")
        #expect(after["result"]?["period"]?["cutoff"] == .string("calendar"))
    }

    @Test func aMalformedPeriodIsRefusedWithTheFormsAndTheDaemonGoesOn() throws {
        let d = try Daemon()
        try d.start()
        defer { _ = d.stop() }
        #expect(try d.exchange(lines: [Self.setup]).first?["ok"] == true)
        let bad = try Self.land(d, #""period":"Q2/2023""#)
        #expect(bad["ok"] == false)
        #expect(bad["error"]?["code"] == .string("bad_params"))
        #expect(bad["error"]?["message"]?.stringValue?.contains("YYYY-Q1 to -Q4") == true, "\(bad)")
        let both = try Self.land(d, #""year":2023,"from":"2023-01-01""#)
        #expect(both["error"]?["code"] == .string("bad_params"))
        let year = try Self.land(d, #""period":2023"#)
        #expect(year["result"]?["landDonatedM2"] == .number("30"), "\(year)")
    }

    @Test func anUnknownCutoffStopsTheStartWithTheChoices() throws {
        let d = try Daemon()
        let config = d.directory + "/danvand.conf"
        try "period_cutoff = decree9\n".write(toFile: config, atomically: true, encoding: .utf8)
        let r = try d.tool(["run", "--state-dir", d.directory, "--socket", d.socket, "--config", config])
        #expect(r.status == 64)
        #expect(r.stderr.contains("'period_cutoff' must be calendar"), "\(r.stderr)")
        #expect(r.stderr.contains("did you mean 'decree09'"), "\(r.stderr)")
    }
}
