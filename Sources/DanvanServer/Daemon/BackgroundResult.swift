import Dispatch
import Foundation
import Synchronization

/// A value computed on a thread of its own, waited for with `value()`.
///
/// For start-up work that blocks (reading a file) beside other blocking work on the calling
/// thread, before any event loop or task runs; not for the serving daemon.
final class BackgroundResult<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts `body` on a new thread.
    init(_ body: @escaping @Sendable () -> Value) {
        let thread = Thread {
            ThreadName.set("danvand-start")
            let value = body()
            self.result.withLock { $0 = value }
            self.done.signal()
        }
        thread.start()
    }

    /// Waits for the thread and returns what it computed (set before `done` is signalled, so
    /// never nil in practice; the optional spares a force-unwrap).
    func value() -> Value? {
        done.wait()
        done.signal()  // a second call returns at once
        return result.withLock { $0 }
    }
}
