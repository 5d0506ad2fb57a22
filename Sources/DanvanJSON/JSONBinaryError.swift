/// Why `JSONBinary.decode` refused a byte string, and where.
///
/// Binary values are read back from storage, where a torn write or a flipped bit must surface
/// as an error the caller can report (with the offset, to inspect the damaged record) and
/// never as a trap or a quietly different value.
public struct JSONBinaryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of damage, as named constants (a struct rather than an enum so that codes can
    /// be added without breaking callers' `switch`es).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case unexpectedEnd
            case invalidTag
            case invalidVarint
            case invalidLength
            case invalidUTF8
            case invalidNumber
            case tooDeep
            case trailingData
        }

        private let kind: Kind

        private init(_ kind: Kind) { self.kind = kind }

        /// The bytes ended inside a value.
        public static let unexpectedEnd = Code(.unexpectedEnd)
        /// A byte where a value should start is not one of the format's tags.
        public static let invalidTag = Code(.invalidTag)
        /// A varint longer than ten bytes or larger than 64 bits.
        public static let invalidVarint = Code(.invalidVarint)
        /// A length or element count larger than the bytes that remain could possibly hold.
        public static let invalidLength = Code(.invalidLength)
        /// String or key bytes that are not well-formed UTF-8.
        public static let invalidUTF8 = Code(.invalidUTF8)
        /// A stored number text that is not a JSON number.
        public static let invalidNumber = Code(.invalidNumber)
        /// Arrays and objects nested deeper than the decoder's limit.
        public static let tooDeep = Code(.tooDeep)
        /// Bytes left over after the complete value.
        public static let trailingData = Code(.trailingData)

        /// A short English phrase for the code, used as the start of the error's message.
        public var description: String {
            switch kind {
            case .unexpectedEnd: return "unexpected end of data"
            case .invalidTag: return "invalid tag"
            case .invalidVarint: return "invalid varint"
            case .invalidLength: return "length exceeds the remaining data"
            case .invalidUTF8: return "invalid UTF-8"
            case .invalidNumber: return "invalid number text"
            case .tooDeep: return "nesting too deep"
            case .trailingData: return "unexpected data after the value"
            }
        }
    }

    /// What was wrong.
    public let code: Code
    /// Zero-based offset of the offending tag, varint or text (the data's length for `unexpectedEnd`).
    public let offset: Int

    /// Creates an error; public so that callers and tests can build expected values.
    public init(_ code: Code, at offset: Int) {
        self.code = code
        self.offset = offset
    }

    /// A one-line message such as "invalid tag at byte 12".
    public var description: String { "\(code) at byte \(offset)" }
}
