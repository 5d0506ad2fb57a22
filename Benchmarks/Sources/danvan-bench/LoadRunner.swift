import Dispatch
import Foundation

/// Drives a daemon with one blocking thread per connection for a fixed time.
///
/// Every thread connects first; then all start together, run `warmup` seconds unmeasured,
/// measure for `seconds`, stop sending and drain what they have in flight. Replies come
/// back in request order (protocol.md), so the send time of the oldest outstanding
/// request is the start of the round trip that the next reply ends.
struct LoadRunner {
    /// The daemon's socket.
    var socketPath: String
    /// The daemon's pid, to measure its CPU time; nil when unknown.
    var serverPID: Int32?
    /// Unmeasured seconds at the start.
    var warmup: Double = 0.5
    /// Measured seconds.
    var seconds: Double

    /// Runs `shape` and returns the merged result; throws when a thread failed.
    func run(_ shape: LoadShape) throws -> LoadResult {
        let results = LockedBox<[Result<LoadResult, BenchError>]>([])
        let ready = DispatchGroup()
        let finished = DispatchGroup()
        let go = DispatchSemaphore(value: 0)
        let startAt = LockedBox<UInt64>(0)
        let path = socketPath
        let warmupNanos = UInt64(warmup * 1e9)
        let measureNanos = UInt64(seconds * 1e9)
        for index in 0..<shape.clients {
            ready.enter()
            finished.enter()
            let thread = Thread {
                let outcome: Result<LoadResult, BenchError>
                do throws(BenchError) {
                    let client = try UnixLineClient(path: path)
                    ready.leave()
                    go.wait()
                    let t0 = startAt.withLock { $0 }
                    outcome = .success(try Self.drive(
                        client, shape: shape, clientIndex: index,
                        measureFrom: t0 + warmupNanos, measureUntil: t0 + warmupNanos + measureNanos))
                } catch {
                    ready.leave()
                    outcome = .failure(error)
                }
                results.withLock { $0.append(outcome) }
                finished.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        ready.wait()
        let t0 = MonotonicClock.nanoseconds()
        startAt.withLock { $0 = t0 }
        for _ in 0..<shape.clients { go.signal() }
        // CPU is sampled over the measured window only.
        usleep(UInt32(warmup * 1e6))
        let cpu0 = CPUTime.ownSeconds()
        let server0 = serverPID.flatMap(CPUTime.seconds(of:))
        let w0 = MonotonicClock.nanoseconds()
        usleep(UInt32(seconds * 1e6))
        let cpu1 = CPUTime.ownSeconds()
        let server1 = serverPID.flatMap(CPUTime.seconds(of:))
        let w1 = MonotonicClock.nanoseconds()
        finished.wait()
        var merged = LoadResult()
        for outcome in results.withLock({ $0 }) {
            let part = try outcome.get()
            merged.requests += part.requests
            merged.events += part.events
            merged.failures += part.failures
            merged.latency.add(part.latency)
            if merged.firstFailure == nil { merged.firstFailure = part.firstFailure }
        }
        let wall = MonotonicClock.seconds(from: w0, to: w1)
        merged.seconds = seconds
        merged.clientCores = (cpu1 - cpu0) / wall
        if let s0 = server0, let s1 = server1 { merged.serverCores = (s1 - s0) / wall }
        return merged
    }

    /// One connection's loop; only requests sent inside the window are measured.
    private static func drive(
        _ client: UnixLineClient, shape: LoadShape, clientIndex: Int, measureFrom: UInt64, measureUntil: UInt64
    ) throws(BenchError) -> LoadResult {
        var result = LoadResult()
        var template = shape.request()
        let high = (UInt64(UInt32.random(in: 0...UInt32.max)) << 32) | UInt64(clientIndex)
        var counter: UInt64 = 0
        var sentAt = [UInt64](repeating: 0, count: shape.inFlight)
        var head = 0
        var outstanding = 0
        var sending = true
        let hasIDs = !template.idSlots.isEmpty
        while true {
            while sending && outstanding < shape.inFlight {
                let now = MonotonicClock.nanoseconds()
                if now >= measureUntil {
                    sending = false
                    break
                }
                if hasIDs { template.stampIDs(high: high, counter: &counter) }
                try client.send(template.bytes)
                sentAt[(head + outstanding) % shape.inFlight] = now
                outstanding += 1
            }
            if outstanding == 0 { break }
            let line = try client.receiveLine()
            let ok = ReplyCheck.isSuccess(line)
            let done = MonotonicClock.nanoseconds()
            let started = sentAt[head]
            head = (head + 1) % shape.inFlight
            outstanding -= 1
            guard started >= measureFrom && started < measureUntil else { continue }
            if ok {
                result.requests += 1
                result.events += UInt64(shape.eventsPerRequest)
                result.latency.record(nanoseconds: done - started)
            } else {
                result.failures += 1
                if result.firstFailure == nil { result.firstFailure = String(decoding: line.prefix(400), as: UTF8.self) }
            }
        }
        return result
    }
}
