import DanvanShip
import Testing

@Suite struct BackoffTests {
    @Test func doublesFromTheFirstWaitUpToTheMaximum() {
        let b = Backoff(initialMilliseconds: 100, maximumMilliseconds: 1000)
        #expect((1...6).map { b.delay(attempt: $0) } == [100, 200, 400, 800, 1000, 1000])
        #expect(b.delay(attempt: 10_000) == 1000)
        #expect(b.delay(attempt: 0) == 100)
    }
}
