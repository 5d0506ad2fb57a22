import DanvanJSON
import Foundation
import Testing

/// Issue 19, through the real binaries: a figure is never wrong, bad input is refused
/// with nothing stored, and input is never guessed (numbers, unit names, files).
@Suite struct InputContractTests {
    static let land = ["append", "land.donated", "unit=BY-BAOHA", "households=3", "purpose=road", "donatedOn=2024-05-02"]
    static let province = #"{"type":"unit.registered","data":{"code":"T","name":"Tỉnh","level":"province"}}"#

    func seq(_ daemon: Daemon) throws -> Int64 {
        try #require(try daemon.json(["status"])["seq"]?.int64Value)
    }

    /// `areaM2=1,5` was stored as 15 and `1.200` as 1.2: now refused in the default style,
    /// with both readings; read as asked with `--numbers vi|en`.
    @Test func typedNumbersAreNeverMisread() throws {
        let daemon = try Daemon()
        for value in ["1,5", "1.200", "1,200", "2,5"] {
            let r = try daemon.ctl(Self.land + ["areaM2=\(value)"])
            #expect(r.status == 1, "areaM2=\(value) was accepted: \(r.stdout)")
            #expect(r.stderr.contains("nothing is guessed"), "\(r.stderr)")
            #expect(r.stderr.contains("--numbers vi"))
        }
        let labor = try daemon.ctl(["append", "labor.contributed", "unit=BY", "workdays=2,5", "contributedOn=2024-05-02"])
        #expect(labor.status == 1)
        #expect(try seq(daemon) == 8684, "nothing may be stored")

        let vi = try daemon.json(["--numbers", "vi"] + Self.land + ["areaM2=1.200,5", "assetsVnd=1.500.000"])
        let en = try daemon.json(["--numbers", "en"] + Self.land + ["areaM2=1,200.5"])
        let plain = try daemon.json(Self.land + ["areaM2=1_200.5"])
        let viLabor = try daemon.json(["--numbers", "vi", "append", "labor.contributed", "unit=BY", "workdays=2,5", "contributedOn=2024-05-02"])
        #expect(vi["firstSeq"] == 8685 && en["firstSeq"] == 8686 && plain["firstSeq"] == 8687 && viLabor["firstSeq"] == 8688)
        let events = try #require(try daemon.json(["read", "--from", "8685"])["events"]?.arrayValue)
        #expect(events.map { $0["data"]?["areaM2"] } == [.number("1200.5"), .number("1200.5"), .number("1200.5"), nil])
        #expect(events[0]["data"]?["assetsVnd"] == 1_500_000)
        #expect(events[3]["data"]?["workdays"] == .number("2.5"))

        // A form invalid in the style asked for is refused, not read another way.
        let wrongStyle = try daemon.ctl(["--numbers", "vi"] + Self.land + ["areaM2=1.5"])
        #expect(wrongStyle.status == 1)
        #expect(wrongStyle.stderr.contains("not a number in the vi style"), "\(wrongStyle.stderr)")
        let fraction = try daemon.ctl(Self.land.filter { !$0.hasPrefix("households") } + ["households=2.5", "areaM2=10"])
        #expect(fraction.status == 1)
        #expect(fraction.stderr.contains("whole number"), "\(fraction.stderr)")
        #expect(try seq(daemon) == 8688)
    }

    /// Flags and query parameters go through the same reader.
    @Test func flagsAndQueryNumbersAreNeverMisread() throws {
        let daemon = try Daemon()
        let limit = try daemon.ctl(["opinions", "--limit", "1.000"])
        #expect(limit.status == 64, "\(limit.stdout)")
        #expect(limit.stderr.contains("could mean two things"), "\(limit.stderr)")
        #expect(try daemon.ctl(["read", "--limit", "1,000"]).status == 64)
        #expect(try daemon.ctl(["--numbers", "vi", "read", "--limit", "1.000"]).status == 0)
        #expect(try daemon.ctl([], input: "\\numbers vi\nread --limit 1.000\n").status == 0, "\\numbers in a script")
        #expect(try daemon.ctl([], input: "read --limit 1.000\n").status == 64)
        let year = try daemon.ctl(["query", "summary", "unit=LC", "year=2.023"])
        #expect(year.status == 1)
        #expect(year.stderr.contains("could mean two things"), "\(year.stderr)")
        #expect(try daemon.json(["query", "summary", "unit=LC", "year=2023"])["year"] == 2023)
        let style = try daemon.ctl(["--numbers", "fr", "status"])
        #expect(style.status == 64)
        #expect(style.stderr.contains("plain, vi or en"))
    }

