import DanvanJSON
import Foundation
import Testing

/// `danvanctl COMMAND` against a real danvand holding the sample province, in every
/// output format, with the exit statuses scripts rely on.
@Suite struct OneShotTests {
    /// Every published figure of Samples/lao-cai.expected.json, asked through danvanctl.
    @Test func publishedFiguresThroughDanvanctl() throws {
        let daemon = try Daemon()
        let expected = try JSONParser.parse(try String(contentsOfFile: Paths.expected, encoding: .utf8))
        let figures = try #require(expected["figures"]?.arrayValue)
        #expect(figures.count > 9)
        for figure in figures {
            var args = ["summary"]
            if let unit = figure["query"]?["unit"]?.stringValue { args.append(unit) }
            if let year = figure["query"]?["year"]?.int64Value { args += ["--year", String(year)] }
            let result = try daemon.json(args)
            guard case .object(let expect)? = figure["expect"] else { continue }
            for key in expect.keys {
                #expect(result[key] == expect[key], "\(args): \(key)")
            }
        }
    }

    /// The README's example: a script pipes json into jq.
    @Test func jsonByDefaultWhenNotATerminal() throws {
        let daemon = try Daemon()
        let r = try daemon.ctl(["summary", "LC", "--year", "2023"])
        #expect(r.status == 0)
        let v = try JSONParser.parse(r.stdout)
        #expect(v["landDonatedM2"] == .number("460696.3"))
        #expect(v["unit"]?["code"] == "LC")
        #expect(v["year"] == 2023)
    }

    /// Codes, names with and without diacritics, any case: the same unit.
    @Test func unitNamesWithOrWithoutDiacritics() throws {
        let daemon = try Daemon()
        let byCode = try daemon.json(["summary", "BY"])
        for words in [["Bảo Yên"], ["bao", "yen"], ["BAO YEN"], ["by"], ["huyện", "bảo", "yên"]] {
            #expect(try daemon.json(["summary"] + words) == byCode, "\(words)")
        }
    }

