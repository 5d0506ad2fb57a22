import DanvanClient
import DanvanJSON
import Foundation
import Testing

/// The day no new event may be dated after is the province's (`time_zone`), not the machine's:
/// two daemons 26 hours apart in their zones disagree about the same date at the same moment.
@Suite(.serialized) struct ProvinceDateTests {
    static func today(inZone identifier: String) throws -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: identifier))
        let p = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0)
    }

    static func daemon(zone: String) throws -> Daemon {
        let d = try Daemon()
        try d.start(config: "time_zone = \(zone)\n")
        _ = try d.exchange(lines: [#"{"id":1,"op":"append","events":[{"type":"unit.registered","data":{"code":"LC","name":"Lào Cai","level":"province"}}]}"#])
        return d
    }

    static func donate(_ d: Daemon, on day: String) throws -> JSONValue {
        let replies = try d.exchange(lines: [
            #"{"id":2,"op":"append","events":[{"type":"land.donated","data":{"unit":"LC","households":1,"areaM2":10,"purpose":"road","donatedOn":"\#(day)"}}]}"#,
        ])
        return try #require(replies.first)
    }

    @Test func theProvincesZoneDecidesWhatTodayIs() throws {
        // Kiritimati is UTC+14, Etc/GMT+12 is UTC-12: at every moment the first's date is
        // one or two days after the second's.
        let ahead = try Self.today(inZone: "Pacific/Kiritimati")
        let behind = try Self.daemon(zone: "Etc/GMT+12")
        defer { _ = behind.stop() }
        let refused = try Self.donate(behind, on: ahead)
        #expect(refused["ok"] == false)
        #expect(refused["error"]?["path"]?.stringValue == "events[0].data.donatedOn")
        #expect(refused["error"]?["message"]?.stringValue?.contains("after the day it is recorded on (\(try Self.today(inZone: "Etc/GMT+12"))") == true, "\(refused)")

        let early = try Self.daemon(zone: "Pacific/Kiritimati")
        defer { _ = early.stop() }
        #expect(try Self.donate(early, on: ahead)["ok"] == true)
        let opinions = try early.exchange(lines: [#"{"id":3,"op":"query","projection":"opinions"}"#])
        #expect(opinions.first?["result"]?["today"]?.stringValue == ahead)
    }

    @Test func anUnknownZoneStopsTheStartWithTheKey() throws {
        let d = try Daemon()
        let config = d.directory + "/danvand.conf"
        try "time_zone = Asia/Hanoi\n".write(toFile: config, atomically: true, encoding: .utf8)
        let r = try d.tool(["run", "--state-dir", d.directory, "--socket", d.socket, "--config", config])
        #expect(r.status == 64)
        #expect(r.stderr.contains("'time_zone' must be an IANA time zone name like Asia/Ho_Chi_Minh"), "\(r.stderr)")
    }

    /// `danvand import` holds its lines to the same rules as an append: the day of each line's
    /// `recordedAt` (as `export` writes it) is the day its own date may not pass.
    @Test func theOfflineImportRefusesAFactDatedAfterItsRecording() throws {
        let d = try Daemon()
        let file = d.directory + "/in.ndjson"
        let lines = [
            #"{"type":"unit.registered","data":{"code":"LC","name":"Lào Cai","level":"province"}}"#,
            #"{"type":"land.donated","recordedAt":"2024-05-01T02:00:00.000000Z","data":{"unit":"LC","households":1,"areaM2":10,"purpose":"road","donatedOn":"2024-05-01"}}"#,
            #"{"type":"land.donated","recordedAt":"2024-05-01T02:00:00.000000Z","data":{"unit":"LC","households":1,"areaM2":10,"purpose":"road","donatedOn":"2024-05-02"}}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let r = try d.tool(["import", "--state-dir", d.directory, file])
        #expect(r.status == 1)
        #expect(r.stderr.contains(":3: data.donatedOn: donatedOn 2024-05-02 is after the day it is recorded on (2024-05-01"), "\(r.stderr)")
        #expect(r.stderr.contains("nothing was imported"))
    }
}
