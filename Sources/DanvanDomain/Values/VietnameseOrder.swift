/// Vietnamese alphabetical order, as a reader expects a list of names: a < ă < â, d < đ,
/// e < ê, o < ô < ơ, u < ư are letters of their own; tones (the marks of huyền, hỏi, ngã,
/// sắc, nặng) decide only between names that are otherwise equal, in that order after the
/// level tone; then lower case before upper case. Numbers in names sort by value
/// ("Thôn 2" before "Thôn 10").
///
/// So "Bảo Thắng, Bảo Yên, Bát Xát, Bắc Hà" (where sorting the folded names put Bắc Hà
/// first). Every list of units the daemon and the shell print is sorted with this key.
public struct VietnameseOrder: Sendable, Comparable {
    /// The letters' weights, a separator, the tones' weights, a separator, the cases'.
    private let weights: [UInt32]

    /// The key of `text`.
    public init(_ text: String) {
        var letters: [UInt32] = []
        var tones: [UInt32] = []
        var cases: [UInt32] = []
        letters.reserveCapacity(text.utf8.count)
        // A run of digits weighs as its number: its length first, so "Thôn 2" < "Thôn 10".
        var digits: [UInt32] = []
        func flushDigits() {
            guard !digits.isEmpty else { return }
            letters.append(100 + UInt32(min(digits.count, 50)))
            letters.append(contentsOf: digits)
            digits.removeAll()
        }
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                digits.append(150 + scalar.value - 0x30)
                tones.append(0)
                cases.append(0)
                continue
            }
            flushDigits()
            switch scalar.value {
            case 0x0306, 0x0302, 0x031B:  // breve, circumflex, horn: a letter of its own
                if let last = letters.last, let modified = Self.modified(last, by: scalar.value) {
                    letters[letters.count - 1] = modified
                }
            case 0x0300, 0x0309, 0x0303, 0x0301, 0x0323:  // huyền, hỏi, ngã, sắc, nặng
                if !tones.isEmpty { tones[tones.count - 1] = Self.tone(scalar.value) }
            default:
                if scalar.properties.generalCategory == .nonspacingMark { continue }
                let lower = scalar.properties.lowercaseMapping.unicodeScalars.first ?? scalar
                letters.append(Self.weight(lower))
                tones.append(0)
                cases.append(lower == scalar ? 0 : 1)
            }
        }
        flushDigits()
        weights = letters + [0] + tones + [0] + cases
    }

    public static func < (a: VietnameseOrder, b: VietnameseOrder) -> Bool {
        a.weights.lexicographicallyPrecedes(b.weights)
    }

    /// The Vietnamese alphabet, with f, j, w, z where the Latin alphabet has them.
    private static let alphabet: [Unicode.Scalar] = Array("aăâbcdđeêfghijklmnoôơpqrstuưvwxyz".unicodeScalars)
    private static let letterWeights: [UInt32: UInt32] = {
        var w: [UInt32: UInt32] = [:]
        for (i, s) in alphabet.enumerated() { w[s.value] = 200 + UInt32(i) }
        return w
    }()

    /// Spaces and punctuation before digits (100-159), digits before letters, other scripts after.
    private static func weight(_ s: Unicode.Scalar) -> UInt32 {
        if let w = letterWeights[s.value] { return w }
        if s.properties.isWhitespace { return 1 }
        if s.value < 0x80 { return 2 + s.value }
        return 1000 + s.value
    }

    /// ă â ê ô ơ ư from the letter before the mark.
    private static func modified(_ weight: UInt32, by mark: UInt32) -> UInt32? {
        func w(_ c: Unicode.Scalar) -> UInt32 { letterWeights[c.value] ?? 0 }
        switch (weight, mark) {
        case (w("a"), 0x0306): return w("ă")
        case (w("a"), 0x0302): return w("â")
        case (w("e"), 0x0302): return w("ê")
        case (w("o"), 0x0302): return w("ô")
        case (w("o"), 0x031B): return w("ơ")
        case (w("u"), 0x031B): return w("ư")
        default: return nil
        }
    }

    private static func tone(_ mark: UInt32) -> UInt32 {
        switch mark {
        case 0x0300: return 1  // huyền
        case 0x0309: return 2  // hỏi
        case 0x0303: return 3  // ngã
        case 0x0301: return 4  // sắc
        default: return 5  // nặng
        }
    }
}
