import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Grows a stopped state directory with `danvand import`, in files of at most
/// `chunk` events so that the importer's memory stays bounded.
struct LogImporter {
    var danvand: String
    var workDirectory: String
    var chunk = 250_000

    /// Imports events `range` (and the units first, when `range` starts at 0).
    func importEvents(_ range: Range<Int>, into state: String) throws {
        var lower = range.lowerBound
        while lower < range.upperBound {
            let upper = min(lower + chunk, range.upperBound)
            let file = workDirectory + "/import-\(lower).ndjson"
            try SyntheticLog.write(path: file, events: lower..<upper, withUnits: lower == 0)
            defer { unlink(file) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: danvand)
            process.arguments = ["import", "--state-dir", state, "--log-level", "warning", file]
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let message = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw BenchError("danvand import failed (\(process.terminationStatus)): \(String(decoding: message, as: UTF8.self))")
            }
            lower = upper
        }
    }
}
