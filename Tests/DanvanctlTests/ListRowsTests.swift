import DanvanJSON
import Foundation
import Testing

/// Every format of a list carries what its table carries (issue 19, item 3): the rows of
/// `units` for what the parent holds itself and for the total, the period, and a word
/// when a list was cut short; so a spreadsheet's sums are the daemon's figures.
@Suite struct ListRowsTests {
    /// The CSV format with the protocol's keys as headers.
    static let keys = "csv-keys"

    /// The flattened members of `summary UNIT` as CSV would print them, unit and year aside.
    static func summaryFigures(_ daemon: Daemon, _ args: [String]) throws -> [(key: String, text: String)] {
        let csv = CSVFile(try daemon.ctl(["-o", Self.keys, "summary"] + args).stdout)
        #expect(csv.records.count == 1)
        return zip(csv.header, csv.records.first ?? []).map { ($0, $1) }.filter { !$0.key.hasPrefix("unit.") && $0.key != "year" }
    }

    /// The sample's province: 9 districts, what LC holds itself, the total; the child
    /// and own rows add up to the total in every additive column, and the total row is
    /// the province's `summary`, figure for figure.
    @Test(arguments: [[], ["--year", "2023"]])
    func unitsCsvHasOwnAndTotalRows(year: [String]) throws {
        let daemon = try Daemon()
        let r = try daemon.ctl(["-o", Self.keys, "units", "LC"] + year)
        #expect(r.status == 0, "\(r.stderr)")
        let csv = CSVFile(r.stdout)
        let row = try csv.column("row")
        #expect(csv.records.map { $0[row] } == Array(repeating: "unit", count: 9) + ["own", "total"])
        let code = try csv.column("unit.code")
        #expect(csv.records.suffix(2).map { $0[code] } == ["LC", "LC"])
        let yearColumn = try csv.column("year")
        #expect(Set(csv.records.map { $0[yearColumn] }) == [year.last ?? ""])

        let total = try #require(csv.records.last)
        let summary = try Self.summaryFigures(daemon, ["LC"] + year)
        for (key, text) in summary {
            #expect(total[try csv.column(key)] == text, "total row, \(key)")
        }
        let funds = try csv.column("fundsVnd")
        if year.isEmpty { #expect(total[funds] == "113461620000") }
        for (key, _) in summary where !key.hasSuffix("Rate") {
            let i = try csv.column(key)
            let parts = csv.records.dropLast().compactMap { Decimal(string: $0[i]) }
            #expect(parts.count == 10, "\(key)")
            #expect(parts.reduce(0, +) == Decimal(string: total[i]), "sum of \(key)")
        }
    }

    /// The own row's rates come from its own counts, by the daemon's rule; a rate with
    /// no denominator is empty, as JSON's null.
    @Test func ownRowRatesFromItsOwnCounts() throws {
        let daemon = try Daemon()
        let csv = CSVFile(try daemon.ctl(["-o", Self.keys, "units", "LC", "--year", "2023"]).stdout)
        let own = try #require(try csv.records(where: "row", is: "own").first)
        #expect(own[try csv.column("opinions.received")] == "68")
        #expect(own[try csv.column("opinions.answered")] == "68")
        #expect(own[try csv.column("opinions.answeredRate")] == "1")
        #expect(own[try csv.column("models.communes")] == "0")
        #expect(own[try csv.column("models.adoptionRate")] == "")
        #expect(own[try csv.column("fundsVnd")] == "1533546000")
    }

    /// ndjson: the same rows, each with its `row` and `year`.
    @Test func unitsNdjsonHasOwnAndTotalRows() throws {
        let daemon = try Daemon()
        let r = try daemon.ctl(["-o", "ndjson", "units", "BY", "--year", "2023"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try r.stdout.split(separator: "\n").map { try JSONParser.parse(String($0)) }
        #expect(lines.count == 21)
        #expect(lines.map { $0["row"]?.stringValue ?? "?" } == Array(repeating: "unit", count: 19) + ["own", "total"])
        #expect(lines.allSatisfy { $0["year"] == 2023 })
        let summary = try daemon.json(["summary", "BY", "--year", "2023"])
        let total = try #require(lines.last)
        #expect(total["unit"]?["code"] == "BY")
        for key in ["landDonatedM2", "fundsVnd", "works", "campaigns", "dialogues", "opinions", "models"] {
            #expect(total[key] == summary[key], "\(key)")
        }
        // Bảo Yên's own funds: its total less its 19 communes'.
        let own = try #require(lines.dropLast().last)
        #expect(own["row"] == "own")
        #expect(own["unit"]?["code"] == "BY")
        #expect(own["fundsVnd"] == .number("25820000"))
        #expect(own["landDonatedM2"] == 0)
        #expect(own["workdays"] == .number("336.5"))
    }

    /// The provinces: no parent, so no own row; the total is every province.
    @Test func provincesHaveATotalRow() throws {
        let daemon = try Daemon()
        let csv = CSVFile(try daemon.ctl(["-o", Self.keys, "units"]).stdout)
        let row = try csv.column("row")
        #expect(csv.records.map { $0[row] } == ["unit", "total"])
        let funds = try csv.column("fundsVnd")
        #expect(csv.records.map { $0[funds] } == ["113461620000", "113461620000"])
    }

    /// `query units` is the same list as `units`, in every format.
    @Test(arguments: ["table", "ndjson", "csv", "csv-keys"])
    func queryUnitsIsTheSameList(format: String) throws {
        let daemon = try Daemon()
        let viaQuery = try daemon.ctl(["-o", format, "query", "units", "parent=LC", "year=2022"])
        let viaUnits = try daemon.ctl(["-o", format, "units", "LC", "--year", "2022"])
        #expect(viaQuery.status == 0)
        #expect(viaQuery.stdout == viaUnits.stdout)
    }

    /// `summary` and `units` share their columns: the same `year`, the same unit columns
    /// even for all provinces (no unit).
    @Test func summaryAndUnitsShareColumns() throws {
        let daemon = try Daemon()
        let units = CSVFile(try daemon.ctl(["-o", Self.keys, "units", "LC"]).stdout)
        for args in [["LC"], []] {
            let summary = CSVFile(try daemon.ctl(["-o", Self.keys, "summary"] + args).stdout)
            #expect(["row"] + summary.header == units.header, "\(args)")
        }
    }

    /// A list cut short by a limit says so on stderr in csv and ndjson (json has
    /// `truncated` and `nextSeq`, the table a footer), so a count of rows is never
    /// taken for the whole.
    @Test(arguments: ["csv", "csv-keys", "ndjson"])
    func cutListsSaySo(format: String) throws {
        let daemon = try Daemon()
        let opinions = try daemon.ctl(["-o", format, "opinions", "--answered"])
        #expect(opinions.status == 0)
        #expect(opinions.stderr.contains("6,274 answered opinions as of "))
        #expect(opinions.stderr.contains("; showing the oldest 1,000, use --limit 6274 for all"))
        let read = try daemon.ctl(["-o", format, "read", "--limit", "3"])
        #expect(read.stderr.contains("3 events (log at seq 8,684); next: read --from 4"))
        let whole = try daemon.ctl(["-o", format, "opinions"])
        #expect(whole.stderr.isEmpty)
    }
}
