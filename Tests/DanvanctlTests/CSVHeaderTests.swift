@testable import DanvanShell
import Testing

/// The readable names of `-o csv` headers come from the protocol's keys by one rule, so
/// a figure the daemon adds later is named too.
@Suite struct CSVHeaderTests {
    @Test func keysBecomeWordsWithUnits() {
        let expected: [String: String] = [
            "landDonatedM2": "land donated (m²)", "works.border_road.lengthKm": "works border road length (km)",
            "fundsVnd": "funds (VND)", "opinions.answeredRate": "opinions answered rate (fraction)",
            "progress.landM2.ratio": "progress land (m²) ratio (fraction)", "ageDays": "age (days)",
            "uptimeS": "uptime (s)", "snapshotAgeS": "snapshot age (s)", "recordedAt": "recorded at (UTC)",
            "actor.uid": "actor uid", "dialogues.adHoc": "dialogues ad hoc", "workdays": "workdays",
            "models.byField.culture_society": "models by field culture society", "row": "row", "year": "year",
        ]
        for (key, name) in expected { #expect(CSVHeader.name(key) == name, "\(key)") }
    }

    @Test func headingHasTheMarkOnlyForSpreadsheets() {
        #expect(CSVHeader.heading(["row", "fundsVnd"], format: .csv) == "\u{FEFF}row,funds (VND)\n")
        #expect(CSVHeader.heading(["row", "fundsVnd"], format: .csvKeys) == "row,fundsVnd\n")
        // Two keys that would read the same keep their keys.
        #expect(CSVHeader.heading(["a.bC", "aB.c", "x"], format: .csv) == "\u{FEFF}a.bC,aB.c,x\n")
    }
}
