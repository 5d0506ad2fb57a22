import DanvanClient

/// The header line of a CSV document: readable names for `-o csv` (spreadsheets), the
/// protocol's keys for `-o csv-keys` (scripts).
///
/// Names come from the keys by one rule, so a figure the daemon adds later gets a
/// readable name too: dotted members become words ("works.road.count" is "works road
/// count"), camelCase and snake_case become words, and a unit at the end of a word is
/// written as one ("landDonatedM2" is "land donated (m²)", "lengthKm" "length (km)",
/// "assetsVnd" "assets (VND)", "ageDays" "age (days)", "uptimeS" "uptime (s)"). Rates,
/// fractions from 0 to 1, say so ("answered rate (fraction)"). A few keys read better
/// said otherwise (`names`). Two keys that would get the same name keep their keys.
enum CSVHeader {
    /// Keys whose name is not the rule's.
    static let names: [String: String] = [
        "recordedAt": "recorded at (UTC)", "logBytes": "log size (bytes)", "seq": "seq", "id": "id",
    ]

    /// Unit words and how a header writes them.
    static let units: [String: String] = [
        "m2": "(m²)", "vnd": "(VND)", "km": "(km)", "s": "(s)", "days": "(days)", "bytes": "(bytes)",
        "rate": "rate (fraction)", "ratio": "ratio (fraction)",
    ]

    /// The BOM (for `csv`) and the header record.
    static func heading(_ keys: [String], format: OutputFormat) -> String {
        guard format == .csv else { return CSV.record(keys) }
        var labels = keys.map(name)
        var seen: [String: Int] = [:]
        for label in labels { seen[label, default: 0] += 1 }
        for i in labels.indices where seen[labels[i], default: 0] > 1 { labels[i] = keys[i] }
        return "\u{FEFF}" + CSV.record(labels)
    }

    /// The readable name of a key.
    static func name(_ key: String) -> String {
        key.split(separator: ".").map { part in
            let text = String(part)
            if let name = names[text] { return name }
            let words = self.words(text)
            // A unit word after another word ("lengthKm"); a rate may stand alone ("ratio").
            guard let last = words.last, let unit = units[last], words.count > 1 || last.hasPrefix("rat") else {
                return words.joined(separator: " ")
            }
            return (words.dropLast() + [unit]).joined(separator: " ")
        }.joined(separator: " ")
    }

    /// "landDonatedM2" as ["land", "donated", "m2"]; "border_road" as ["border", "road"].
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for c in text {
            if c == "_" || c == "-" {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else if c.isUppercase, !current.isEmpty {
                words.append(current)
                current = String(c).lowercased()
            } else {
                current += String(c).lowercased()
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
