import Foundation

/// A unit name as staff type it, read the ways it can mean: the whole text as a name, and,
/// when it starts with a level word ("tỉnh", "huyện", "xã", …), the rest as the name of a
/// unit of that level.
///
/// Kept apart from the projection so the rule is stated once, in words a reader can check:
/// an exact name beats a folded one, the whole text beats a level word plus the rest, a level
/// word narrows to its levels, and only a tie on the best reading is ambiguous
/// (`Projection.resolveUnit`).
public struct UnitNameQuery: Sendable, Equatable {
    /// One reading of the text.
    public struct Reading: Sendable, Equatable {
        /// The name part, folded (`Text.fold`): matched against every unit's folded name.
        public var folded: String
        /// The name part in lower case with its diacritics (`UnitNameQuery.caseless`).
        public var caseless: String
        /// The levels a level word allows; nil for a whole name.
        public var levels: Set<UnitLevel>?
    }

    /// The whole text as a name, then the same with an abbreviated level word written out
    /// ("TP Lào Cai" is also "thành phố Lào Cai"), then one reading per level word it starts
    /// with (`levels` set).
    public let readings: [Reading]
    /// The text carries diacritics (or đ): it was typed with them, so an exact name is meant
    /// before a folded one. Text without any may stand for any name that folds to it.
    public let hasDiacritics: Bool

    /// The level words of Vietnamese unit names, folded, with the levels each names. "Thành
    /// phố" is a centrally run city (a province) or a provincial city (a district). The usual
    /// abbreviations count as the words, with the words they stand for (`full`): TP/TP.
    /// (thành phố), TX (thị xã), H. (huyện), TT (thị trấn), X. (xã), P. (phường).
    public static let levelWords: [(words: String, levels: Set<UnitLevel>, full: String?)] = [
        ("tinh", [.province], nil), ("thanh pho", [.province, .district], nil),
        ("tp", [.province, .district], "thành phố"), ("tp.", [.province, .district], "thành phố"),
        ("huyen", [.district], nil), ("h.", [.district], "huyện"), ("quan", [.district], nil),
        ("thi xa", [.district], nil), ("tx", [.district], "thị xã"), ("tx.", [.district], "thị xã"),
        ("xa", [.commune], nil), ("x.", [.commune], "xã"), ("phuong", [.commune], nil), ("p.", [.commune], "phường"),
        ("thi tran", [.commune], nil), ("tt", [.commune], "thị trấn"), ("tt.", [.commune], "thị trấn"),
        ("thon", [.village], nil), ("ban", [.village], nil), ("to dan pho", [.village], nil),
    ]

    /// The level words `words` (folded) starts with, each with what follows it, never empty.
    static func levelPrefixes(of words: [Substring]) -> [(rest: ArraySlice<Substring>, count: Int, levels: Set<UnitLevel>, full: String?)] {
        levelWords.compactMap { entry in
            let prefix = entry.words.split(separator: " ")
            guard words.count > prefix.count, words.starts(with: prefix) else { return nil }
            return (words.dropFirst(prefix.count), prefix.count, entry.levels, entry.full)
        }
    }

    /// A registered name's folded form without the level word it starts with ("thon khe ban"
    /// is "khe ban"), so that "Khe Bàn" finds the village registered as "Thôn Khe Bàn"; nil
    /// when the name starts with none.
    public static func bareFolded(_ name: String) -> String? {
        let words = Text.fold(name).split(separator: " ")
        return levelPrefixes(of: words).first.map { $0.rest.joined(separator: " ") }
    }

    /// The level word to say before a name of `level` so that it is read at that level.
    public static func levelWord(for level: UnitLevel) -> String {
        switch level {
        case .province: return "tỉnh"
        case .district: return "huyện"
        case .commune: return "xã"
        case .village: return "thôn"
        }
    }

    /// Reads `text`.
    public init(_ text: String) {
        let folded = Text.fold(text)
        let caseless = Self.caseless(text)
        hasDiacritics = folded != caseless
        var readings = [Reading(folded: folded, caseless: caseless, levels: nil)]
        let foldedWords = folded.split(separator: " ")
        let caselessWords = caseless.split(separator: " ")
        // Folding keeps the words apart as they were, so word i of one is word i of the other.
        if caselessWords.count == foldedWords.count {
            let prefixes = Self.levelPrefixes(of: foldedWords)
            for (_, count, _, full) in prefixes {
                guard let full else { continue }
                let written = full + " " + caselessWords.dropFirst(count).joined(separator: " ")
                readings.append(Reading(folded: Text.fold(written), caseless: Self.caseless(written), levels: nil))
            }
            for (rest, count, levels, _) in prefixes {
                readings.append(Reading(
                    folded: rest.joined(separator: " "), caseless: caselessWords.dropFirst(count).joined(separator: " "), levels: levels))
            }
        }
        self.readings = readings
    }

    /// Lower case, NFC, single spaces, diacritics kept: "SA  PẢ" → "sa pả". The tone of
    /// oa, oe and uy is put on the second vowel, so the old and the new placement ("Hòa",
    /// "Hoà"; "Thủy", "Thuỷ"; "Khỏe", "Khoẻ"), both in use for the same name, read as one.
    public static func caseless(_ s: String) -> String {
        let words = Text.nfc(s).lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return tonesOnTheSecondVowel(words)
    }

    /// "hòa" → "hoà": in NFD, a tone mark between o and a/e or between u and y moves after the
    /// second vowel. Text without such a pair is returned as it is.
    static func tonesOnTheSecondVowel(_ s: String) -> String {
        let tones: Set<UInt32> = [0x0300, 0x0301, 0x0303, 0x0309, 0x0323]
        var scalars = Array(s.decomposedStringWithCanonicalMapping.unicodeScalars)
        var moved = false
        var i = 0
        while i + 2 < scalars.count {
            let first = scalars[i], tone = scalars[i + 1], second = scalars[i + 2]
            let pair = (first == "o" && (second == "a" || second == "e")) || (first == "u" && second == "y")
            if pair, tones.contains(tone.value) {
                scalars.swapAt(i + 1, i + 2)
                moved = true
                i += 2
            }
            i += 1
        }
        guard moved else { return s }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view).precomposedStringWithCanonicalMapping
    }
}