    /// `unit="Bảo Hà"` was a format error: a name given to a unit field is resolved by the
    /// daemon to its code; a name several units share is refused with their codes.
    @Test func appendResolvesUnitNames() throws {
        let daemon = try Daemon()
        let r = try daemon.json(["append", "land.donated", "unit=Bảo Hà", "households=3", "areaM2=10", "purpose=road", "donatedOn=2024-05-02"])
        #expect(r["firstSeq"] == 8685)
        let unit = try daemon.json(["append", "unit.registered", "code=BY-BAOHA-T9", "name=Thôn Chín", "level=village", "parent=bao ha"])
        #expect(unit["firstSeq"] == 8686)
        let events = try #require(try daemon.json(["read", "--from", "8685"])["events"]?.arrayValue)
        #expect(events[0]["data"]?["unit"] == "BY-BAOHA")
        #expect(events[1]["data"]?["parent"] == "BY-BAOHA")

        let ambiguous = try daemon.ctl(["append", "funds.contributed", "unit=thanh binh", "amountVnd=1000", "source=household", "contributedOn=2024-05-02"])
        #expect(ambiguous.status == 1)
        #expect(ambiguous.stderr.contains("SP-THANHBINH") && ambiguous.stderr.contains("MK-THANHBINH"), "\(ambiguous.stderr)")
        let unknown = try daemon.ctl(["append", "funds.contributed", "unit=Hà Nội", "amountVnd=1000", "source=household", "contributedOn=2024-05-02"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("Hà Nội"), "\(unknown.stderr)")
        #expect(try seq(daemon) == 8686)

        // The daemon itself, given a name in an event, says a code is needed.
        let raw = try daemon.ctl(["append", #"{"type":"funds.contributed","data":{"unit":"Bảo Hà","amountVnd":1000,"source":"household","contributedOn":"2024-05-02"}}"#])
        #expect(raw.status == 1)
        #expect(raw.stderr.contains("unit code"), "\(raw.stderr)")
    }

    static func event(_ i: Int, unit: String = "T", id: Bool = false) -> String {
        let idPart = id ? #""id":"0b7d5a52-6f0e-4c1a-9d43-\#(String(format: "%012d", i))","# : ""
        return #"{\#(idPart)"type":"funds.contributed","data":{"unit":"\#(unit)","amountVnd":\#(1000 + i),"source":"household","contributedOn":"2024-05-02"}}"#
    }

    /// A bad line anywhere stored everything before it: now every line is parsed and
    /// checked (with the daemon's own rules) before anything is sent.
    @Test func importChecksEveryLineBeforeStoring() throws {
        let daemon = try Daemon(empty: true)
        let dir = try Paths.temporaryDirectory("import-check")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var lines = [Self.province] + (1...5).map { Self.event($0) }
        lines.append(#"{"type":"funds.contributed","data":{"unit":"T","amountVnd":"many","source":"household","contributedOn":"2024-05-02"}}"#)
        lines.append(#"{"type":"land.donated","data":{"unit":"T","households":1,"purpose":"road","donatedOn":"2024-05-02"}}"#)
        try lines.joined(separator: "\n").write(toFile: dir + "/bad.ndjson", atomically: true, encoding: .utf8)
        let r = try daemon.ctl(["import", dir + "/bad.ndjson", "--batch", "2"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.ndjson:7:"), "\(r.stderr)")
        #expect(r.stderr.contains("bad.ndjson:8:"), "\(r.stderr)")
        #expect(r.stderr.contains("nothing was sent"), "\(r.stderr)")
        #expect(try daemon.json(["status"])["seq"] == 0, "nothing may be stored")
    }

    /// A line dated after the province's today (`status.today`) is found before anything is
    /// sent, in the daemon's words, like any other bad line.
    @Test func importChecksDatesAgainstTheProvincesToday() throws {
        let daemon = try Daemon(empty: true)
        let dir = try Paths.temporaryDirectory("import-date")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var lines = [Self.province] + (1...3).map { Self.event($0) }
        lines.append(#"{"type":"labor.contributed","data":{"unit":"T","workdays":2,"contributedOn":"2199-12-31"}}"#)
        try lines.joined(separator: "\n").write(toFile: dir + "/future.ndjson", atomically: true, encoding: .utf8)
        let today = try #require(try daemon.json(["status"])["today"]?.stringValue)
        let r = try daemon.ctl(["import", dir + "/future.ndjson", "--batch", "2"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("future.ndjson:5: validation_failed: data.contributedOn: contributedOn 2199-12-31 is after the day it is recorded on (\(today), the province's date)"), "\(r.stderr)")
        #expect(r.stderr.contains("nothing was sent"), "\(r.stderr)")
        #expect(try daemon.json(["status"])["seq"] == 0, "nothing may be stored")
    }

    /// What only the daemon can see (an unknown unit) stops the import at its batch: the
    /// message says which lines and seqs were stored and how to go on exactly.
    @Test func importRefusedByTheDaemonSaysHowToGoOn() throws {
        let daemon = try Daemon(empty: true)
        let dir = try Paths.temporaryDirectory("import-ref")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var lines = [Self.province] + (1...4).map { Self.event($0) } + [Self.event(5, unit: "NOPE")] + (6...7).map { Self.event($0) }
        let path = dir + "/ref.ndjson"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let r = try daemon.ctl(["import", path, "--batch", "2"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("ref.ndjson:6:"), "\(r.stderr)")
        #expect(r.stderr.contains("lines 1–4"), "\(r.stderr)")
        #expect(r.stderr.contains("seqs 1–4"), "\(r.stderr)")
        #expect(r.stderr.contains("--from-line 5"), "\(r.stderr)")
        #expect(try daemon.json(["status"])["seq"] == 4)

        lines[5] = Self.event(5)
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let resumed = try daemon.json(["import", path, "--from-line", "5", "--batch", "2"])
        #expect(resumed["appended"] == 4)
        #expect(try daemon.json(["status"])["seq"] == 8, "every line stored exactly once")
    }

    /// Ctrl-C during an import: the batch in flight is waited for, and the count reported
    /// is what the daemon stored; the printed command resumes exactly, lines without ids
    /// included.
    @Test func interruptedImportReportsExactlyAndResumes() throws {
        let daemon = try Daemon(empty: true)
        let dir = try Paths.temporaryDirectory("import-int")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/big.ndjson"
        let total = 3000
        try ([Self.province] + (1..<total).map { Self.event($0) }).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let errPath = dir + "/stderr"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let p = try Child(Paths.danvanctl, ["--socket", daemon.socket, "import", path, "--batch", "1"], stderr: errPath)
        #expect(eventually(timeout: 30) { ((try? seq(daemon)) ?? 0) > 20 })
        p.signal(SIGINT)
        #expect(p.wait(timeout: 20) == 130)
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        let stored = try seq(daemon)
        #expect(stored < total, "the import finished before Ctrl-C")
        #expect(stderr.contains("\(stored) events stored"), "reported count differs from status seq \(stored): \(stderr)")
        #expect(stderr.contains("--from-line \(stored + 1)"), "\(stderr)")
        let resumed = try daemon.json(["import", path, "--from-line", "\(stored + 1)"])
        #expect(resumed["appended"]?.int64Value == Int64(total) - stored)
        #expect(try seq(daemon) == Int64(total), "every line stored exactly once")
    }

    /// Ctrl-C while a large file is still being checked, before anything is sent: exit 130
    /// and "nothing was sent" (it used to kill danvanctl by the signal, silently).
    @Test func interruptWhileCheckingSaysNothingWasSent() throws {
        let daemon = try Daemon(empty: true)
        let dir = try Paths.temporaryDirectory("import-check-int")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/big.ndjson"
        try ([Self.province] + (1..<200_000).map { Self.event($0) }).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let errPath = dir + "/stderr"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let p = try Child(Paths.danvanctl, ["--socket", daemon.socket, "import", path], stderr: errPath)
        usleep(400_000)
        p.signal(SIGINT)
        #expect(p.wait(timeout: 30) == 130)
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        #expect(stderr.contains("import stopped by Ctrl-C while checking"), "\(stderr)")
        #expect(stderr.contains("nothing was sent"), "\(stderr)")
        #expect(try seq(daemon) == 0)
    }

    /// `--from-line` past the end of the file is a mistyped resume line: refused, not an
    /// import of nothing that exits 0.
    @Test func fromLinePastTheEndIsRefused() throws {
        let daemon = try Daemon(empty: true)
        let dir = try Paths.temporaryDirectory("import-past")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try ([Self.province] + (1...3).map { Self.event($0) }).joined(separator: "\n").write(toFile: dir + "/f.ndjson", atomically: true, encoding: .utf8)
        let r = try daemon.ctl(["import", dir + "/f.ndjson", "--from-line", "50"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("--from-line 50 is past the end of \(dir)/f.ndjson, whose last line is 4"), "\(r.stderr)")
    }

    /// Dates as staff write them are refused with the form to write, never rewritten; JSON
    /// typed after := keeps the number rule; a query can send JSON with :=.
    @Test func datesAndTypedJSONAsStaffWriteThem() throws {
        let daemon = try Daemon()
        let labor = ["append", "labor.contributed", "unit=BY-BAOHA", "workdays=2"]
        for (typed, says) in [
            ("31/12/2023", "dates are written YYYY-MM-DD (year, month, day: 2023-12-31); write 2023-12-31"),
            ("31-12-2023", "write 2023-12-31"),
            ("2023-2-5", "write 2023-02-05"),
            ("05/06/2023", "day first (as Vietnamese dates are written) it is 2023-06-05, month first 2023-05-06"),
            ("31/12/23", "with the year in four digits"),
        ] {
            let r = try daemon.ctl(labor + ["contributedOn=\(typed)"])
            #expect(r.status == 1, "\(typed)")
            #expect(r.stderr.contains("contributedOn '\(typed)': \(says.hasPrefix("dates") ? says : "")"), "\(typed): \(r.stderr)")
            #expect(r.stderr.contains(says), "\(typed): \(r.stderr)")
        }
        let before = try seq(daemon)
        let target = try daemon.ctl(["--numbers", "vi", "append", "campaign.launched", "campaign=T-2", "title=Thử", "kind=drive", "unit=BY",
                                     "startedOn=2024-01-01", #"targets:={"landM2":50.000}"#])
        #expect(target.status == 1)
        #expect(target.stderr.contains("targets.landM2 has the number 50.000"), "\(target.stderr)")
        #expect(try seq(daemon) == before, "nothing stored")
        let q = try daemon.json(["query", "summary", "unit=LC", "year:=2023"])
        #expect(q["year"] == 2023)
    }

    /// The footer of a cut read is the next command with its filters.
    @Test func readsNextPageKeepsItsFilters() throws {
        let daemon = try Daemon()
        let r = try daemon.ctl(["-o", "table", "read", "--type", "campaign.launched", "--limit", "2"])
        #expect(r.stdout.contains("next: read --from "), "\(r.stdout)")
        #expect(r.stdout.contains("--limit 2 --type campaign.launched"), "\(r.stdout)")
    }

    /// A second Ctrl-C abandons a batch the daemon does not answer, and says which lines
    /// are unknown.
    @Test func secondInterruptAbandonsTheBatchInFlight() throws {
        let daemon = try Daemon(empty: true, testHooks: true)
        let dir = try Paths.temporaryDirectory("import-stall")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/f.ndjson"
        try ([Self.province] + (1...9).map { Self.event($0) }).joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        daemon.stallWriter()
        usleep(300_000)
        let errPath = dir + "/stderr"
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let p = try Child(Paths.danvanctl, ["--socket", daemon.socket, "import", path, "--batch", "4"], stderr: errPath)
        usleep(1_000_000)
        p.signal(SIGINT)
        let said = eventually(timeout: 10) {
            ((try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "").contains("stopping after the batch in flight; Ctrl-C again to abandon it")
        }
        #expect(said)
        #expect(p.wait(timeout: 1) == nil, "the first Ctrl-C must wait for the batch in flight")
        p.signal(SIGINT)
        #expect(p.wait(timeout: 10) == 130)
        let stderr = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        #expect(stderr.contains("lines 1–4"), "\(stderr)")
        #expect(stderr.contains("unknown"), "\(stderr)")
    }

    /// A spreadsheet given to import is named as such, not "unexpected character at byte 0".
    @Test(arguments: [
        ("units.csv", "code,name,level\nBY,Bảo Yên,district\n"),
        ("units.txt", "\u{FEFF}code;name;level\nBY;Bảo Yên;district\n"),
        ("units.ndjson", "code,name,level\n"),
        ("units.xlsx", "PK\u{03}\u{04}binary"),
    ])
    func importNamesSpreadsheets(name: String, content: String) throws {
        let daemon = try Daemon(empty: true)
        let dir = try Paths.temporaryDirectory("import-csv")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try content.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        let r = try daemon.ctl(["import", dir + "/" + name])
        #expect(r.status == 1)
        #expect(r.stderr.contains("NDJSON"), "\(r.stderr)")
        #expect(r.stderr.contains("one JSON event per line"), "\(r.stderr)")
        #expect(r.stderr.contains("is imported with import-sheet \(dir)/\(name) --map MAP"), "\(r.stderr)")
        #expect(!r.stderr.contains("byte 0"), "\(r.stderr)")
        let append = try daemon.ctl(["append", "--file", dir + "/" + name])
        #expect(append.status == 1)
        #expect(append.stderr.contains("import-sheet"), "\(append.stderr)")
    }

    /// An NDJSON file is never refused for its name or its commas.
    @Test func ndjsonNamedCsvIsImported() throws {
        let daemon = try Daemon(empty: true)
        let dir = try Paths.temporaryDirectory("import-csv-name")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try (Self.province + "\n").write(toFile: dir + "/units.csv", atomically: true, encoding: .utf8)
        #expect(try daemon.json(["import", dir + "/units.csv"])["appended"] == 1)
    }
}
