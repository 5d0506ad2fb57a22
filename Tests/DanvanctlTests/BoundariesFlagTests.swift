import DanvanJSON
import Testing

/// `--boundaries current|historical` on every figure command, against a real daemon holding
/// the sample province and its 2025 reorganisation: what is sent, what tables say, what the
/// old district answers in each view, and the notes on a split commune.
@Suite struct BoundariesFlagTests {
    static func reorganised() throws -> Daemon {
        let daemon = try Daemon()
        let imported = try daemon.ctl(["import", Paths.root + "/Samples/reorganisation-2025.ndjson"])
        #expect(imported.status == 0, "\(imported.stderr)")
        return daemon
    }

    /// Every figure command sends `boundaries` as typed and prints what the protocol answers.
    @Test func everyFigureCommandTakesBoundaries() throws {
        let daemon = try Self.reorganised()
        let commands: [([String], String)] = [
            (["summary", "BY"], #"{"op":"query","projection":"summary","unit":"BY","boundaries":"historical"}"#),
            (["units", "LC", "--year", "2023"], #"{"op":"query","projection":"units","parent":"LC","year":2023,"boundaries":"historical"}"#),
            (["campaigns", "BY"], #"{"op":"query","projection":"campaigns","unit":"BY","boundaries":"historical"}"#),
            (["opinions", "LC", "--limit", "3"], #"{"op":"query","projection":"opinions","unit":"LC","status":"open","limit":3,"boundaries":"historical"}"#),
            (["models", "BY"], #"{"op":"query","projection":"models","unit":"BY","boundaries":"historical"}"#),
        ]
        for (words, request) in commands {
            let got = try daemon.json(words + ["--boundaries", "historical"])
            #expect(got["boundaries"] == "historical", "\(words)")
            let raw = try daemon.json(["raw", request])
            #expect(got == raw["result"], "\(words)")
        }
    }

    /// The old district: refused in today's boundaries, with where its figures count and
    /// how to ask; what it reported in the historical view, and the table says which view.
    @Test func theOldDistrictInEachView() throws {
        let daemon = try Self.reorganised()
        let now = try daemon.ctl(["summary", "huyện", "Bảo", "Yên", "--year", "2023"])
        #expect(now.status != 0)
        #expect(now.stderr.contains("not_current: Bảo Yên (BY) ended on 2025-07-01"), "\(now.stderr)")
        #expect(now.stderr.contains("its figures count in Lào Cai (LC)"), "\(now.stderr)")
        #expect(now.stderr.contains("--boundaries historical"), "\(now.stderr)")
        let then = try daemon.ctl(["-o", "table", "summary", "huyện", "Bảo", "Yên", "--year", "2023", "--boundaries", "historical"])
        #expect(then.status == 0, "\(then.stderr)")
        #expect(then.stdout.hasPrefix("Bảo Yên (BY), district, 2023, boundaries of each fact's date\n"), "\(then.stdout)")
        #expect(then.stdout.contains("dialogues held                          4"), "\(then.stdout)")
        let units = try daemon.ctl(["-o", "table", "units", "LC", "--year", "2023", "--boundaries", "historical"])
        #expect(units.stdout.hasPrefix("units under Lào Cai (LC), province, 2023, boundaries of each fact's date: 9 units"), "\(units.stdout)")
        let current = try daemon.ctl(["-o", "table", "units", "LC", "--year", "2023", "--boundaries", "current"])
        #expect(current.stdout.hasPrefix("units under Lào Cai (LC), province, 2023, today's boundaries: "), "\(current.stdout)")
        // csv carries the view as a column.
        let csv = try daemon.ctl(["-o", "csv-keys", "summary", "BY", "--boundaries", "historical"])
        #expect(csv.stdout.split(separator: "\n").first?.contains(",boundaries,") == true, "\(csv.stdout)")
    }

    /// Tân Lập was split between Khánh Yên (its main part) and Dương Quỳ: in today's
    /// boundaries Dương Quỳ's figure lacks its history, and the table says so.
    @Test func aSplitCommunesPartSaysWhatItLacks() throws {
        let daemon = try Self.reorganised()
        let part = try daemon.ctl(["-o", "table", "summary", "VB-DUONGQUY", "--year", "2023"])
        #expect(part.status == 0, "\(part.stderr)")
        #expect(part.stdout.contains("note: this figure lacks VB-TANLAP's history before its split on 2025-07-01: it counts whole in its main part VB-KHANHYEN"), "\(part.stdout)")
        let historical = try daemon.ctl(["-o", "table", "summary", "VB-DUONGQUY", "--year", "2023", "--boundaries", "historical"])
        #expect(!historical.stdout.contains("note:"), "\(historical.stdout)")
    }

    /// The report of the old district as it stood: every query of it in the historical view
    /// (its communes of the time, Vĩnh Yên among them), and the report says so.
    @Test func theReportOfAnEndedDistrictAsItStood() throws {
        let daemon = try Self.reorganised()
        let report = try daemon.ctl(["report", "huyện", "Bảo", "Yên", "--period", "2023", "--boundaries", "historical", "--lang", "en"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("- **Boundaries:** historical"), "\(report.stdout)")
        #expect(report.stdout.contains("| Vĩnh Yên | BY-VINHYEN | 13,373.32 |"), "\(report.stdout)")
        let today = try daemon.ctl(["report", "huyện", "Bảo", "Yên", "--period", "2023", "--lang", "en"])
        #expect(today.status != 0)
        #expect(today.stderr.contains("not_current"), "\(today.stderr)")
    }

    /// A view that is neither is a usage error naming both, before anything is sent.
    @Test func anUnknownViewIsRefusedWithTheChoices() throws {
        let daemon = try Daemon()
        let wrong = try daemon.ctl(["summary", "LC", "--boundaries", "old"])
        #expect(wrong.status == 64, "\(wrong.stderr)")
        #expect(wrong.stderr.contains("current"), "\(wrong.stderr)")
        #expect(wrong.stderr.contains("historical"), "\(wrong.stderr)")
    }
}
