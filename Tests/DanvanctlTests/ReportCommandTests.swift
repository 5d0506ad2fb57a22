@testable import DanvanShell
import DanvanJSON
import Foundation
import Testing

/// `danvanctl report` against a real daemon holding the sample province: Markdown in either
/// language with the daemon's figures, what the report states about itself, `--as-of`
/// reproducing it, `--compare`, CSV files, and each user error's message.
@Suite struct ReportCommandTests {
    static let en = ReportFormat(language: .en)
    static let vi = ReportFormat(language: .vi)

    /// The figures and the children's rows are the daemon's, grouped the English way.
    @Test func markdownHasTheDaemonsFigures() throws {
        let daemon = try Daemon()
        let md = try daemon.report(["LC", "--period", "2023", "--lang", "en"])
        let summary = try daemon.query(#"{"op":"query","projection":"summary","unit":"LC","period":"2023"}"#)
        let units = try daemon.query(#"{"op":"query","projection":"units","parent":"LC","period":"2023"}"#)
        #expect(md.hasPrefix("# Mass mobilisation report: Lào Cai (LC)\n"))
        let land = try #require(Cell.numberText(summary["landDonatedM2"]))
        #expect(md.contains("| Land donated (m²) | \(Self.en.number(land)) |"), "\(md)")
        let rate = Cell.numberText(summary["opinions"]?["answeredRate"])
        #expect(md.contains("| Answered rate | \(Self.en.percent(fraction: rate)) |"))
        let rows = try #require(units["units"]?.arrayValue)
        #expect(rows.count == 9)
        for row in rows {
            let name = row["unit"]?["name"]?.stringValue ?? "?", code = row["unit"]?["code"]?.stringValue ?? "?"
            let land = Cell.numberText(row["landDonatedM2"]) ?? "?"
            #expect(md.contains("\n| \(name) | \(code) | \(Self.en.number(land)) |"), "\(name)")
        }
        let total = Cell.numberText(units["total"]?["landDonatedM2"]) ?? "?"
        #expect(md.contains("| **Total** | **LC** | **\(Self.en.number(total))** |"))
        for heading in ["## Figures", "## By unit", "## Month by month", "## Campaigns", "## Progress against targets", "## Opinions not yet answered, older than 30 days",
                        "## “Dân vận khéo” models by field", "## Communes with models, by unit", "## Models"] {
            #expect(md.contains("\n\(heading)\n"), "\(heading)")
        }
    }

    /// Vietnamese by default under a Vietnamese locale: labels, 649.003, 283,75, 98,7%, 31/12/2023.
    @Test func vietnameseUnderAVietnameseLocale() throws {
        let daemon = try Daemon()
        let md = try daemon.report(["BY", "--period", "2023-Q2"], lang: "vi_VN.UTF-8")
        let summary = try daemon.query(#"{"op":"query","projection":"summary","unit":"BY","period":"2023-Q2"}"#)
        #expect(md.hasPrefix("# Báo cáo công tác dân vận: Bảo Yên (BY)\n"), "\(md)")
        #expect(md.contains("- **Kỳ báo cáo:** 2023-Q2 (theo năm dương lịch): 01/04/2023 – 30/06/2023\n"), "\(md)")
        let land = try #require(Cell.numberText(summary["landDonatedM2"]))
        #expect(md.contains("| Diện tích đất hiến (m²) | \(Self.vi.number(land)) |"))
        #expect(Self.vi.number(land).contains(","), "a fraction of a m² in Vietnamese: \(land)")
        let funds = try #require(Cell.numberText(summary["fundsVnd"]))
        #expect(md.contains("| Kinh phí đóng góp (đồng) | \(Self.vi.number(funds)) |"))
        #expect(Self.vi.number(funds).contains("."))
        // English otherwise, and --lang wins over the locale.
        #expect(try daemon.report(["BY", "--period", "2023-Q2"], lang: "en_US.UTF-8").hasPrefix("# Mass mobilisation report"))
        #expect(try daemon.report(["BY", "--period", "2023-Q2"], lang: nil).hasPrefix("# Mass mobilisation report"))
        #expect(try daemon.report(["BY", "--period", "2023-Q2", "--lang", "en"], lang: "vi_VN.UTF-8").hasPrefix("# Mass mobilisation report"))
        #expect(try daemon.report(["BY", "--period", "2023-Q2", "--lang", "vi"], lang: "C").hasPrefix("# Báo cáo"))
        // A script (or the shell) says it once for its reports: \lang.
        let script = try daemon.ctl([], input: "\\lang vi\nreport BY --period 2023-Q2\n")
        #expect(script.status == 0, "\(script.stderr)")
        #expect(script.stdout.hasPrefix("# Báo cáo công tác dân vận: Bảo Yên (BY)\n"), "\(script.stdout.prefix(200))")
        let wrong = try daemon.ctl(["--bail"], input: "\\lang fr\n")
        #expect(wrong.stderr.contains("\\lang wants vi or en, got 'fr'"), "\(wrong.stderr)")
    }

    /// The report states the unit, the exact days the daemon cut (decree09 here), the asOf seq
    /// and when it was made; `--as-of` makes it again exactly after the log has grown.
    @Test func statesWhatItCoversAndAsOfReproducesIt() throws {
        let daemon = try Daemon()
        let first = try daemon.report(["BY", "--period", "2023", "--cutoff", "decree09", "--lang", "en"])
        #expect(first.contains("- **Unit:** Bảo Yên (BY), district\n"))
        #expect(first.contains("- **Period:** 2023 (Decree 09/2019 cutoff): 2022-12-15 – 2023-12-14\n"), "\(first)")
        #expect(first.contains("- **Boundaries:** current (today's units)\n"))
        #expect(first.contains("- **Figures as of:** seq 8,684 (recorded 20"))
        #expect(first.contains("- **Made:** 20"))
        let appended = try daemon.ctl(["append", "land.donated", "unit=BY-BAOHA", "households=3", "areaM2=1200.5", "purpose=road", "donatedOn=2023-05-02"])
        #expect(appended.status == 0, "\(appended.stderr)")
        let now = try daemon.report(["BY", "--period", "2023", "--cutoff", "decree09", "--lang", "en"])
        #expect(now.contains("seq 8,685"))
        let again = try daemon.report(["BY", "--period", "2023", "--cutoff", "decree09", "--lang", "en", "--as-of", "8684"])
        func withoutMade(_ text: String) -> [Substring] { text.split(separator: "\n").filter { !$0.hasPrefix("- **Made:**") } }
        #expect(withoutMade(again) == withoutMade(first))
        #expect(withoutMade(now) != withoutMade(first))
    }

    /// `--compare`: the other period's figure beside, and the change, exact.
    @Test func compareShowsTheChange() throws {
        let daemon = try Daemon()
        let md = try daemon.report(["BY", "--period", "2023-Q2", "--compare", "2022-Q2", "--lang", "en"])
        let a = try daemon.query(#"{"op":"query","projection":"summary","unit":"BY","period":"2023-Q2"}"#)
        let b = try daemon.query(#"{"op":"query","projection":"summary","unit":"BY","period":"2022-Q2"}"#)
        #expect(md.contains("- **Compared with:** 2022-Q2 (calendar): 2022-04-01 – 2022-06-30\n"))
        let now = try #require(Cell.numberText(a["landDonatedM2"]).flatMap(ExactDecimal.init))
        let then = try #require(Cell.numberText(b["landDonatedM2"]).flatMap(ExactDecimal.init))
        let line = "| Land donated (m²) | \(Self.en.number(now.text)) | \(Self.en.number(then.text)) | \(Self.en.signedNumber(now.minus(then).text)) |"
        #expect(md.contains(line), "\(line)\n\(md)")
    }

    /// CSV: one file per table in the directory --out names, numbers plain, a formula in an
    /// opinion's text defused; on stdout, the tables one after another.
    @Test func csvFilesPerTable() throws {
        let daemon = try Daemon()
        let dialogue = #"{"type":"dialogue.held","data":{"dialogue":"BY-TEST-1","unit":"BY","chair":"joint","format":"ad_hoc","heldOn":"2023-05-02","topic":"=1+1","opinions":[{"opinion":"1","text":"=HYPERLINK(\"http://x\")"}]}}"#
        let appended = try daemon.ctl(["append", dialogue])
        #expect(appended.status == 0, "\(appended.stderr)")
        let dir = try Paths.temporaryDirectory("report-csv") + "/out"
        defer { try? FileManager.default.removeItem(atPath: (dir as NSString).deletingLastPathComponent) }
        _ = try daemon.report(["BY", "--period", "2023", "--format", "csv", "--out", dir, "--older-than", "0", "--lang", "en"])
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(names == ["campaigns.csv", "coverage.csv", "fields.csv", "figures.csv", "models.csv", "months.csv", "opinions.csv", "progress.csv", "report.csv", "units.csv"])
        // Month by month: twelve months whose figures add up to the year's, exactly.
        let months = CSVFile(String(decoding: try #require(FileManager.default.contents(atPath: dir + "/months.csv")), as: UTF8.self))
        #expect(months.records.map { $0[0] } == (1...12).map { "2023-\($0 < 10 ? "0" : "")\($0)" })
        let year = try daemon.query(#"{"op":"query","projection":"summary","unit":"BY","period":"2023"}"#)
        #expect(months.records.last?[try months.column("Land donated (m²), to date")] == Cell.numberText(year["landDonatedM2"]))
        #expect(months.records.last?[try months.column("Funds contributed (VND), to date")] == Cell.numberText(year["fundsVnd"]))
        let bytes = try #require(FileManager.default.contents(atPath: dir + "/units.csv"))
        #expect(bytes.prefix(3) == Data([0xEF, 0xBB, 0xBF]), "a byte order mark, for Excel")
        let units = CSVFile(String(decoding: bytes, as: UTF8.self))
        let answer = try daemon.query(#"{"op":"query","projection":"units","parent":"BY","period":"2023"}"#)
        let rows = try #require(answer["units"]?.arrayValue)
        let land = try units.column("Land donated (m²)")
        for row in rows {
            let code = row["unit"]?["code"]?.stringValue ?? "?"
            let found = try units.records(where: "Code", is: code).filter { $0[0] != "Total" }
            #expect(found.first?[land] == Cell.numberText(row["landDonatedM2"]), "\(code)")
        }
        let opinions = CSVFile(try String(contentsOfFile: dir + "/opinions.csv", encoding: .utf8))
        let text = try opinions.column("Text")
        #expect(opinions.records.contains { $0[text] == "'=HYPERLINK(\"http://x\")" }, "\(opinions.records)")
        let about = CSVFile(try String(contentsOfFile: dir + "/report.csv", encoding: .utf8))
        #expect(about.records.contains { $0[1] == "from" && $0[2] == "2023-01-01" }, "\(about.records)")
        #expect(about.records.contains { $0[1] == "asOfSeq" && $0[2] == "8685" })
        let stream = try daemon.report(["BY", "--period", "2023", "--format", "csv", "--lang", "en"])
        #expect(stream.hasPrefix("\u{FEFF}# report\n"))
        #expect(stream.contains("\n\n# units\nUnit,Code,"))
    }

    /// After the 2025 reorganisation the province's children are those of the period's end,
    /// as the daemon lists them; with no unit, the report covers all provinces.
    @Test func reorganisedProvinceAndAllProvinces() throws {
        let daemon = try Daemon()
        let imported = try daemon.ctl(["import", Paths.root + "/Samples/reorganisation-2025.ndjson"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let md = try daemon.report(["LC", "--period", "2025-H2", "--lang", "en"])
        let units = try daemon.query(#"{"op":"query","projection":"units","parent":"LC","period":"2025-H2"}"#)
        let rows = try #require(units["units"]?.arrayValue)
        #expect(!rows.isEmpty)
        let section = md.components(separatedBy: "\n## By unit\n")[1].components(separatedBy: "\n## ")[0]
        let tableRows = section.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Unit ") }
        #expect(tableRows.count == rows.count + 1 + (units["own"].map { ReportTables.hasAny($0) } == true ? 1 : 0))
        for row in rows {
            let code = row["unit"]?["code"]?.stringValue ?? "?"
            #expect(tableRows.contains { $0.hasPrefix("| \(row["unit"]?["name"]?.stringValue ?? "?") | \(code) |") }, "\(code)")
        }
        let all = try daemon.report(["--period", "2023", "--lang", "vi"])
        #expect(all.hasPrefix("# Báo cáo công tác dân vận: Tất cả các tỉnh\n"))
        #expect(all.contains("\n| Lào Cai | LC | "))
    }

    /// Each mistake is refused with one message, before anything is written.
    @Test func userErrorsHaveStableMessages() throws {
        let daemon = try Daemon()
        func fails(_ args: [String], status: Int32, _ message: String) throws {
            let r = try daemon.ctl(["report"] + args, lang: nil)
            #expect(r.status == status, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(args)")
        }
        try fails(["LC", "--period", "2023", "--format", "pdf"], status: 64, "danvanctl: --format wants md, html, csv or xlsx, got 'pdf'")
        try fails(["LC", "--period", "2023", "--lang", "fr"], status: 64, "danvanctl: --lang wants vi or en, got 'fr'")
        try fails(["LC"], status: 64, "danvanctl: report needs a period: --period P")
        try fails(["LC", "--period", "2023-5"], status: 1, "danvanctl: bad_params: period: unknown period \"2023-5\"")
        try fails(["LC", "--period", "2023", "--compare", "Q2/2022"], status: 1, "unknown period \"Q2/2022\"")
        try fails(["LC", "--period", "2023", "--out", "/nonexistent-dir/r.md"], status: 1,
                  "danvanctl: cannot write --out /nonexistent-dir/r.md: the directory /nonexistent-dir does not exist")
        let dir = try Paths.temporaryDirectory("report-out")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try fails(["LC", "--period", "2023", "--out", dir], status: 1, "danvanctl: cannot write --out \(dir): it is a directory")
        _ = FileManager.default.createFile(atPath: dir + "/file", contents: Data())
        try fails(["LC", "--period", "2023", "--format", "csv", "--out", dir + "/file"], status: 1,
                  "danvanctl: cannot write --out \(dir)/file: it is a file; csv writes one file per table into a directory")
        try fails(["nowhere", "--period", "2023"], status: 1, "not_found")
    }
}
