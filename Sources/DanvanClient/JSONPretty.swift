import DanvanJSON

/// Indented JSON for people: `--output json` on a terminal and the `raw` command.
///
/// `JSONWriter` writes compact lines for the wire; this writes the same values (member
/// order kept, numbers exactly as received) two spaces per level.
public enum JSONPretty {
    /// `value` as indented JSON text, without a final newline.
    public static func string(_ value: JSONValue, indent: Int = 2) -> String {
        var out: [UInt8] = []
        write(value, depth: 0, indent: indent, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ value: JSONValue, depth: Int, indent: Int, into out: inout [UInt8]) {
        func newline(_ level: Int) {
            out.append(UInt8(ascii: "\n"))
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * indent))
        }
        switch value {
        case .array(let items) where !items.isEmpty:
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(depth + 1)
                write(item, depth: depth + 1, indent: indent, into: &out)
            }
            newline(depth)
            out.append(UInt8(ascii: "]"))
        case .object(let object) where object.count > 0:
            out.append(UInt8(ascii: "{"))
            var first = true
            for key in object.keys {
                guard let member = object[key] else { continue }
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                newline(depth + 1)
                JSONWriter.writeString(key, into: &out)
                out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
                write(member, depth: depth + 1, indent: indent, into: &out)
            }
            newline(depth)
            out.append(UInt8(ascii: "}"))
        default:
            JSONWriter.write(value, into: &out)
        }
    }
}
