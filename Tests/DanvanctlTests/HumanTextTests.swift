@testable import DanvanShell
import DanvanJSON
import Foundation
import Testing

/// What danvanctl says to people speaks their language, not the protocol's (issue 19,
/// item 16): the status table has labels with units, not `snapshotSeq`; a unit or
/// campaign not found is answered with the shell command that lists them, not a
/// protocol projection. json and csv-keys keep the protocol's keys, and `raw` the
/// protocol's own message, for programs.
@Suite struct HumanTextTests {
    /// The value of the row labelled `label` in a two-column table.
    static func value(_ table: String, _ label: String) -> String? {
        for line in table.split(separator: "\n") where line.hasPrefix(label + "  ") {
            return line.dropFirst(label.count).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    @Test func statusTableHasLabelsAndUnits() throws {
        let daemon = try Daemon()
        let fresh = try daemon.ctl(["-o", "table", "status"])
        #expect(fresh.status == 0)
        for key in ["snapshotSeq", "snapshotAgeS", "logBytes", "uptimeS"] { #expect(!fresh.stdout.contains(key), "\(key)") }
        #expect(Self.value(fresh.stdout, "snapshot") == "none yet (a restart replays the whole log)")
        #expect(Self.value(fresh.stdout, "log size")?.hasSuffix(" bytes)") == true)
        #expect(Self.value(fresh.stdout, "last seq") == "8,684")
        #expect(Self.value(fresh.stdout, "commits since start") == "0")

        daemon.stop()  // a graceful stop writes a snapshot, which the next start loads
        try daemon.start()
        let restarted = try daemon.ctl(["-o", "table", "status"])
        let snapshot = try #require(Self.value(restarted.stdout, "snapshot"))
        #expect(snapshot.hasPrefix("at seq 8,684, ") && snapshot.hasSuffix(" s ago"), "\(snapshot)")

        // Programs keep the protocol's keys.
        let json = try daemon.json(["status"])
        #expect(json["snapshotSeq"] == 8684)
        #expect(json["snapshotAgeS"]?.int64Value != nil)
        #expect(CSVFile(try daemon.ctl(["-o", "csv-keys", "status"]).stdout).header.contains("snapshotAgeS"))
    }

    @Test func sizesAndSnapshotsInWords() {
        #expect(InfoTables.size(1023) == "1,023 bytes")
        #expect(InfoTables.size(1024) == "1.0 KiB (1,024 bytes)")
        #expect(InfoTables.size(1_695_896) == "1.6 MiB (1,695,896 bytes)")
        #expect(InfoTables.size(5_000_000_000) == "4.7 GiB (5,000,000,000 bytes)")
        #expect(InfoTables.snapshot(seq: 0, age: nil) == "none yet (a restart replays the whole log)")
        #expect(InfoTables.snapshot(seq: 8684, age: 125) == "at seq 8,684, 2 min 5 s ago")
    }

    /// Every command that takes a unit, and campaign: the hint names danvanctl's commands.
    @Test(arguments: [["summary", "Hà", "Nội"], ["units", "nowhere"], ["campaigns", "nowhere"], ["opinions", "nowhere"],
                      ["models", "nowhere"], ["query", "summary", "unit=nowhere"]])
    func unitNotFoundNamesTheShellCommand(command: [String]) throws {
        let daemon = try Daemon()
        let r = try daemon.ctl(command)
        #expect(r.status == 1)
        #expect(!r.stderr.contains("projection"), "\(command): \(r.stderr)")
        #expect(r.stderr.contains("not_found: no unit has the code or name '"), "\(command): \(r.stderr)")
        #expect(r.stderr.contains("list every unit with its code with 'tree' (or 'tree PARENT'"), "\(command): \(r.stderr)")
    }

    @Test func campaignNotFoundNamesTheShellCommand() throws {
        let daemon = try Daemon()
        let r = try daemon.ctl(["query", "campaign", "campaign=NOPE"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("not_found: no campaign 'NOPE'; list them with 'campaigns'"), "\(r.stderr)")
        let typed = try daemon.ctl(["campaign", "NOPE"])
        #expect(!typed.stderr.contains("projection"), "\(typed.stderr)")
        #expect(typed.stderr.contains("no campaign 'NOPE'; the campaigns are "), "\(typed.stderr)")
    }

    /// Protocol clients keep the protocol's message; the details say what was missing.
    @Test func rawKeepsTheProtocolMessage() throws {
        let daemon = try Daemon()
        let r = try daemon.ctl(["raw", #"{"op":"query","projection":"summary","unit":"nowhere"}"#])
        let error = try #require(try JSONParser.parse(r.stdout)["error"])
        #expect(error["code"] == "not_found")
        #expect(error["message"] == "no unit has the code or name 'nowhere'; list units with the 'tree' projection (names and codes) or 'units'")
        #expect(error["missing"] == "unit")
        #expect(error["given"] == "nowhere")
    }
}
