import Foundation
import SystemPackage

@testable import DanvanStorage

/// An in-memory disk with a page cache that a power cut can take away.
///
/// Every file has the bytes that are durable and the operations (writes, truncates)
/// made since its last fsync; every directory has the entries that are durable and the
/// operations (create, rename, unlink) made since its last fsync. `powerCut` keeps, for
/// each file and each directory, a random prefix of its unsynced operations (nothing,
/// all, or some), optionally tears the first operation it drops (a prefix of the
/// write's bytes, or zeros where the write extended the file), and forgets the rest.
/// What this models is what a crash can leave on Linux for the log's access pattern; a
/// later page persisted before an earlier one is not modelled, on purpose (see
/// `LogFormat`: recovery refuses it as corruption).
///
/// It also has a `capacity` in bytes: a write past the space left is cut short then
/// fails with ENOSPC, and `allocate` (fallocate, extending the file with zeros) fails with ENOSPC, the way a
/// full file system does. Files use `max(size, reserved end)` bytes.
final class PowerCutFileSystem: StorageFileSystem, @unchecked Sendable {
    enum FileOp {
        case write(offset: Int, bytes: [UInt8])
        case truncate(Int)
    }

    final class Inode {
        var durable: [UInt8] = []
        var current: [UInt8] = []
        var pending: [FileOp] = []
        var reservedEnd = 0
        var used: Int { max(current.count, reservedEnd) }
    }

    enum DirOp {
        case set(String, Inode?)
    }

    final class Directory {
        var durable: [String: Inode] = [:]
        var current: [String: Inode] = [:]
        var pending: [DirOp] = []
    }

    private let lock = NSLock()
    private var directories: [String: Directory] = [:]
    /// Bytes the disk holds; `Int.max` for no limit.
    var capacity: Int
    /// Number of writes and allocations refused for lack of space.
    private(set) var enospcCount = 0

    init(capacity: Int = .max) {
        self.capacity = capacity
    }

    func locked<T>(_ body: () throws(Errno) -> T) throws(Errno) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Bytes in use by every file some directory names.
    var used: Int {
        var seen = Set<ObjectIdentifier>()
        var total = 0
        for directory in directories.values {
            for inode in directory.current.values where seen.insert(ObjectIdentifier(inode)).inserted {
                total += inode.used
            }
        }
        return total
    }

