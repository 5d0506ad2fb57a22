import DanvanStorage
import SystemPackage

/// A file system in memory, through the log's own seam (`StorageFileSystem`), so that a
/// fuzz input becomes a segment file without touching the disk: tens of thousands of
/// recoveries a second instead of hundreds, and nothing to clean up after a crash.
///
/// One directory level is enough for the log (its state directory holds only segments and
/// `LOCK`). Used by one thread at a time (libFuzzer runs inputs serially), hence
/// `@unchecked Sendable`.
final class MemoryFileSystem: StorageFileSystem, @unchecked Sendable {
    /// The bytes of one file, shared by every handle open on it.
    final class Contents {
        var bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }

    private var files: [String: Contents] = [:]
    private var directories: Set<String> = []

    /// Creates directory `directory` holding `files` (name → bytes).
    init(directory: String, files: [String: [UInt8]]) {
        directories.insert(directory)
        for (name, bytes) in files { self.files[directory + "/" + name] = Contents(bytes) }
    }

    /// The bytes of `path` now, if it exists.
    func bytes(_ path: String) -> [UInt8]? { files[path]?.bytes }

    func open(_ path: String, mode: StorageOpenMode) throws(Errno) -> any StorageFile {
        switch mode {
        case .readOnly, .readWrite:
            guard let contents = files[path] else { throw Errno.noSuchFileOrDirectory }
            return MemoryFile(path: path, contents: contents)
        case .createNew:
            guard files[path] == nil else { throw Errno.fileExists }
            let contents = Contents([])
            files[path] = contents
            return MemoryFile(path: path, contents: contents)
        }
    }

    func synchronizeDirectory(_ path: String) throws(Errno) {}

    func contentsOfDirectory(_ path: String) throws(Errno) -> [String] {
        guard directories.contains(path) else { throw Errno.noSuchFileOrDirectory }
        let prefix = path + "/"
        return files.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    func createDirectory(_ path: String) throws(Errno) -> Bool {
        directories.insert(path).inserted
    }

    func rename(_ source: String, to destination: String) throws(Errno) {
        guard let contents = files.removeValue(forKey: source) else { throw Errno.noSuchFileOrDirectory }
        files[destination] = contents
    }

    func removeFile(_ path: String) throws(Errno) {
        guard files.removeValue(forKey: path) != nil else { throw Errno.noSuchFileOrDirectory }
    }
}

/// One open file of a `MemoryFileSystem`.
final class MemoryFile: StorageFile {
    let path: String
    private let contents: MemoryFileSystem.Contents

    init(path: String, contents: MemoryFileSystem.Contents) {
        self.path = path
        self.contents = contents
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
        guard offset >= 0 else { throw Errno.invalidArgument }
        let start = Int(offset)
        if contents.bytes.count < start + bytes.count {
            contents.bytes.append(contentsOf: repeatElement(0, count: start + bytes.count - contents.bytes.count))
        }
        contents.bytes.withUnsafeMutableBytes { target in
            UnsafeMutableRawBufferPointer(rebasing: target[start..<(start + bytes.count)]).copyMemory(from: bytes)
        }
        return bytes.count
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
        guard offset >= 0 else { throw Errno.invalidArgument }
        let start = Int(offset)
        guard start < contents.bytes.count else { return 0 }
        let count = min(buffer.count, contents.bytes.count - start)
        contents.bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[start..<(start + count)]))
        }
        return count
    }

    func size() throws(Errno) -> Int64 { Int64(contents.bytes.count) }

    func synchronize(dataOnly: Bool) throws(Errno) {}

    /// Memory never runs out here: every reservation succeeds.
    func allocate(at offset: Int64, length: Int64) throws(Errno) {}

    func truncate(to size: Int64) throws(Errno) {
        guard size >= 0 else { throw Errno.invalidArgument }
        let newSize = Int(size)
        if newSize < contents.bytes.count {
            contents.bytes.removeLast(contents.bytes.count - newSize)
        } else {
            contents.bytes.append(contentsOf: repeatElement(0, count: newSize - contents.bytes.count))
        }
    }

    func close() {}
}
