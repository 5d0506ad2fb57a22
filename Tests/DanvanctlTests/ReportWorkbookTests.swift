@testable import DanvanShell
import DanvanJSON
import Foundation
import Testing

/// `report --format xlsx` opened by a real spreadsheet program: LibreOffice headless converts
/// every sheet to CSV as it shows it, and the cells are the daemon's figures: numbers as
/// numbers (full digits), rates as percentages, days as dates; headings bold in a frozen row.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/libreoffice"), "needs libreoffice-calc (Scripts/install-deps.sh)"))
struct ReportWorkbookTests {
    @Test func libreOfficeReadsTheDaemonsFigures() throws {
        let daemon = try Daemon()
        let dir = try Paths.temporaryDirectory("report-xlsx")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let book = dir + "/lc.xlsx"
        _ = try daemon.report(["LC", "--period", "2023", "--format", "xlsx", "--out", book, "--lang", "en"])
        let bytes = try #require(FileManager.default.contents(atPath: book))
        #expect(bytes.prefix(2) == Data("PK".utf8))
        // 44,34,76,1: comma, quote, UTF-8, from line 1; "true" 9th: cells as shown; -1: every sheet to its own file.
        let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"
        let r = try run("/usr/bin/libreoffice", [
            "-env:UserInstallation=file://\(dir)/profile", "--headless", "--convert-to", filter, "--outdir", dir + "/csv", book,
        ], environment: ["PATH": "/usr/bin:/bin", "HOME": dir], timeout: 180)
        #expect(r.status == 0, "\(r.stderr)")
        let sheets = try FileManager.default.contentsOfDirectory(atPath: dir + "/csv").sorted()
        #expect(sheets == ["lc-campaigns.csv", "lc-coverage.csv", "lc-fields.csv", "lc-figures.csv", "lc-models.csv",
                           "lc-months.csv", "lc-opinions.csv", "lc-progress.csv", "lc-report.csv", "lc-units.csv"], "\(r.stdout) \(r.stderr)")
        func sheet(_ name: String) throws -> CSVFile { CSVFile(try String(contentsOfFile: dir + "/csv/lc-\(name).csv", encoding: .utf8)) }

        // The children: names, codes, every figure exactly, the rate as LibreOffice shows 0.0%.
        let units = try sheet("units")
        let answer = try daemon.query(#"{"op":"query","projection":"units","parent":"LC","period":"2023"}"#)
        let rows = try #require(answer["units"]?.arrayValue)
        #expect(units.records.count == rows.count + 2)  // the province's own row and the total
        let en = ReportFormat(language: .en)
        for (i, row) in rows.enumerated() {
            let cells = units.records[i]
            #expect(cells[0] == row["unit"]?["name"]?.stringValue)
            #expect(cells[1] == row["unit"]?["code"]?.stringValue)
            #expect(cells[try units.column("Land donated (m²)")] == Cell.numberText(row["landDonatedM2"]))
            #expect(cells[try units.column("Funds contributed (VND)")] == Cell.numberText(row["fundsVnd"]))
            #expect(cells[try units.column("Workdays")] == Cell.numberText(row["workdays"]))
            #expect(cells[try units.column("Answered rate")] == en.percent(fraction: Cell.numberText(row["opinions"]?["answeredRate"])))
        }
        let total = try #require(units.records.last)
        #expect(total[0] == "Total")
        #expect(total[try units.column("Land donated (m²)")] == Cell.numberText(answer["total"]?["landDonatedM2"]))

        // Days are dates shown dd/mm/yyyy; the figures sheet has every summary figure.
        let campaigns = try sheet("campaigns")
        let ntm = try #require(try campaigns.records(where: "Campaign", is: "NTM-2021").first)
        #expect(ntm[try campaigns.column("Started")] == "15/01/2021")
        let figures = try sheet("figures")
        let summary = try daemon.query(#"{"op":"query","projection":"summary","unit":"LC","period":"2023"}"#)
        #expect(try figures.records(where: "Key", is: "fundsVnd").first?[2] == Cell.numberText(summary["fundsVnd"]))
        #expect(try figures.records(where: "Key", is: "works.road.lengthKm").first?[2] == Cell.numberText(summary["works"]?["road"]?["lengthKm"]))
        let about = try sheet("report")
        #expect(try about.records(where: "Key", is: "asOfSeq").first?[2] == "8684")
        #expect(try about.records(where: "Key", is: "to").first?[2] == "31/12/2023")

        // Numbers are numbers, not text; headings bold and frozen.
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/unzip") {
            let xml = try run("/usr/bin/unzip", ["-p", book, "xl/worksheets/sheet3.xml"]).stdout
            #expect(xml.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
            #expect(xml.contains(#"<c r="C2" s="0"><v>"#), "numbers as numbers")
            #expect(xml.contains(#"<c r="A1" s="1" t="inlineStr">"#), "bold headings")
            let styles = try run("/usr/bin/unzip", ["-p", book, "xl/styles.xml"]).stdout
            #expect(styles.contains("<font><b/>"))
        }
    }
}
