@testable import DanvanShell
import Testing

/// The report's numbers and dates in Vietnamese and English (`ReportFormat`), exact from
/// the daemon's decimal text, and the language chosen from the locale.
@Suite struct ReportFormatTests {
    let vi = ReportFormat(language: .vi)
    let en = ReportFormat(language: .en)

    @Test func vietnameseNumbers() {
        #expect(vi.number("649003") == "649.003")
        #expect(vi.number("283.75") == "283,75")
        #expect(vi.number("1635005.48") == "1.635.005,48")
        #expect(vi.number("-1200.5") == "-1.200,5")
        #expect(vi.number("999") == "999")
        #expect(vi.number("0") == "0")
        #expect(vi.number(Int64(6351)) == "6.351")
        // Digits beyond a Double's precision stay as the daemon wrote them.
        #expect(vi.number("123456789012345678.1234") == "123.456.789.012.345.678,1234")
        // Not a plain decimal: unchanged.
        #expect(vi.number("1e5") == "1e5")
        #expect(vi.number("abc") == "abc")
    }

    @Test func englishNumbers() {
        #expect(en.number("649003") == "649,003")
        #expect(en.number("283.75") == "283.75")
        #expect(en.number("1635005.48") == "1,635,005.48")
        #expect(en.signedNumber("1234") == "+1,234")
        #expect(vi.signedNumber("-0.5") == "-0,5")
        #expect(vi.signedNumber("0") == "0")
    }

    @Test func percentages() {
        #expect(vi.percent(fraction: "0.987") == "98,7%")
        #expect(en.percent(fraction: "0.987") == "98.7%")
        // Half-up to one decimal, from the exact fraction: 0.98785 is 98.785%.
        #expect(vi.percent(fraction: "0.98785") == "98,8%")
        #expect(vi.percent(fraction: "0.98749") == "98,7%")
        #expect(vi.percent(fraction: "1") == "100,0%")
        #expect(vi.percent(fraction: "0") == "0,0%")
        #expect(vi.percent(fraction: "12.5") == "1.250,0%")
        #expect(vi.percent(fraction: nil) == "-")
        #expect(en.pointsChange(from: "0.5", to: "0.6234") == "+12.3 pp")
        #expect(vi.pointsChange(from: "0.7", to: "0.6") == "-10,0 điểm %")
    }

    @Test func dates() {
        #expect(vi.date("2023-12-31") == "31/12/2023")
        #expect(en.date("2023-12-31") == "2023-12-31")
        #expect(vi.date("soon") == "soon")
        #expect(vi.time("2026-12-07T12:35:55.537277Z") == "07/12/2026 12:35:55 UTC")
        #expect(en.time("2026-12-07T12:35:55Z") == "2026-12-07 12:35:55 UTC")
    }

    @Test func exactChanges() throws {
        let a = try #require(ExactDecimal("283.75")), b = try #require(ExactDecimal("200.5"))
        #expect(a.minus(b).text == "83.25")
        #expect(b.minus(a).text == "-83.25")
        #expect(try #require(ExactDecimal("0.1")).minus(try #require(ExactDecimal("0.3"))).text == "-0.2")
        #expect(try #require(ExactDecimal("649003")).minus(try #require(ExactDecimal("649003"))).text == "0")
        #expect(ExactDecimal("1.") == nil)
        #expect(ExactDecimal("1e3") == nil)
    }

    @Test func languageFromTheLocale() {
        #expect(ReportLanguage.from(environment: ["LANG": "vi_VN.UTF-8"]) == .vi)
        #expect(ReportLanguage.from(environment: ["LANG": "vi"]) == .vi)
        #expect(ReportLanguage.from(environment: ["LANG": "en_US.UTF-8"]) == .en)
        #expect(ReportLanguage.from(environment: [:]) == .en)
        #expect(ReportLanguage.from(environment: ["LANG": "vi_VN.UTF-8", "LC_ALL": "C.UTF-8"]) == .en)
        #expect(ReportLanguage.from(environment: ["LANG": "C", "LC_ALL": ""]) == .en)
    }

    /// The months of a period: calendar months cut to its days, or Nghị định 09's months.
    @Test func monthsOfAPeriod() {
        let q2 = ReportMonths.windows(.init(name: "2023-Q2", cutoff: "calendar", from: "2023-04-01", to: "2023-06-30"))
        #expect(q2.map(\.label) == ["2023-04", "2023-05", "2023-06"])
        #expect(q2.last == .init(label: "2023-06", from: "2023-06-01", to: "2023-06-30"))
        let decree = ReportMonths.windows(.init(name: "2023", cutoff: "decree09", from: "2022-12-15", to: "2023-12-14"))
        #expect(decree.count == 12)
        #expect(decree.first == .init(label: "2023-01", from: "2022-12-15", to: "2023-01-14"))
        #expect(decree.last == .init(label: "2023-12", from: "2023-11-15", to: "2023-12-14"))
        let days = ReportMonths.windows(.init(name: nil, cutoff: nil, from: "2023-03-10", to: "2023-05-02"))
        #expect(days == [.init(label: "2023-03", from: "2023-03-10", to: "2023-03-31"), .init(label: "2023-04", from: "2023-04-01", to: "2023-04-30"),
                         .init(label: "2023-05", from: "2023-05-01", to: "2023-05-02")])
        #expect(ReportMonths.windows(.init(name: nil, cutoff: nil, from: nil, to: "2023-05-02")).isEmpty)
        #expect(ReportMonths.windows(.init(name: "2020..2025", cutoff: "calendar", from: "2020-01-01", to: "2025-12-31")).isEmpty)
        #expect(ReportMonths.windows(.init(name: "2024-02", cutoff: "calendar", from: "2024-02-01", to: "2024-02-29")).last?.to == "2024-02-29")
    }

    @Test func workbookCells() {
        #expect(XLSXParts.reference(0, 1) == "A1")
        #expect(XLSXParts.reference(25, 2) == "Z2")
        #expect(XLSXParts.reference(26, 3) == "AA3")
        #expect(XLSXParts.dateSerial("1899-12-31") == 1)
        #expect(XLSXParts.dateSerial("2023-12-31") == 45291)
        #expect(XLSXParts.dateSerial("1970-01-01") == 25569)
    }
}
