/// Why an event was refused, and where.
///
/// Every refusal names the JSON path of the offending field (`events[2].data.areaM2`)
/// so that a person fixing an import file can find the line and field at once. The
/// `code` is stable and becomes part of the protocol's `validation_failed` details.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable reason.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The snake_case name as it appears on the wire.
        public let name: String
        private init(_ name: String) { self.name = name }

        /// A required field is absent.
        public static let missingField = Code("missing_field")
        /// A field has the wrong JSON kind (string where a number belongs, ...).
        public static let wrongType = Code("wrong_type")
        /// A field's value is outside what is allowed (negative amount, empty name, bad date).
        public static let invalidValue = Code("invalid_value")
        /// A field not in the catalogue: usually a typo, refused so it is not silently lost.
        public static let unknownField = Code("unknown_field")
        /// The event type is not in the catalogue.
        public static let unknownType = Code("unknown_type")
        /// A referenced unit, campaign, dialogue, opinion or event does not exist.
        public static let unknownReference = Code("unknown_reference")
        /// A code or id that must be unique is taken.
        public static let duplicate = Code("duplicate")
        /// The event contradicts the state (answer to an answered opinion, closing a closed campaign).
        public static let conflict = Code("state_conflict")

        public var description: String { name }
    }

    /// Why.
    public let code: Code
    /// JSON path of the field at fault, e.g. `events[0].data.unit`.
    public let path: String
    /// A sentence for a person, saying what to change.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, path: String, _ message: String) {
        self.code = code
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }

    /// The same error with `prefix` put before its path (`events[3]` + `.data.unit`).
    public func prefixed(_ prefix: String) -> ValidationError {
        ValidationError(code, path: path.isEmpty ? prefix : prefix + (path.hasPrefix("[") ? "" : ".") + path, message)
    }
}
