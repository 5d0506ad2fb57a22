/// Why `JSONParser` refused a document, and where.
///
/// The daemon answers a malformed request line with this error's text, so it carries a
/// machine-comparable `code` (stable across releases, so callers and tests can match on it)
/// and the byte `offset` of the problem, which is what a client author needs to find it in a
/// line they cannot see on the server side. It holds no copy of the input, so it is cheap to
/// throw on the hot path and safe to log (request lines may carry personal data).
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of problem, as a closed set of named constants.
    ///
    /// A struct with static members rather than a public enum (the style of swift-service-lifecycle's
    /// `ServiceGroupError.Code`): callers compare against the constants, and new codes can be
    /// added later without breaking anyone's exhaustive `switch`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case invalidUTF8
            case byteOrderMark
            case unexpectedCharacter
            case unexpectedEnd
            case invalidNumber
            case invalidEscape
            case controlCharacterInString
            case tooDeep
            case trailingData
        }

        private let kind: Kind

        private init(_ kind: Kind) { self.kind = kind }

        /// A byte sequence that is not well-formed UTF-8 (overlong form, encoded surrogate,
        /// code point above U+10FFFF, truncated sequence or a byte that never occurs in UTF-8).
        public static let invalidUTF8 = Code(.invalidUTF8)
        /// The document starts with a UTF-8 byte order mark, which RFC 8259 forbids senders to
        /// add; reported separately because it is a common editor artefact, not random garbage.
        public static let byteOrderMark = Code(.byteOrderMark)
        /// A byte that cannot start or continue the grammar at this point (a stray comma,
        /// a single quote, a comment, `NaN`, a misspelt literal, ...).
        public static let unexpectedCharacter = Code(.unexpectedCharacter)
        /// The input ended inside a value (an unclosed string, array or object, or an empty document).
        public static let unexpectedEnd = Code(.unexpectedEnd)
        /// A number that does not follow the JSON grammar (`01`, `+1`, `.5`, `1.`, `1e`, `-`).
        public static let invalidNumber = Code(.invalidNumber)
        /// A backslash escape that JSON does not define, a malformed `\u` escape, or a `\u`
        /// escape naming a lone UTF-16 surrogate (which no UTF-8 string can hold).
        public static let invalidEscape = Code(.invalidEscape)
        /// A raw byte below 0x20 inside a string; JSON requires those to be escaped.
        public static let controlCharacterInString = Code(.controlCharacterInString)
        /// Arrays and objects nested deeper than the parser's `maximumDepth`.
        public static let tooDeep = Code(.tooDeep)
        /// Something other than whitespace after the complete top-level value.
        public static let trailingData = Code(.trailingData)

        /// A short English phrase for the code, used as the start of the error's message.
        public var description: String {
            switch kind {
            case .invalidUTF8: return "invalid UTF-8"
            case .byteOrderMark: return "byte order mark"
            case .unexpectedCharacter: return "unexpected character"
            case .unexpectedEnd: return "unexpected end of input"
            case .invalidNumber: return "invalid number"
            case .invalidEscape: return "invalid escape sequence"
            case .controlCharacterInString: return "unescaped control character in string"
            case .tooDeep: return "nesting too deep"
            case .trailingData: return "unexpected data after the value"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// Zero-based byte offset in the input where the problem was found: the first byte of a bad
    /// token, escape or UTF-8 sequence, or the input's length for `unexpectedEnd`.
    public let offset: Int

    /// Creates an error; public so that layers above the parser (and tests) can build expected values.
    public init(_ code: Code, at offset: Int) {
        self.code = code
        self.offset = offset
    }

    /// A one-line message for logs and error replies, such as "invalid UTF-8 at byte 17".
    public var description: String { "\(code) at byte \(offset)" }
}
