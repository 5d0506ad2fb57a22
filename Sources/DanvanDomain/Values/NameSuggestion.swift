/// "did you mean ...?" for a mistyped name (a configuration key, a command, a value), by the
/// rule swift-argument-parser uses for danvand's and danvanctl's flags: the known name at the
/// smallest Levenshtein distance, if that distance is below 4 (ArgumentParser's similarity
/// floor). ArgumentParser keeps its implementation internal, so this is the one every other
/// name of danvan goes through, and a typo is answered the same way wherever it is made.
public enum NameSuggestion {
    /// ArgumentParser's `kSimilarityFloor`: names this far apart or more are not suggested.
    public static let similarityFloor = 4

    /// The candidate closest to `name`, or nil when none is close enough (or `name` is one).
    public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(name, candidate)
            if distance == 0 { return nil }
            if distance < similarityFloor, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// `" (did you mean 'x'?)"`, or `""` when nothing is close: to put after the name in a message.
    public static func hint(for name: String, among candidates: some Sequence<String>) -> String {
        closest(to: name, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Levenshtein distance (insertions, deletions, substitutions of characters).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
