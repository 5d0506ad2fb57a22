import Foundation

/// Where the built binaries and the sample data are, wherever `swift test` runs from.
enum Paths {
    /// The repository root (this file is Tests/DanvanctlTests/Support/Paths.swift).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The directory holding `danvand` and `danvanctl`: next to the test bundle, which
    /// SwiftPM builds into the same directory; else `.build/debug`.
    static let bin: String = {
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let dir = (exe as NSString).deletingLastPathComponent
            if FileManager.default.isExecutableFile(atPath: dir + "/danvanctl") { return dir }
        }
        return root + "/.build/debug"
    }()

    static var danvand: String { bin + "/danvand" }
    static var danvanctl: String { bin + "/danvanctl" }
    static var sample: String { root + "/Samples/lao-cai.ndjson" }
    static var expected: String { root + "/Samples/lao-cai.expected.json" }

    /// A new empty temporary directory.
    static func temporaryDirectory(_ label: String) throws -> String {
        var template = Array((NSTemporaryDirectory() + "danvanctl-\(label).XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw TestFailure("mkdtemp failed: \(String(cString: strerror(errno)))") }
        return String(cString: made)
    }
}

/// A failure of the test harness itself, with what went wrong.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
