/// Splits a shell line into words much as a POSIX shell would, for the interactive
/// shell and scripts: spaces separate words; '...' is literal; "..." allows \" and \\.
/// Outside quotes a backslash is an ordinary character, so meta-commands (`\watch`)
/// and Windows-style paths need no escaping.
///
/// Each word keeps where it started in the line, so `raw` can take the rest of the line
/// verbatim and Tab completion knows what text to replace.
public struct Tokenizer: Sendable {
    /// A word and where its text starts in the line.
    public struct Word: Sendable, Equatable {
        /// The word, quotes removed.
        public var text: String
        /// Offset (in `Character`s) of its first character in the line.
        public var start: Int
    }

    /// The words of `line`.
    public var words: [Word] = []
    /// The quote left open at the end of the line, if any ("bao y unfinished).
    public var openQuote: Character?
    /// Whether the line ends with a separator (so the next word is new and empty).
    public var endsWithSpace = true

    /// Splits `line`.
    public init(_ line: String) {
        var current = ""
        var start = 0
        var inWord = false
        var quote: Character?
        var escaped = false
        for (offset, c) in line.enumerated() {
            if escaped {
                current.append(c)
                escaped = false
                continue
            }
            if let q = quote {
                if c == q {
                    quote = nil
                } else if c == "\\", q == "\"" {
                    escaped = true
                } else {
                    current.append(c)
                }
                continue
            }
            if c == " " || c == "\t" {
                if inWord {
                    words.append(Word(text: current, start: start))
                    current = ""
                    inWord = false
                }
                continue
            }
            if !inWord {
                inWord = true
                start = offset
            }
            if c == "'" || c == "\"" {
                quote = c
            } else {
                current.append(c)
            }
        }
        if inWord { words.append(Word(text: current, start: start)) }
        openQuote = quote
        endsWithSpace = !inWord
    }

    /// The text of `line` after the word at `index`, without surrounding spaces: what
    /// `raw` sends, quotes and all.
    public static func rest(of line: String, after word: Word) -> String {
        var text = Substring(line.dropFirst(word.start))
        // Skip the word itself: up to the first unquoted space.
        var quote: Character?
        var escaped = false
        while let c = text.first {
            if escaped { escaped = false; text = text.dropFirst(); continue }
            if let q = quote {
                if c == q { quote = nil } else if c == "\\", q == "\"" { escaped = true }
            } else if c == " " || c == "\t" {
                break
            } else if c == "'" || c == "\"" {
                quote = c
            }
            text = text.dropFirst()
        }
        return String(text).trimmingSpaces()
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f.isNewline { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l.isNewline { s.removeLast() }
        return String(s)
    }
}
