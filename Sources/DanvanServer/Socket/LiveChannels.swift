import NIOCore
import Synchronization

/// The open client channels, so that shutdown can close their inputs and, after a grace
/// period, close whatever a stuck client still holds open.
final class LiveChannels: Sendable {
    private let channels = Mutex<(next: Int, open: [Int: Channel], closing: Bool)>((0, [:], false))

    /// Open connections.
    var count: Int { channels.withLock { $0.open.count } }

    /// Tracks a new channel; returns its id. During shutdown its input is closed at once.
    func insert(_ channel: Channel) -> Int {
        channels.withLock { state in
            let id = state.next
            state.next += 1
            state.open[id] = channel
            if state.closing { channel.close(mode: .input, promise: nil) }
            return id
        }
    }

    /// Forgets a closed channel.
    func remove(_ id: Int) {
        _ = channels.withLock { $0.open.removeValue(forKey: id) }
    }

    /// Stops reading from every client: no new request starts; owed replies are still sent.
    func closeInputs() {
        channels.withLock { state in
            state.closing = true
            for channel in state.open.values { channel.close(mode: .input, promise: nil) }
        }
    }

    /// Closes every channel still open after `delay` (a client that stopped reading
    /// its replies or subscription would otherwise keep the daemon from stopping).
    func closeAll(after delay: TimeAmount) {
        let open = channels.withLock { Array($0.open.values) }
        for channel in open {
            channel.eventLoop.scheduleTask(in: delay) { channel.close(promise: nil) }
        }
    }
}
