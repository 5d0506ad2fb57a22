import DanvanDomain
import DanvanJSON
import DanvanProtocol
import NIOCore
import NIOPosix
import Synchronization

/// A subscription accepted by the handler, to be started once its acknowledgement is written.
struct SubscriptionStart: Sendable {
    /// The `subscribe` request's id, which tags every line of the subscription.
    var id: JSONValue
    /// First seq to send.
    var fromSeq: UInt64
    /// Type filter.
    var types: Set<EventType>?
    /// The durable-seq feed of this subscription.
    var feedID: Int
    var seqs: AsyncStream<UInt64>
}

/// The subscriptions of one connection: request id → feed id, for `unsubscribe` and for
/// ending them all when the connection closes.
final class ConnectionSubscriptions: Sendable {
    private let entries = Mutex<[JSONValue: Int]>([:])

    func add(_ id: JSONValue, feedID: Int) -> Bool {
        entries.withLock { e in
            guard e[id] == nil else { return false }
            e[id] = feedID
            return true
        }
    }

    func remove(_ id: JSONValue) -> Int? { entries.withLock { $0.removeValue(forKey: id) } }

    func removeAll() -> [Int] {
        entries.withLock { e in
            let all = Array(e.values)
            e.removeAll()
            return all
        }
    }
}

/// Sends one subscription's events: first those already durable from `fromSeq` (catch-up,
/// read from the log), then each new durable batch, in seq order with no gap and no
/// duplicate. It reads from the log at the client's pace: the socket's back-pressure
/// (NIO's write watermarks) holds it back, so a slow client never grows the daemon's
/// memory and never slows appends. A client lagging more than `maxLag` events behind
/// the log gets a final `too_slow` error and its connection is closed.
struct SubscriptionRunner {
    let start: SubscriptionStart
    let engine: Engine
    let pool: NIOThreadPool
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let channel: Channel
    let maxLag: UInt64

    func run() async {
        var cursor = start.fromSeq
        let tag = start.id
        do {
            for await durable in start.seqs {
                while cursor <= durable {
                    if durable - cursor + 1 > maxLag {
                        var line: [UInt8] = []
                        let error = ProtocolError(
                            .tooSlow,
                            "the subscription fell more than \(maxLag) events behind; reconnect and subscribe from seq \(cursor)",
                            details: ["resumeFrom": .int(cursor)])
                        JSONWriter.write(["subscription": tag, "ok": false, "error": error.json], into: &line)
                        line.append(UInt8(ascii: "\n"))
                        try await outbound.write(ByteBuffer(bytes: line))
                        channel.close(promise: nil)
                        return
                    }
                    let snapshot = engine.readSnapshot()
                    let from = cursor
                    let types = start.types
                    let (events, next) = try await pool.runIfActive {
                        try EventReader.events(from: from, limit: 1000, types: types, stream: nil, in: snapshot)
                    }
                    if !events.isEmpty {
                        var bytes: [UInt8] = []
                        bytes.reserveCapacity(events.count * 400)
                        for event in events {
                            JSONWriter.write(["subscription": tag, "event": event.json], into: &bytes)
                            bytes.append(UInt8(ascii: "\n"))
                        }
                        try await outbound.write(ByteBuffer(bytes: bytes))
                    }
                    guard next > cursor else { break }
                    cursor = next
                }
            }
        } catch {
            // The connection closed or the log could not be read: the subscription ends.
        }
    }
}
