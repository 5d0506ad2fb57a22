import DanvanProtocol

/// What a connected peer may do. Roles nest: a writer may do what a reader may, an
/// admin what a writer may.
public enum Role: String, Sendable, Comparable, CaseIterable {
    /// hello, read, query, status, schema, subscribe, unsubscribe.
    case reader
    /// + append.
    case writer
    /// + backup and other operational ops.
    case admin

    var rank: Int {
        switch self {
        case .reader: return 0
        case .writer: return 1
        case .admin: return 2
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rank < rhs.rank }

    /// The least role an operation needs; nil for `hello`, which anyone may call.
    public static func needed(for op: Operation) -> Role? {
        switch op {
        case .hello: return nil
        case .read, .query, .status, .schema, .subscribe, .unsubscribe: return .reader
        case .append: return .writer
        case .backup: return .admin
        }
    }
}
