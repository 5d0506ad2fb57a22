import Logging

/// One structured journal entry built from a swift-log event: the `FIELD=value` pairs that
/// `sd_journal_sendv` writes, so that operators can filter with `journalctl DANVAN_SEQ=42`
/// instead of grepping text.
///
/// Pure (no I/O), so the mapping from logger metadata to journal fields is tested directly.
public struct JournalEntry: Sendable, Hashable {
    /// The fields in the order they are sent.
    public var fields: [(name: String, value: String)] {
        storage.map { ($0.name, $0.value) }
    }

    private var storage: [Field]

    private struct Field: Sendable, Hashable {
        var name: String
        var value: String
    }

    /// The prefix of every field that comes from logger metadata.
    public static let metadataPrefix = "DANVAN_"

    /// Builds the entry for one log event.
    ///
    /// - `MESSAGE` is the message followed by the metadata as `key=value`, so the plain
    ///   `journalctl -u danvand` view still shows it;
    /// - every metadata key becomes `DANVAN_<KEY>` (`seq` → `DANVAN_SEQ`,
    ///   `client_uid` → `DANVAN_CLIENT_UID`), nested dictionaries as `DANVAN_<KEY>_<SUBKEY>`.
    public init(
        level: Logger.Level, message: String, metadata: Logger.Metadata, error: (any Error)? = nil,
        identifier: String, file: String, line: UInt, function: String
    ) {
        var flat: [(String, String)] = []
        Self.flatten(metadata, prefix: "", into: &flat)
        if let error { flat.append(("error", "\(error)")) }
        flat.sort { $0.0 < $1.0 }
        var text = message
        for (key, value) in flat { text += " \(key)=\(value)" }
        var fields = [
            Field(name: "MESSAGE", value: text),
            Field(name: "PRIORITY", value: String(Self.priority(level))),
            Field(name: "SYSLOG_IDENTIFIER", value: identifier),
            Field(name: "CODE_FILE", value: file),
            Field(name: "CODE_LINE", value: String(line)),
            Field(name: "CODE_FUNC", value: function),
        ]
        var seen = Set<String>()
        for (key, value) in flat {
            let name = Self.fieldName(forMetadataKey: key)
            if seen.insert(name).inserted { fields.append(Field(name: name, value: value)) }
        }
        storage = fields
    }

    /// syslog priorities (`PRIORITY=`), what `journalctl -p` filters on.
    public static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    /// `client_uid` → `DANVAN_CLIENT_UID`. Journal field names allow only `A-Z`, `0-9` and `_`
    /// and at most 64 characters; anything else becomes `_`.
    public static func fieldName(forMetadataKey key: String) -> String {
        var name = metadataPrefix
        for scalar in key.unicodeScalars {
            switch scalar {
            case "a"..."z": name.unicodeScalars.append(Unicode.Scalar(scalar.value - 32) ?? "_")
            case "A"..."Z", "0"..."9", "_": name.unicodeScalars.append(scalar)
            default: name.unicodeScalars.append("_")
            }
        }
        return String(name.prefix(64))
    }

    private static func flatten(_ metadata: Logger.Metadata, prefix: String, into out: inout [(String, String)]) {
        for (key, value) in metadata {
            let full = prefix.isEmpty ? key : "\(prefix)_\(key)"
            switch value {
            case .dictionary(let nested): flatten(nested, prefix: full, into: &out)
            default: out.append((full, "\(value)"))
            }
        }
    }

    /// `NAME=value` as bytes, the unit of `sd_journal_sendv`.
    var encodedFields: [[UInt8]] {
        storage.map { Array("\($0.name)=".utf8) + Array($0.value.utf8) }
    }
}
