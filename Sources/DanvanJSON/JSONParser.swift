/// Strict RFC 8259 JSON parsing from bytes.
///
/// Request lines arrive as bytes from a socket, and danvan must answer several hundred
/// thousand of them per second per core, so the parser works directly on UTF-8 bytes (no
/// `Character` or `String.Index` walking, no Foundation) and builds each `String` once, after
/// its bytes have been checked.
///
/// It is strict on purpose: anything the JSON grammar rejects is an error (leading zeros,
/// trailing commas, comments, single quotes, `NaN`, raw control characters in strings, a byte
/// order mark, text after the value), and so is any byte sequence that is not well-formed UTF-8,
/// inside strings or not. Lenient parsing would let two clients believe different things about
/// the same line, and would let malformed data into the append-only log, where it stays forever.
///
/// Other choices, for the record:
/// - Any value may be the whole document, scalars included (`"x"`, `12`).
/// - Numbers are checked against the grammar and kept as their exact text.
/// - Duplicate keys are kept, in order; `JSONObject` lookup gives the last one.
/// - `\u` escapes of lone UTF-16 surrogates are errors (a Swift `String` cannot hold them);
///   escaped surrogate pairs are combined into one scalar.
/// - Nesting is limited (64 by default) and the parser keeps its own stack instead of
///   recursing, so no input can exhaust the thread's stack; it never traps on any input.
public enum JSONParser {
    /// The nesting limit used when none is given: deep enough for any protocol message, small
    /// enough that hostile input cannot make values that are costly to walk or release.
    public static let defaultMaximumDepth = 64

    /// Parses one JSON document that must fill `bytes` exactly (whitespace around the value allowed).
    ///
    /// This is the primitive the other overloads call; pass a buffer directly when the bytes are
    /// already in memory (a NIO buffer's readable bytes, a mapped file) to avoid a copy.
    ///
    /// - Parameters:
    ///   - bytes: the UTF-8 encoded document.
    ///   - maximumDepth: how many arrays and objects may be nested inside each other; a document
    ///     nested deeper fails with `.tooDeep`. `0` allows only scalars; negative counts as `0`.
    /// - Throws: `JSONParseError` with the code and byte offset of the first problem found.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONParseError) -> JSONValue {
        var reader = JSONReader(bytes: bytes, maximumDepth: maximumDepth)
        return try reader.parseDocument()
    }

    /// Parses a document held in an array, without copying it.
    public static func parse(
        _ bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(JSONParseError) in try parse(raw, maximumDepth: maximumDepth) }
        }.get()
    }

    /// Parses a document held in an array slice (for example one line cut out of a read
    /// buffer), without copying it. Offsets in errors count from the start of the slice.
    public static func parse(
        _ bytes: ArraySlice<UInt8>, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(JSONParseError) in try parse(raw, maximumDepth: maximumDepth) }
        }.get()
    }

    /// Parses a document held in a `String` (tests, command-line arguments); offsets in errors
    /// are UTF-8 byte offsets, not character counts.
    public static func parse(
        _ text: String, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONParseError) -> JSONValue {
        let fast = text.utf8.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) in
                try parse(UnsafeRawBufferPointer(buffer), maximumDepth: maximumDepth)
            }
        }
        if let fast { return try fast.get() }
        return try parse(Array(text.utf8), maximumDepth: maximumDepth)
    }

    /// Parses a document from any collection of bytes; contiguous ones are read in place,
    /// others are copied into an array first.
    public static func parse(
        _ bytes: some Collection<UInt8>, maximumDepth: Int = defaultMaximumDepth
    ) throws(JSONParseError) -> JSONValue {
        let fast = bytes.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) in
                try parse(UnsafeRawBufferPointer(buffer), maximumDepth: maximumDepth)
            }
        }
        if let fast { return try fast.get() }
        return try parse(Array(bytes), maximumDepth: maximumDepth)
    }
}
