import Foundation
import Testing

/// The daemon's own threads carry their names to the kernel, where `top -H`, `ps -L` and perf
/// read them.
@Suite(.serialized, .timeLimit(.minutes(2))) struct ThreadNameTests {
    @Test func theCommitThreadIsNamedForTheKernel() throws {
        let d = try Daemon()
        try d.start()
        _ = try d.exchange(lines: [unitsBatch])
        let pid = try #require(d.process?.processIdentifier)
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")
        let names = tasks.compactMap { try? String(contentsOfFile: "/proc/\(pid)/task/\($0)/comm", encoding: .utf8) }
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect(names.contains("danvand-commit"), "\(names)")
        #expect(d.stop() == 0)
    }
}
