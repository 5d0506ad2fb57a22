import Foundation

/// Text rules shared by every event: Vietnamese names are stored NFC-normalised so
/// that "Bảo Yên" typed with combining marks and with precomposed letters is one name.
public enum Text {
    /// The NFC form of `s`.
    ///
    /// Text made only of code points below U+0300 (ASCII, Latin-1 and Latin Extended-A/B,
    /// so every code, date and most names typed without diacritics) is already NFC: the
    /// first code point whose NFC quick-check is not "yes" is U+0300, the first combining
    /// mark. Such text skips Foundation's normaliser, which cost ~5 % of a query's time.
    public static func nfc(_ s: String) -> String {
        if s.unicodeScalars.allSatisfy({ $0.value < 0x300 }) { return s }
        return s.precomposedStringWithCanonicalMapping
    }

    /// A folded search key: no diacritics, đ → d, lower case, single spaces.
    /// "Bảo Yên", "bao yen" and "BAO  YEN" fold to the same key.
    public static func fold(_ s: String) -> String {
        let decomposed = s.decomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var lastWasSpace = true
        for scalar in decomposed.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            var s = scalar
            if s == "đ" || s == "Đ" { s = "d" }
            if s.properties.isWhitespace {
                if !lastWasSpace { out.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            for l in s.properties.lowercaseMapping.unicodeScalars { out.append(l) }
        }
        var result = String(out)
        if result.hasSuffix(" ") { result.removeLast() }
        return result
    }
}
