import DanvanJSON

/// What earlier imports of a sheet stored for its rows. With a `key` in the mapping, each
/// row's event goes to a stream named after the sheet and the row's key, so an edited row
/// (same key, new data, so a new id) finds the event it replaces there: the events of that
/// stream, of the type, not voided since.
enum SheetEarlierImports {
    /// For each of `streams`, the ids of its `type` events that are not voided, in log order;
    /// one pass over the log through `read`, page by page.
    static func live(type: String, streams: Set<String>, session: Session) throws(CommandFailure) -> [String: [String]] {
        var byStream: [String: [String]] = [:]
        var voided: Set<String> = []
        var next: Int64 = 1
        while true {
            let r = try session.call("read", ["fromSeq": .int(next), "limit": 10_000, "types": [.string(type), "entry.voided"]])
            for e in r["events"]?.arrayValue ?? [] {
                if e["type"]?.stringValue == "entry.voided" {
                    if let target = e["data"]?["target"]?.stringValue { voided.insert(target) }
                    continue
                }
                guard let stream = e["stream"]?.stringValue, streams.contains(stream), let id = e["id"]?.stringValue else { continue }
                byStream[stream, default: []].append(id)
            }
            let n = r["nextSeq"]?.int64Value ?? next
            let last = r["lastSeq"]?.int64Value ?? 0
            if n > last || n <= next { break }
            next = n
        }
        return byStream.mapValues { ids in ids.filter { !voided.contains($0) } }
    }

    /// The stream of the row named `key` in the sheet `identity`: `sheet-` and a UUIDv5.
    static func stream(identity: String, type: String, key: String) -> String {
        "sheet-" + UUIDv5.make(name: identity + "\n" + type + "\nkey\n" + key)
    }
}
