import DanvanClient
import DanvanDomain
import DanvanJSON
import DanvanProtocol
import Foundation
import Testing

/// The client side of a storage-fault test: sends batches of land donations with ids,
/// remembers which ids were acknowledged, and checks a daemon's log against them.
struct AckLedger {
    /// Ids whose append was answered `ok` (new or duplicate), in order.
    var acknowledged: [String] = []

    /// A batch of `count` land donations (1 m² each, unit BY) with fresh ids.
    static func batch(_ count: Int) -> [String] {
        (0..<count).map { _ in EventID.random().description }
    }

    /// The `append` request line of `ids`.
    static func line(_ ids: [String], requestID: String) -> [UInt8] {
        let events = ids.map { landEvent(area: "1", id: $0) }.joined(separator: ",")
        return Array(#"{"id":"\#(requestID)","op":"append","events":[\#(events)]}"#.utf8) + [10]
    }

    /// Sends the append of `ids` and returns the reply (nil when the connection closed
    /// first). Records the ids when the reply is `ok`.
    mutating func append(_ ids: [String], on c: DanvanConnection, requestID: String = "a") throws -> Reply.Parsed? {
        try c.send(Self.line(ids, requestID: requestID))
        guard let line = try c.readLine() else { return nil }
        let reply = try Reply.parse(line)
        if case .success = reply.outcome { acknowledged += ids }
        return reply
    }

    /// Every event of the daemon's log, as (seq, id), read with `read` pages.
    static func stored(_ d: Daemon) throws -> [(seq: UInt64, id: String)] {
        let c = try d.connect()
        var events: [(seq: UInt64, id: String)] = []
        var from: UInt64 = 1
        while true {
            let page = try c.call("read", ["fromSeq": .int(from), "limit": 10_000])
            let items = page["events"]?.arrayValue ?? []
            for e in items {
                events.append((UInt64(e["seq"]?.int64Value ?? 0), e["id"]?.stringValue ?? ""))
            }
            guard let next = page["nextSeq"]?.int64Value, !items.isEmpty else { break }
            from = UInt64(next)
        }
        return events
    }

    /// Checks that the log is gap-free from seq 1, holds no id twice, and holds every
    /// acknowledged id. Returns the stored events.
    @discardableResult
    func check(_ d: Daemon, sourceLocation: SourceLocation = #_sourceLocation) throws -> [(seq: UInt64, id: String)] {
        let events = try Self.stored(d)
        #expect(events.map(\.seq) == (0..<events.count).map { UInt64($0 + 1) },
                "seqs must be gap-free from 1", sourceLocation: sourceLocation)
        let ids = events.map(\.id)
        #expect(Set(ids).count == ids.count, "no event may be stored twice", sourceLocation: sourceLocation)
        let missing = Set(acknowledged).subtracting(ids)
        #expect(missing.isEmpty, "\(missing.count) acknowledged events lost", sourceLocation: sourceLocation)
        return events
    }
}

/// A configuration file with `test_hooks = true` (and `extra` lines) next to the state
/// directory of `d`'s future daemon, removed by the caller.
func hooksConfig(_ extra: String = "") throws -> String {
    let path = NSTemporaryDirectory() + "danvan-hooks-\(UUID().uuidString).conf"
    try Data("test_hooks = true\n\(extra)".utf8).write(to: URL(fileURLWithPath: path))
    return path
}
