import DanvanJSON
import DanvanShell
import Foundation
import Testing

/// `--as-of` on every figure command: the daemon's `asOf` as staff type it (a seq, a time, a
/// date YYYY-MM-DD or dd/mm/yyyy), a line saying where the figures stood, Tab completion.
@Suite struct AsOfFlagTests {
    /// Every figure command sends `asOf` and prints the answer the protocol gives at that point.
    @Test func everyFigureCommandTakesAsOf() throws {
        let daemon = try Daemon()
        let commands: [([String], String)] = [
            (["summary", "LC"], #"{"op":"query","projection":"summary","unit":"LC","asOf":4000}"#),
            (["units", "LC"], #"{"op":"query","projection":"units","parent":"LC","asOf":4000}"#),
            (["tree", "BY", "--depth", "1"], #"{"op":"query","projection":"tree","unit":"BY","depth":1,"asOf":4000}"#),
            (["campaigns"], #"{"op":"query","projection":"campaigns","asOf":4000}"#),
            (["campaign", "NTM-2021"], #"{"op":"query","projection":"campaign","campaign":"NTM-2021","asOf":4000}"#),
            (["opinions", "--limit", "5"], #"{"op":"query","projection":"opinions","status":"open","limit":5,"asOf":4000}"#),
            (["models"], #"{"op":"query","projection":"models","asOf":4000}"#),
            (["query", "summary", "unit=BY"], #"{"op":"query","projection":"summary","unit":"BY","asOf":4000}"#),
        ]
        for (words, request) in commands {
            let got = try daemon.json(words + ["--as-of", "4000"])
            #expect(got["asOf"]?["seq"] == 4000, "\(words)")
            let raw = try daemon.json(["raw", request])
            #expect(got == raw["result"], "\(words)")
        }
        // Without --as-of: now, and no asOf in the answer.
        #expect(try daemon.json(["summary", "LC"])["asOf"] == nil)
    }

    /// A date is the end of that day in the province, written YYYY-MM-DD; one written as staff
    /// often do is refused with the form to write, and an ambiguous one with both readings,
    /// as every date danvanctl reads (`DateInput`). The sample was recorded today.
    @Test func datesAsStaffWriteThem() throws {
        let daemon = try Daemon()
        #expect(try daemon.json(["summary", "--as-of", "2020-12-31"])["asOf"]?["seq"] == 0)
        #expect(try daemon.json(["summary", "--as-of", "2199-12-31"])["asOf"]?["seq"] == 8684)
        let dayFirst = try daemon.ctl(["summary", "--as-of", "31/12/2020"])
        #expect(dayFirst.status != 0)
        #expect(dayFirst.stderr.contains("write 2020-12-31"), "\(dayFirst.stderr)")
        let ambiguous = try daemon.ctl(["summary", "--as-of", "05/06/2023"])
        #expect(ambiguous.status != 0)
        #expect(ambiguous.stderr.contains("day first (as Vietnamese dates are written) it is 2023-06-05, month first 2023-05-06"), "\(ambiguous.stderr)")
        #expect(try daemon.json(["summary", "--as-of", "2199-12-31T00:00:00+07:00"])["asOf"]?["seq"] == 8684)
        #expect(try daemon.json(["summary", "--as-of", "8_684"])["asOf"]?["seq"] == 8684)
    }

    @Test func tablesSayWhereTheFiguresStood() throws {
        let daemon = try Daemon()
        let table = try daemon.ctl(["-o", "table", "summary", "LC", "--as-of", "4000"])
        #expect(table.status == 0, "\(table.stderr)")
        let last = table.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasPrefix("as of seq 4,000 (recorded 20"), "\(table.stdout)")
        let empty = try daemon.ctl(["-o", "table", "tree", "--as-of", "0"])
        #expect(empty.stdout.hasSuffix("as of seq 0 (before the first event)\n"), "\(empty.stdout)")
        // csv rows stay rows: the line goes to stderr.
        let csv = try daemon.ctl(["-o", "csv", "units", "LC", "--as-of", "4000"])
        #expect(csv.status == 0)
        #expect(!csv.stdout.contains("as of seq"))
        #expect(csv.stderr.contains("danvanctl: as of seq 4,000 (recorded"), "\(csv.stderr)")
    }

    /// What cannot be read is refused: a number that could mean two things here (usage, 64),
    /// a time without a zone by the daemon (1), saying what to add.
    @Test func whatCannotBeReadIsRefused() throws {
        let daemon = try Daemon()
        let ambiguous = try daemon.ctl(["summary", "--as-of", "1.000"])
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stderr.contains("could mean two things"), "\(ambiguous.stderr)")
        let noZone = try daemon.ctl(["summary", "--as-of", "2026-03-31T23:59:59"])
        #expect(noZone.status == 1)
        #expect(noZone.stderr.contains("add Z for UTC or +07:00 for Vietnam"), "\(noZone.stderr)")
        let beyond = try daemon.ctl(["summary", "--as-of", "9000"])
        #expect(beyond.status == 1)
        #expect(beyond.stderr.contains("its last seq is 8684 now"), "\(beyond.stderr)")
        let word = try daemon.ctl(["summary", "--as-of", "yesterday"])
        #expect(word.status == 64)
        #expect(word.stderr.contains("is not a seq, a time or a date"), "\(word.stderr)")
    }

    @Test func tabCompletesTheFlag() {
        let completer = Completer(units: { CompleterTests.directory }, campaigns: { ["NTM-2021"] })
        for command in ["summary LC", "units", "tree", "campaigns", "campaign NTM-2021", "opinions", "models", "query summary"] {
            #expect(completer.complete("\(command) --as").insertion == "--as-of ", "\(command)")
        }
    }
}
