import CDanvanFile
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real file system: each `StorageFileSystem` and `StorageFile` method is
/// one POSIX system call (retried on EINTR).
public struct POSIXFileSystem: StorageFileSystem {
    /// Creates the POSIX file system; it has no state.
    public init() {}

    /// Opens `path` with O_CLOEXEC; new files get mode 0640 (the log holds
    /// public records, but only the daemon's group needs to read them raw).
    public func open(_ path: String, mode: StorageOpenMode) throws(Errno) -> any StorageFile {
        let flags: Int32
        switch mode {
        case .readOnly: flags = O_RDONLY | O_CLOEXEC
        case .readWrite: flags = O_RDWR | O_CLOEXEC
        case .createNew: flags = O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC
        }
        let fd = try retryingOnInterrupt { systemOpen(path, flags, 0o640) }
        return POSIXFile(descriptor: fd, path: path)
    }

    /// fsync of the directory, opened read-only with O_DIRECTORY.
    public func synchronizeDirectory(_ path: String) throws(Errno) {
        let fd = try retryingOnInterrupt { systemOpen(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0) }
        defer { _ = systemClose(fd) }
        _ = try retryingOnInterrupt { fsync(fd) }
    }

    /// readdir(3) over the directory.
    public func contentsOfDirectory(_ path: String) throws(Errno) -> [String] {
        guard let directory = opendir(path) else { throw Errno(rawValue: errno) }
        defer { closedir(directory) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw Errno(rawValue: errno) }
                return names
            }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
    }

    /// mkdir -p with mode 0750, fsync-ing the parent of each directory it
    /// creates so the new directory survives a crash.
    @discardableResult
    public func createDirectory(_ path: String) throws(Errno) -> Bool {
        if isDirectory(path) { return false }
        let parent = parentDirectory(of: path)
        if parent != path, !isDirectory(parent) {
            try createDirectory(parent)
        }
        if mkdir(path, 0o750) != 0 {
            let error = Errno(rawValue: errno)
            if error == .fileExists, isDirectory(path) { return false }
            throw error
        }
        try synchronizeDirectory(parent)
        return true
    }

    /// rename(2).
    public func rename(_ source: String, to destination: String) throws(Errno) {
        #if canImport(Glibc)
        let result = Glibc.rename(source, destination)
        #else
        let result = Darwin.rename(source, destination)
        #endif
        if result != 0 { throw Errno(rawValue: errno) }
    }

    /// unlink(2).
    public func removeFile(_ path: String) throws(Errno) {
        if unlink(path) != 0 { throw Errno(rawValue: errno) }
    }

    private func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    private func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }
}

/// A file descriptor owned by the log; closed on `close()` or deinit.
final class POSIXFile: StorageFile {
    let path: String
    private var descriptor: Int32

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        if descriptor >= 0 { _ = systemClose(descriptor) }
    }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        let fd = descriptor
        return try retryingOnInterrupt { pwrite(fd, base, bytes.count, off_t(offset)) }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
        let fd = descriptor
        return try retryingOnInterrupt { pread(fd, base, buffer.count, off_t(offset)) }
    }

    func size() throws(Errno) -> Int64 {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Errno(rawValue: errno) }
        return Int64(info.st_size)
    }

    func synchronize(dataOnly: Bool) throws(Errno) {
        // No EINTR retry here on purpose: a failed fsync is reported, never
        // repeated (see StorageError.Code.syncFailed).
        let fd = descriptor
        #if canImport(Darwin)
        let result = fsync(fd)
        #else
        let result = dataOnly ? fdatasync(fd) : fsync(fd)
        #endif
        if result != 0 { throw Errno(rawValue: errno) }
    }

    func truncate(to size: Int64) throws(Errno) {
        let fd = descriptor
        _ = try retryingOnInterrupt { ftruncate(fd, off_t(size)) }
    }

    func allocate(at offset: Int64, length: Int64) throws(Errno) {
        guard length > 0 else { return }
        let fd = descriptor
        _ = try retryingOnInterrupt { danvan_reserve_space(fd, off_t(offset), off_t(length)) }
    }

    func close() {
        if descriptor >= 0 {
            _ = systemClose(descriptor)
            descriptor = -1
        }
    }
}

/// Runs a system call until it does not fail with EINTR; throws its errno on
/// any other failure (a negative result).
@inline(__always)
func retryingOnInterrupt<T: FixedWidthInteger>(_ call: () -> T) throws(Errno) -> T {
    while true {
        let result = call()
        if result >= 0 { return result }
        let error = Errno(rawValue: errno)
        if error != .interrupted { throw error }
    }
}

@inline(__always)
func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Glibc)
    return Glibc.open(path, flags, mode)
    #else
    return Darwin.open(path, flags, mode)
    #endif
}

@inline(__always)
func systemClose(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.close(fd)
    #else
    return Darwin.close(fd)
    #endif
}

@inline(__always)
func systemRename(_ path: String, _ newPath: String) -> Int32 {
    #if canImport(Glibc)
    return Glibc.rename(path, newPath)
    #else
    return Darwin.rename(path, newPath)
    #endif
}