    @Test func ambiguousNameListsTheCandidates() throws {
        let daemon = try Daemon()
        let r = try daemon.ctl(["summary", "thanh", "binh"])
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("ambiguous"))
        #expect(r.stderr.contains("SP-THANHBINH  Thanh Bình (commune in Sa Pa)"))
        #expect(r.stderr.contains("MK-THANHBINH  Thanh Bình (commune in Mường Khương)"))
    }

    /// Every read-only command prints something valid in every format.
    @Test(arguments: ["json", "ndjson", "csv", "csv-keys", "table"])
    func everyCommandInEveryFormat(format: String) throws {
        let daemon = try Daemon()
        let commands: [[String]] = [
            ["status"], ["hello"], ["summary"], ["summary", "LC", "--year", "2023"], ["units"], ["units", "BY"],
            ["campaigns"], ["campaigns", "BY", "--closed"], ["campaign", "NTM-2021"], ["opinions", "--limit", "5"],
            ["opinions", "BY", "--answered", "--older-than", "30", "--limit", "3"], ["models", "BY"],
            ["models", "--field", "economy"], ["read", "--from", "1", "--limit", "3"],
            ["read", "--type", "dialogue.held", "--limit", "2"], ["schema"], ["schema", "land.donated"],
            ["query", "summary", "unit=BY", "year=2022"], ["export", "--from", "8680"],
            ["raw", #"{"op":"query","projection":"summary","unit":"SP"}"#], ["help", "summary"],
        ]
        for command in commands {
            let r = try daemon.ctl(["--output", format] + command)
            #expect(r.status == 0, "\(command): \(r.stderr)")
            #expect(!r.stdout.isEmpty, "\(command)")
            // A list cut by its limit says so, on stderr in csv and ndjson (ListRowsTests).
            let cut = r.stderr.hasPrefix("danvanctl: ") && (r.stderr.contains("use --limit") || r.stderr.contains("next: read --from"))
            #expect(r.stderr.isEmpty || (cut && ["csv", "csv-keys", "ndjson"].contains(format)), "\(command): \(r.stderr)")
            if command[0] == "help" { continue }
            let lines = r.stdout.split(separator: "\n")
            switch format {
            case "json":
                if command[0] == "export" {
                    for line in lines { _ = try JSONParser.parse(String(line)) }
                } else {
                    _ = try JSONParser.parse(r.stdout)
                }
            case "ndjson":
                for line in lines { #expect(throws: Never.self, "\(command)") { try JSONParser.parse(String(line)) } }
            case "csv":
                #expect(lines.count >= 2, "\(command)")
            case "csv-keys":
                #expect(lines.count >= 2, "\(command)")
                #expect(!lines[0].contains(" "), "\(command): header \(lines[0])")
            default:
                #expect(lines.count >= 1, "\(command)")
            }
        }
    }

    /// One unit per line, then the parent's own row and its total (ListRowsTests).
    @Test func ndjsonAndCsvListOneUnitPerLine() throws {
        let daemon = try Daemon()
        let nd = try daemon.ctl(["--output", "ndjson", "units", "BY"])
        let rows = try nd.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(rows.count == 19 + 2)
        #expect(rows.first?["unit"]?["code"] == "BY-BAOHA")
        let csv = CSVFile(try daemon.ctl(["-o", "csv-keys", "units", "BY"]).stdout)
        #expect(csv.records.count == 19 + 2)
        let baoHa = try #require(csv.records.first)
        #expect(baoHa[try csv.column("unit.code")] == "BY-BAOHA")
        #expect(baoHa[try csv.column("landDonatedM2")] == "42005.9")
        #expect(csv.header.contains("works.road.count"))
    }

    @Test func summaryTable() throws {
        let daemon = try Daemon()
        let r = try daemon.ctl(["--output", "table", "summary", "bao yen", "--year", "2023"])
        #expect(r.status == 0)
        #expect(r.stdout == """
            Bảo Yên (BY), district, 2023

            figure                              value
            --------------------------  -------------
            land donated (m²)              199,667.45
              donor households                    619
              assets on the land (VND)  1,604,000,000
            funds (VND)                 1,636,289,000
            workdays                            5,099
            campaigns launched                      0
              active                                0
              closed                                1
            dialogues held                          4
              periodic                              4
              ad hoc                                0
            opinions received                     131
              answered                            129
              answered rate                     98.5%
            models                                  9
              economy                               4
              culture & society                     2
              defense & security                    0
              political system                      3
            communes                               19
              with models                           8
              adoption rate                     42.1%

            works        count  length (km)     value (VND)
            -----------  -----  -----------  --------------
            road            42        81.94  99,525,000,000
            border road      0            0               0
            house           52            0   2,774,000,000
            lighting         5          8.7     859,000,000
            other            3            0   1,205,000,000

            """)
    }

    /// Children in Vietnamese alphabetical order (Bảo Thắng, Bảo Yên, Bát Xát, Bắc Hà), the parent's own events in their own row, then the total.
    @Test func unitsTableHasTotalRow() throws {
        let daemon = try Daemon()
        let r = try daemon.ctl(["-o", "table", "units", "LC", "--year", "2023"])
        #expect(r.status == 0)
        #expect(r.stdout == """
            units under Lào Cai (LC), province, 2023: 9 units

            code  name                land (m²)  households     funds (VND)  workdays  roads  dialogues  answered  models  adoption
            ----  -----------------  ----------  ----------  --------------  --------  -----  ---------  --------  ------  --------
            BT    Bảo Thắng              57,197         141   4,155,890,000     2,795      1         10     97.2%      12     36.4%
            BY    Bảo Yên            199,667.45         619   1,636,289,000     5,099     42          4     98.5%       9     42.1%
            BX    Bát Xát             48,531.24         129   4,686,918,000   1,872.5     10         12    100.0%      10     33.3%
            BH    Bắc Hà                  9,238          24   3,864,681,000   3,426.5      2          8    100.0%      11     29.2%
            MK    Mường Khương        26,313.85          81   6,824,681,000   3,156.5      1         14    100.0%       4     15.0%
            SP    Sa Pa               19,712.88          70   1,072,762,000     2,691      0         11    100.0%       7     26.9%
            SMC   Si Ma Cai           38,817.59         114     992,668,000       462      4          7    100.0%       3     12.5%
            TPLC  Thành phố Lào Cai   26,448.14         131     546,186,000   4,667.5      0          9    100.0%       8     23.8%
            VB    Văn Bàn             34,770.15         133   5,935,567,000     3,587      7         18    100.0%       9     25.0%
            ----  -----------------  ----------  ----------  --------------  --------  -----  ---------  --------  ------  --------
                  at LC itself                0           0   1,533,546,000         0      0          2    100.0%       1         -
                  total               460,696.3       1,442  31,249,188,000    27,757     67         95     99.6%      74     27.5%

            """)
    }

    @Test func exitStatuses() throws {
        let daemon = try Daemon()
        let notFound = try daemon.ctl(["summary", "nowhere"])
        #expect(notFound.status == 1)
        #expect(notFound.stderr.contains("not_found"))

        let usage = try daemon.ctl(["summary", "--yaer", "2023"])
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("usage: summary"))

        let dir = try Paths.temporaryDirectory("nosock")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let down = try run(Paths.danvanctl, ["--socket", dir + "/danvand.sock", "status"])
        #expect(down.status == 2)
        #expect(down.stderr.contains("is danvand running? try: systemctl status danvand.socket"))

        let rawError = try daemon.ctl(["raw", #"{"op":"nope"}"#])
        #expect(rawError.status == 1)
        #expect(try JSONParser.parse(rawError.stdout)["error"]?["code"] == "unknown_op")
    }

    /// `--year` takes the daemon's own range (`Day.years`): a year it would refuse is a
    /// usage error here, with the range in the message.
    @Test func yearRangeIsTheDaemons() throws {
        let daemon = try Daemon()
        let late = try daemon.ctl(["summary", "LC", "--year", "2200"])
        #expect(late.status == 64)
        #expect(late.stderr.contains("--year wants a whole number from 1900 to 2199, got '2200'"))
        #expect(try daemon.ctl(["units", "LC", "--year", "2500"]).status == 64)
        #expect(try daemon.json(["summary", "LC", "--year", "2199"])["fundsVnd"] == 0)
        #expect(try daemon.ctl(["help", "summary"]).stdout.contains("(1900-2199)"))
    }

    /// Scripts on stdin: every line runs unless --bail, which stops at the first error with 3.
    @Test func scriptsAndBail() throws {
        let daemon = try Daemon()
        let script = "# a comment\nstatus\nsummary nowhere\n\\output ndjson\nsummary BY\n"
        let all = try daemon.ctl([], input: script)
        #expect(all.status == 1)
        #expect(all.stderr.contains("stdin:3: not_found"))
        let outputs = all.stdout.split(separator: "\n", omittingEmptySubsequences: true)
        #expect(outputs.last.map { $0.contains("\"code\":\"BY\"") } == true)

        let bail = try daemon.ctl(["--bail"], input: script)
        #expect(bail.status == 3)
        #expect(bail.stderr.contains("--bail"))
        #expect(!bail.stdout.contains("\"BY\""))

        let file = try Paths.temporaryDirectory("script") + "/checks.dv"
        defer { try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent) }
        try "summary LC --year 2023\n".write(toFile: file, atomically: true, encoding: .utf8)
        let fromFile = try daemon.ctl(["-f", file])
        #expect(fromFile.status == 0)
        #expect(try JSONParser.parse(fromFile.stdout)["landDonatedM2"] == .number("460696.3"))
    }

    @Test func appendFromArgumentsAndFile() throws {
        let daemon = try Daemon()
        let id = "3f2b8c1e-9d4a-4e6b-8f00-1c2d3e4f5a6b"
        let args = ["append", "land.donated", "unit=BY-BAOHA", "households=3", "areaM2=1200.5", "purpose=road", "donatedOn=2024-05-02", "--id", id]
        let first = try daemon.json(args)
        #expect(first["firstSeq"] == 8685)
        let again = try daemon.json(args)
        #expect(again["duplicates"] == 1)
        #expect(again["firstSeq"] == .null)

        let dir = try Paths.temporaryDirectory("append")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try #"{"type":"funds.contributed","data":{"unit":"BY","amountVnd":5000000,"source":"business","contributedOn":"2024-06-01"}}"#
            .write(toFile: dir + "/event.json", atomically: true, encoding: .utf8)
        let fromFile = try daemon.json(["append", "--file", dir + "/event.json"])
        #expect(fromFile["firstSeq"] == 8686)

        let read = try daemon.json(["read", "--from", "8685"])
        let events = try #require(read["events"]?.arrayValue)
        #expect(events.count == 2)
        #expect(events[0]["id"] == .string(id))
        #expect(events[0]["data"]?["areaM2"] == .number("1200.5"))
        #expect(events[1]["type"] == "funds.contributed")

        let refused = try daemon.ctl(["append", "land.donated", "unit=BY-BAOHA"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("validation_failed"))
    }

    /// export | import into an empty daemon gives the same figures; importing again only
    /// finds duplicates (resumable).
    @Test func exportImportRoundTrip() throws {
        let source = try Daemon()
        let target = try Daemon(empty: true)
        let dir = try Paths.temporaryDirectory("export")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let export = try source.ctl(["export"])
        #expect(export.status == 0)
        #expect(export.stdout.split(separator: "\n").count == 8684)
        try export.stdout.write(toFile: dir + "/all.ndjson", atomically: true, encoding: .utf8)

        let imported = try target.json(["import", dir + "/all.ndjson"])
        #expect(imported["events"] == 8684)
        #expect(imported["appended"] == 8684)
        #expect(try target.json(["summary", "LC"]) == (try source.json(["summary", "LC"])))

        let again = try target.ctl(["--output", "json", "import", "-"], input: export.stdout)
        #expect(again.status == 0)
        let v = try JSONParser.parse(again.stdout)
        #expect(v["appended"] == 0)
        #expect(v["duplicates"] == 8684)
    }

    /// The daemon's verified copy of its log, into a directory given relative or absolute.
    @Test func backupWhileServing() throws {
        let daemon = try Daemon()
        let dir = try Paths.temporaryDirectory("backup")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try daemon.json(["backup", dir + "/copy"])
        #expect(r["verified"] == true)
        #expect(r["seq"] == 8684)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/copy")
        #expect(files.contains { $0.hasSuffix(".dvlog") })
        let again = try daemon.ctl(["backup", dir + "/copy"])
        #expect(again.status == 1)
        #expect(again.stderr.contains("not empty"))
    }

    @Test func importStopsAtABadLineWithItsNumber() throws {
        let daemon = try Daemon(empty: true)
        let dir = try Paths.temporaryDirectory("import")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = [
            #"{"id":"0b7d5a52-6f0e-4c1a-9d43-000000000001","type":"unit.registered","data":{"code":"T","name":"Tỉnh","level":"province"}}"#,
            "",
            #"{"id":"0b7d5a52-6f0e-4c1a-9d43-000000000002","type":"unit.registered","data":{"code":"T2","level":"district","parent":"T"}}"#,
        ]
        try lines.joined(separator: "\n").write(toFile: dir + "/bad.ndjson", atomically: true, encoding: .utf8)
        let r = try daemon.ctl(["import", dir + "/bad.ndjson", "--batch", "1"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("bad.ndjson:3: validation_failed"))
        #expect(r.stderr.contains("nothing was sent"), "every line is checked before anything is stored (issue 19)")
        #expect(try daemon.json(["status"])["seq"] == 0)
    }

    /// follow prints new events as they are stored, stops cleanly on SIGINT, and exits 2
    /// when the daemon goes away; both through `subscribe` and by polling `read`.
    @Test(arguments: [[], ["--poll", "--interval", "0.1"]])
    func followPrintsNewEvents(mode: [String]) throws {
        let daemon = try Daemon()
        let dir = try Paths.temporaryDirectory("follow")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let out = dir + "/out"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        let p = try Child(Paths.danvanctl, ["--socket", daemon.socket, "follow", "--type", "funds.contributed"] + mode, stdout: out)
        // Appends until follow has printed one (it may start after the first append).
        var printed = false
        for i in 0..<50 where !printed {
            let day = String(format: "2024-06-%02d", 1 + i % 28)
            _ = try daemon.ctl(["append", "funds.contributed", "unit=BY", "amountVnd=1000", "source=household", "contributedOn=\(day)"])
            printed = eventually(timeout: 2) { ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").contains("funds.contributed") }
        }
        #expect(printed)
        let first = try #require(((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").split(separator: "\n").first)
        #expect(try JSONParser.parse(String(first))["data"]?["amountVnd"] == 1000)
        p.signal(SIGINT)
        #expect(p.wait(timeout: 10) == 0, "follow did not stop cleanly on SIGINT")

        let broken = try Child(Paths.danvanctl, ["--socket", daemon.socket, "follow"] + mode)
        usleep(300_000)
        daemon.stop()
        #expect(broken.wait(timeout: 10) == 2, "follow did not exit with 2 when the daemon stopped")
    }
}
