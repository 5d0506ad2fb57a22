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
        /// The levels a level word allows; nil for the whole text.
        public var levels: Set<UnitLevel>?
    }

    /// Whole text first, then one reading per level word it starts with.
    public let readings: [Reading]
    /// The text carries diacritics (or đ): it was typed with them, so an exact name is meant
    /// before a folded one. Text without any may stand for any name that folds to it.
    public let hasDiacritics: Bool

    /// The level words of Vietnamese unit names, folded, with the levels each names. "Thành
    /// phố" is a centrally run city (a province) or a provincial city (a district).
    public static let levelWords: [(words: String, levels: Set<UnitLevel>)] = [
        ("tinh", [.province]), ("thanh pho", [.province, .district]),
        ("huyen", [.district]), ("quan", [.district]), ("thi xa", [.district]),
        ("xa", [.commune]), ("phuong", [.commune]), ("thi tran", [.commune]),
        ("thon", [.village]), ("ban", [.village]), ("to dan pho", [.village]),
    ]

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
        for (words, levels) in Self.levelWords {
            let prefix = words.split(separator: " ")
            // Folding keeps the words apart as they were, so word i of one is word i of the other.
            guard foldedWords.count > prefix.count, caselessWords.count == foldedWords.count,
                foldedWords.starts(with: prefix)
            else { continue }
            readings.append(Reading(
                folded: foldedWords.dropFirst(prefix.count).joined(separator: " "),
                caseless: caselessWords.dropFirst(prefix.count).joined(separator: " "),
                levels: levels))
        }
        self.readings = readings
    }

    /// Lower case, NFC, single spaces, diacritics kept: "SA  PẢ" → "sa pả".
    public static func caseless(_ s: String) -> String {
        Text.nfc(s).lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
