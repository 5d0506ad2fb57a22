@testable import DanvanShell
import DanvanJSON
import Foundation
import Testing

/// `report --format html` in a real browser: headless Chromium renders the page to PNG and
/// to an A4 PDF with every host name unresolvable; the page is not blank (its bars are
/// drawn), each chart has one bar per row of its table, and the file names no URL at all.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"), "needs chromium (Scripts/install-deps.sh)"))
struct ReportBrowserTests {
    @Test func chromiumRendersItOffline() throws {
        let daemon = try Daemon()
        let dir = try Paths.temporaryDirectory("report-html")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let page = dir + "/lc.html"
        _ = try daemon.report(["LC", "--period", "2023", "--format", "html", "--out", page, "--lang", "vi"])
        let html = try String(contentsOfFile: page, encoding: .utf8)

        // Self-contained: a CSP that allows nothing from outside, and no URL to fetch.
        #expect(html.contains(#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">"#))
        #expect(!html.contains("http:") && !html.contains("https:") && !html.contains("<script") && !html.contains("@import"))
        #expect(html.contains("@page { size: A4;"))

        // Each chart: as many marks as its table has rows: a bar per child unit, a point per month.
        let units = try daemon.query(#"{"op":"query","projection":"units","parent":"LC","period":"2023"}"#)
        let children = try #require(units["units"]?.arrayValue).count
        let bars = html.components(separatedBy: "<figure class=\"chart\" data-kind=\"bars\"").dropFirst()
        #expect(bars.count == 4)
        for chart in bars {
            let body = chart.components(separatedBy: "</figure>")[0]
            #expect(body.components(separatedBy: "<rect class=\"bar\"").count - 1 == children, "\(body.prefix(200))")
        }
        let lines = html.components(separatedBy: "<figure class=\"chart\" data-kind=\"line\"").dropFirst()
        #expect(lines.count == 2)
        let monthRows = html.components(separatedBy: "<table class=\"report\" data-name=\"months\">")[1]
            .components(separatedBy: "<tbody>")[1].components(separatedBy: "</tbody>")[0]
            .components(separatedBy: "<tr>").count - 1
        #expect(monthRows == 12)
        for chart in lines {
            let body = chart.components(separatedBy: "</figure>")[0]
            #expect(body.components(separatedBy: "<circle class=\"point\"").count - 1 == monthRows, "\(body.prefix(200))")
            #expect(body.contains("<polyline class=\"line\""))
        }
        let land = try #require(Cell.numberText(units["units"]?.arrayValue?.first?["landDonatedM2"]))
        #expect(html.contains(">\(ReportFormat(language: .vi).number(land))</text>"))

        // Chromium, offline.
        let common = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(dir)/profile",
                      "--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking"]
        let env = ["PATH": "/usr/bin:/bin", "HOME": dir]
        // Half scale, so the 500 × 2,000 pixels hold the page down to past its charts.
        let png = try run("/usr/bin/chromium", common + ["--force-device-scale-factor=0.5", "--window-size=1000,4000", "--screenshot=\(dir)/lc.png", "file://\(page)"],
                          environment: env, timeout: 180)
        #expect(png.status == 0, "\(png.stderr)")
        let pdf = try run("/usr/bin/chromium", common + ["--no-pdf-header-footer", "--print-to-pdf=\(dir)/lc.pdf", "file://\(page)"],
                          environment: env, timeout: 180)
        #expect(pdf.status == 0, "\(pdf.stderr)")

        let pixels = try run("/usr/bin/python3", [Paths.root + "/Tests/DanvanctlTests/Support/png-pixels.py", dir + "/lc.png"])
        #expect(pixels.status == 0, "\(pixels.stderr)")
        let counts = pixels.stdout.split(separator: " ").compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(counts.count == 3, "\(pixels.stdout)")
        if counts.count == 3 {
            let (total, inked, bars) = (counts[0], counts[1], counts[2])
            #expect(total == 500 * 2000)
            #expect(inked > total / 100, "the page is blank: \(inked) of \(total) pixels not white")
            #expect(bars > 500, "no bar drawn: \(bars) pixels of the bars' colour")
        }
        let document = try #require(FileManager.default.contents(atPath: dir + "/lc.pdf"))
        #expect(document.prefix(5) == Data("%PDF-".utf8))
        let text = String(decoding: document, as: UTF8.self)
        // A4 is 595 × 842 points (Chromium writes 594.95996 841.91998); the report takes several pages.
        let a4 = text.components(separatedBy: "/MediaBox [0 0 594.9").count - 1
        #expect(a4 >= 2, "not A4 pages")
        #expect(text.components(separatedBy: "/MediaBox [").count - 1 == a4, "every page A4")
    }
}
