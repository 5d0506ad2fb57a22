/// The stable `error.code` values of the protocol. Tools match on these names; they
/// never change meaning once published (see protocol.md, "Errors").
public struct ErrorCode: Sendable, Hashable, CustomStringConvertible {
    /// The snake_case name on the wire.
    public let name: String
    private init(_ name: String) { self.name = name }

    /// The line is not valid JSON (or not valid UTF-8).
    public static let badJSON = ErrorCode("bad_json")
    /// Valid JSON, but not an object with a string/number `id` and a string `op`.
    public static let badRequest = ErrorCode("bad_request")
    /// `op` names no operation.
    public static let unknownOp = ErrorCode("unknown_op")
    /// An operation's parameter is missing or wrong; `path` names it.
    public static let badParams = ErrorCode("bad_params")
    /// An event failed validation; nothing of the batch was stored.
    public static let validationFailed = ErrorCode("validation_failed")
    /// `expectedVersion` did not match the stream.
    public static let conflict = ErrorCode("conflict")
    /// The line (or batch) is larger than the configured limit.
    public static let tooLarge = ErrorCode("too_large")
    /// A unit, campaign or other named thing does not exist.
    public static let notFound = ErrorCode("not_found")
    /// A unit name matched several units.
    public static let ambiguous = ErrorCode("ambiguous")
    /// A figure query in today's boundaries named a unit that has ended: its figures count in
    /// the unit it became (`candidates`), or ask with `boundaries: historical`.
    public static let notCurrent = ErrorCode("not_current")
    /// The caller's role does not allow this operation.
    public static let forbidden = ErrorCode("forbidden")
    /// The daemon is stopping and takes no new work.
    public static let shuttingDown = ErrorCode("shutting_down")
    /// A subscriber fell too far behind; its connection is closed. Resume from the last seq seen + 1.
    public static let tooSlow = ErrorCode("too_slow")
    /// A request line was started but not finished within `line_timeout`; the connection is closed.
    public static let timeout = ErrorCode("timeout")
    /// No room on the state directory's file system for an append's events: nothing of
    /// the batch was stored and its ids were not used. Free space there, then retry the
    /// same request as is.
    public static let diskFull = ErrorCode("disk_full")
    /// A fault inside the daemon; the request may be retried.
    public static let `internal` = ErrorCode("internal")

    /// Every code, for documentation and tests.
    public static let all: [ErrorCode] = [
        .badJSON, .badRequest, .unknownOp, .badParams, .validationFailed, .conflict, .tooLarge,
        .notFound, .ambiguous, .notCurrent, .forbidden, .shuttingDown, .tooSlow, .timeout, .diskFull, .internal,
    ]

    public var description: String { name }
}
