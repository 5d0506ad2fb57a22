import Foundation
import Testing

@testable import DanvanServer

/// The projection's lock: readers see only whole writes, and readers really overlap.
@Suite struct ReadWriteLockTests {
    /// Two numbers a writer always changes together: a reader that ever sees them differ has
    /// read beside a writer.
    struct Pair { var a = 0; var b = 0 }

    @Test func readersNeverSeeAHalfDoneWrite() async {
        let lock = ReadWriteLock(Pair())
        let torn = await withTaskGroup(of: Int.self) { group in
            group.addTask {
                for _ in 0..<20_000 {
                    lock.withWriteLock { p in
                        p.a += 1
                        p.b += 1
                    }
                }
                return 0
            }
            for _ in 0..<3 {
                group.addTask {
                    var torn = 0
                    for _ in 0..<20_000 where lock.withReadLock({ $0.a != $0.b }) { torn += 1 }
                    return torn
                }
            }
            return await group.reduce(0, +)
        }
        #expect(torn == 0)
        #expect(lock.withReadLock { $0.a } == 20_000)
    }

    @Test func twoReadersHoldTheLockAtOnce() {
        let lock = ReadWriteLock(0)
        let inside = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        // A reader that holds the lock until told to let go.
        Thread.detachNewThread {
            lock.withReadLock { (_: borrowing Int) -> Void in
                inside.signal()
                release.wait()
            }
        }
        inside.wait()
        // A second reader gets in while the first still holds it (with a mutex this would hang).
        let second = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            lock.withReadLock { (_: borrowing Int) -> Void in second.signal() }
        }
        let entered = second.wait(timeout: .now() + 5) == .success
        release.signal()
        #expect(entered)
        // And a writer gets in once both are out.
        lock.withWriteLock { (value: inout Int) in value = 1 }
        #expect(lock.withReadLock { $0 } == 1)
    }
}
