/// "Did you mean …?" for a misspelt name: the closest of the names a place accepts, when it
/// is close enough to be the one meant (an edit or two, not a different word).
public enum Suggestion {
    /// The name of `candidates` nearest `text` by edit distance (case aside), if it is within
    /// a third of the longer length and at most 3 edits; nil otherwise or on a tie.
    public static func closest(to text: String, among candidates: some Sequence<String>) -> String? {
        let typed = Array(text.lowercased().unicodeScalars)
        var best: (name: String, distance: Int)?
        var tie = false
        for candidate in candidates {
            let d = distance(typed, Array(candidate.lowercased().unicodeScalars))
            if let b = best, d >= b.distance {
                if d == b.distance { tie = true }
            } else {
                best = (candidate, d)
                tie = false
            }
        }
        guard let best, !tie, best.distance > 0 else { return nil }
        let limit = min(3, max(1, max(typed.count, best.name.unicodeScalars.count) / 3))
        return best.distance <= limit ? best.name : nil
    }

    /// Levenshtein distance with transpositions counted as one edit ("conections").
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
