import Foundation

/// Removing the benchmark's files.
enum FileTree {
    /// Removes `path` and everything under it, if it exists.
    static func remove(_ path: String) throws {
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
    }
}