    private func split(_ path: String) -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }

    private func directory(_ path: String) throws(Errno) -> Directory {
        guard let directory = directories[path] else { throw Errno.noSuchFileOrDirectory }
        return directory
    }

    // MARK: StorageFileSystem

    func open(_ path: String, mode: StorageOpenMode) throws(Errno) -> any StorageFile {
        try locked { () throws(Errno) -> any StorageFile in
            let (dirPath, name) = split(path)
            let dir = try directory(dirPath)
            switch mode {
            case .readOnly, .readWrite:
                guard let inode = dir.current[name] else { throw Errno.noSuchFileOrDirectory }
                return MemoryFile(path: path, inode: inode, system: self)
            case .createNew:
                if dir.current[name] != nil { throw Errno.fileExists }
                let inode = Inode()
                dir.current[name] = inode
                dir.pending.append(.set(name, inode))
                return MemoryFile(path: path, inode: inode, system: self)
            }
        }
    }

    func synchronizeDirectory(_ path: String) throws(Errno) {
        try locked { () throws(Errno) in
            let dir = try directory(path)
            dir.durable = dir.current
            dir.pending.removeAll()
        }
    }

    func contentsOfDirectory(_ path: String) throws(Errno) -> [String] {
        try locked { () throws(Errno) in Array(try directory(path).current.keys) }
    }

    func createDirectory(_ path: String) throws(Errno) -> Bool {
        try locked { () throws(Errno) in
            if directories[path] != nil { return false }
            directories[path] = Directory()
            return true
        }
    }

    func rename(_ source: String, to destination: String) throws(Errno) {
        try locked { () throws(Errno) in
            let (from, fromName) = split(source)
            let (to, toName) = split(destination)
            let fromDir = try directory(from)
            let toDir = try directory(to)
            guard let inode = fromDir.current[fromName] else { throw Errno.noSuchFileOrDirectory }
            fromDir.current[fromName] = nil
            fromDir.pending.append(.set(fromName, nil))
            toDir.current[toName] = inode
            toDir.pending.append(.set(toName, inode))
        }
    }

    func removeFile(_ path: String) throws(Errno) {
        try locked { () throws(Errno) in
            let (dirPath, name) = split(path)
            let dir = try directory(dirPath)
            guard dir.current[name] != nil else { throw Errno.noSuchFileOrDirectory }
            dir.current[name] = nil
            dir.pending.append(.set(name, nil))
        }
    }

    /// Creates `path` with `count` durable bytes (a filler taking space).
    func createDurableFile(_ path: String, count: Int) throws {
        try locked { () throws(Errno) in
            let (dirPath, name) = split(path)
            let dir = try directory(dirPath)
            let inode = Inode()
            inode.current = [UInt8](repeating: 7, count: count)
            inode.durable = inode.current
            dir.current[name] = inode
            dir.durable[name] = inode
        }
    }

    // MARK: File operations (called by MemoryFile)

    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int, inode: Inode) throws(Errno) -> Int {
        try locked { () throws(Errno) -> Int in
            var count = bytes.count
            if capacity != .max {
                // A file system writes what fits, then fails.
                let allowedEnd = inode.used + max(0, capacity - used)
                count = max(0, min(count, allowedEnd - offset))
                if count == 0 {
                    enospcCount += 1
                    throw Errno.noSpace
                }
            }
            let data = [UInt8](bytes[0..<count])
            Self.apply(.write(offset: offset, bytes: data), to: &inode.current)
            inode.pending.append(.write(offset: offset, bytes: data))
            return count
        }
    }

    func allocate(at offset: Int, length: Int, inode: Inode) throws(Errno) {
        try locked { () throws(Errno) in
            let end = offset + length
            let need = max(0, end - inode.used)
            if capacity != .max, need > capacity - used {
                enospcCount += 1
                throw Errno.noSpace
            }
            inode.reservedEnd = max(inode.reservedEnd, end)
            // fallocate without KEEP_SIZE extends the file with zeros; like a write,
            // the new size is lost to a power cut until the file is synced.
            if end > inode.current.count {
                let zeros = [UInt8](repeating: 0, count: end - inode.current.count)
                let extend = FileOp.write(offset: inode.current.count, bytes: zeros)
                Self.apply(extend, to: &inode.current)
                inode.pending.append(extend)
            }
        }
    }

    func truncate(_ inode: Inode, to size: Int) {
        lock.lock()
        defer { lock.unlock() }
        Self.apply(.truncate(size), to: &inode.current)
        inode.pending.append(.truncate(size))
        if size < inode.reservedEnd { inode.reservedEnd = size }
    }

    func sync(_ inode: Inode) {
        lock.lock()
        defer { lock.unlock() }
        inode.durable = inode.current
        inode.pending.removeAll()
    }

    func read(_ inode: Inode, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        guard offset < inode.current.count else { return 0 }
        let n = min(buffer.count, inode.current.count - offset)
        inode.current.withUnsafeBytes { raw in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<offset + n]))
        }
        return n
    }

    func size(_ inode: Inode) -> Int {
        lock.lock()
        defer { lock.unlock() }
        return inode.current.count
    }

    static func apply(_ op: FileOp, to bytes: inout [UInt8]) {
        switch op {
        case .write(let offset, let data):
            if bytes.count < offset + data.count { bytes += [UInt8](repeating: 0, count: offset + data.count - bytes.count) }
            bytes.replaceSubrange(offset..<offset + data.count, with: data)
        case .truncate(let size):
            if size < bytes.count { bytes.removeSubrange(size...) } else { bytes += [UInt8](repeating: 0, count: size - bytes.count) }
        }
    }

    // MARK: Power cut

    /// How much of the unsynced state a cut keeps.
    enum Cut: CaseIterable {
        /// Every unsynced operation is lost.
        case dropAll
        /// A random prefix of each file's and directory's unsynced operations survives.
        case keepPrefix
        /// As `keepPrefix`, and the first operation lost is torn: part of its bytes, or
        /// zeros where it extended the file, reach the disk.
        case torn
    }

    /// Cuts the power: what is not durable is lost as `cut` says. Open files must not
    /// be used afterwards (the process died with the machine).
    func powerCut(_ cut: Cut, using rng: inout some RandomNumberGenerator) {
        lock.lock()
        defer { lock.unlock() }
        var inodes: [ObjectIdentifier: Inode] = [:]
        for dir in directories.values {
            let keep = cut == .dropAll ? 0 : Int.random(in: 0...dir.pending.count, using: &rng)
            for op in dir.pending.prefix(keep) {
                if case .set(let name, let inode) = op { dir.durable[name] = inode }
            }
            dir.pending.removeAll()
            dir.current = dir.durable
            for inode in dir.durable.values { inodes[ObjectIdentifier(inode)] = inode }
            // Files named only in the lost entries keep their data but are unreachable.
        }
        for inode in inodes.values {
            let keep = cut == .dropAll ? 0 : Int.random(in: 0...inode.pending.count, using: &rng)
            var bytes = inode.durable
            for op in inode.pending.prefix(keep) { Self.apply(op, to: &bytes) }
            if cut == .torn, keep < inode.pending.count, case .write(let offset, let data) = inode.pending[keep] {
                if Bool.random(using: &rng) {
                    let part = Int.random(in: 0...data.count, using: &rng)
                    Self.apply(.write(offset: offset, bytes: Array(data.prefix(part))), to: &bytes)
                } else if offset + data.count > bytes.count {
                    // The size reached the disk, the data did not.
                    Self.apply(.truncate(offset + data.count), to: &bytes)
                }
            }
            inode.durable = bytes
            inode.current = bytes
            inode.pending.removeAll()
            inode.reservedEnd = 0
        }
    }
}

/// A file of `PowerCutFileSystem`.
final class MemoryFile: StorageFile {
    let path: String
    private let inode: PowerCutFileSystem.Inode
    private let system: PowerCutFileSystem

    init(path: String, inode: PowerCutFileSystem.Inode, system: PowerCutFileSystem) {
        self.path = path
        self.inode = inode
        self.system = system
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
        try system.write(bytes, at: Int(offset), inode: inode)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
        system.read(inode, into: buffer, at: Int(offset))
    }

    func size() throws(Errno) -> Int64 { Int64(system.size(inode)) }

    func synchronize(dataOnly: Bool) throws(Errno) { system.sync(inode) }

    func truncate(to size: Int64) throws(Errno) { system.truncate(inode, to: Int(size)) }

    func allocate(at offset: Int64, length: Int64) throws(Errno) {
        try system.allocate(at: Int(offset), length: Int(length), inode: inode)
    }

    func close() {}
}

/// A seeded generator (SplitMix64), so every round of a torture test can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
