import Foundation

/// Text rules shared by every event: Vietnamese names are stored NFC-normalised so
/// that "Bảo Yên" typed with combining marks and with precomposed letters is one name.
public enum Text {
    /// The NFC form of `s`.
    public static func nfc(_ s: String) -> String {
        s.precomposedStringWithCanonicalMapping
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
