import DanvanClient
import DanvanShell
import Testing

/// Display width, numbers, tables, CSV and the command-line grammar, without a daemon.
@Suite struct FormattingTests {
    @Test func vietnameseWidthIgnoresCombiningMarks() {
        let nfc = "Bảo Yên"
        let nfd = "Ba\u{0309}o Y\u{0065}\u{0302}n"
        #expect(nfc.unicodeScalars.count == 7)
        #expect(nfd.unicodeScalars.count == 9)
        #expect(DisplayWidth.of(nfc) == 7)
        #expect(DisplayWidth.of(nfd) == 7)
        #expect(DisplayWidth.of("Đ") == 1)
        #expect(DisplayWidth.of("越南") == 4)
        #expect(DisplayWidth.of("a\u{200B}b") == 2)
    }

    @Test func truncateAndPadCountColumns() {
        #expect(DisplayWidth.truncate("Chương trình mục tiêu quốc gia", to: 10) == "Chương tr…")
        #expect(DisplayWidth.pad("Sơn", to: 5) == "Sơn  ")
        #expect(DisplayWidth.pad("1,234", to: 7, alignRight: true) == "  1,234")
    }

    @Test func thousandsSeparators() {
        #expect(NumberFormat.grouped("649003") == "649,003")
        #expect(NumberFormat.grouped("1635005.48") == "1,635,005.48")
        #expect(NumberFormat.grouped("-1234567") == "-1,234,567")
        #expect(NumberFormat.grouped("999") == "999")
        #expect(NumberFormat.grouped("1e5") == "1e5")
        #expect(NumberFormat.grouped(113_461_620_000) == "113,461,620,000")
    }

    @Test func ratesAsPercentagesWithOneDecimal() {
        #expect(NumberFormat.percent(fraction: "0.9879") == "98.8%")
        #expect(NumberFormat.percent(fraction: "0.83") == "83.0%")
        #expect(NumberFormat.percent(fraction: "1") == "100.0%")
        #expect(NumberFormat.percent(fraction: nil) == "-")
        #expect(NumberFormat.percent(6274, of: 6351) == "98.8%")
        #expect(NumberFormat.percent(166, of: 200) == "83.0%")
        #expect(NumberFormat.percent(1, of: 0) == "-")
        #expect(NumberFormat.percent(1, of: 8) == "12.5%")
    }

    @Test func spreadsheetTextKeepsNumbersAndDefusesFormulas() {
        #expect(CSV.spreadsheetText("-5") == "-5")
        #expect(CSV.spreadsheetText("-1.5") == "-1.5")
        #expect(CSV.spreadsheetText("-") == "'-")
        #expect(CSV.spreadsheetText("-1+2") == "'-1+2")
        #expect(CSV.spreadsheetText("=1") == "'=1")
        #expect(CSV.spreadsheetText("\tx") == "'\tx")
        #expect(CSV.spreadsheetText("Bảo Yên") == "Bảo Yên")
        #expect(CSV.record(["=1", "a,b"], spreadsheet: true) == "'=1,\"a,b\"\n")
        #expect(CSV.record(["=1"]) == "=1\n")
    }

    @Test func tableAlignsVietnameseNames() {
        var t = TextTable([.init("code"), .init("name"), .init("land (m²)", .right)])
        t.append(["BY-BAOHA", "Bảo Hà", "42,005.9"])
        t.append(["BY-DIENQUAN", "Ba\u{0309}o Y\u{0065}\u{0302}n", "55,075.04"])
        t.appendRule()
        t.append(["", "total", "97,080.94"])
        #expect(t.render() == """
            code         name     land (m²)
            -----------  -------  ---------
            BY-BAOHA     Bảo Hà    42,005.9
            BY-DIENQUAN  Ba\u{0309}o Y\u{0065}\u{0302}n  55,075.04
            -----------  -------  ---------
                         total    97,080.94

            """)
    }

    @Test func csvQuotesOnlyWhatNeedsIt() {
        #expect(CSV.record(["a", "b,c", "say \"hi\"", "Lào Cai"]) == "a,\"b,c\",\"say \"\"hi\"\"\",Lào Cai\n")
    }

    @Test func tokenizerKeepsQuotedWordsAndBackslashCommands() {
        let t = Tokenizer(#"summary "Bảo Yên" --year 2023"#)
        #expect(t.words.map(\.text) == ["summary", "Bảo Yên", "--year", "2023"])
        #expect(Tokenizer(#"\watch 5 status"#).words.map(\.text) == [#"\watch"#, "5", "status"])
        #expect(Tokenizer(#"summary "bao"#).openQuote == "\"")
    }

    @Test func unitWordsNeedNoQuotes() throws {
        let inv = try #require(try CommandRunner.parse(line: "units bao yen --year 2023"))
        #expect(inv.spec.name == "units")
        #expect(inv.unit == "bao yen")
        #expect(inv.value("--year") == "2023")
    }

    @Test func rawKeepsTheLineVerbatim() throws {
        let inv = try #require(try CommandRunner.parse(line: #"raw {"op":"query", "projection":"summary"}"#))
        #expect(inv.rest == #"{"op":"query", "projection":"summary"}"#)
    }

    @Test func usageErrorsSayWhatIsWrong() {
        #expect(throws: CommandFailure.self) { try CommandRunner.parse(line: "summary --yaer 2023") }
        do {
            _ = try CommandRunner.parse(line: "summary --yaer 2023")
        } catch {
            #expect(error.kind == .usage)
            #expect(error.message.contains("--year"))
        }
        do {
            _ = try CommandRunner.parse(arguments: ["sumary"])
        } catch {
            #expect(error.message.contains("did you mean summary"))
        }
    }
}
