import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One disk fault to inject, as the test-only `DANVAN_TEST_FAULT` variable names it:
/// `KIND` or `KIND@N` (the first N calls of the faulted kind succeed, then every one
/// fails). Only a daemon with `test_hooks = true` reads it (see `TestHooksService`).
public struct StorageFault: Sendable, Hashable, CustomStringConvertible {
    /// What goes wrong.
    public enum Kind: String, Sendable, CaseIterable {
        /// fsync/fdatasync (files and directories) fail with EIO: fatal, exit 74.
        case fsyncEIO = "fsync_eio"
        /// Writes fail with EIO: fatal, exit 71.
        case writeEIO = "write_eio"
        /// Writes fail with ENOSPC, and the file system cannot reserve space
        /// (`allocate` is not supported): a file system that does not honour
        /// fallocate. Fatal, exit 71; recovery on restart cuts the partial tail.
        case writeENOSPC = "write_enospc"
        /// Reserving space fails with ENOSPC: appends are refused with `disk_full`
        /// and nothing is stored; everything else keeps working.
        case reserveENOSPC = "reserve_enospc"
        /// Every write writes at most half of what it is given (at least 1 byte):
        /// the writer must loop; nothing else changes.
        case shortWrites = "short_writes"
    }

    /// What goes wrong.
    public var kind: Kind
    /// How many calls of the faulted kind succeed before the fault starts.
    public var after: Int

    /// Creates a fault.
    public init(_ kind: Kind, after: Int = 0) {
        self.kind = kind
        self.after = after
    }

    /// Parses `KIND` or `KIND@N`; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count <= 2, let kind = Kind(rawValue: String(parts[0])) else { return nil }
        var after = 0
        if parts.count == 2 {
            guard let n = Int(parts[1]), n >= 0 else { return nil }
            after = n
        }
        self.init(kind, after: after)
    }

    /// `KIND@N`.
    public var description: String { "\(kind.rawValue)@\(after)" }
}

/// A `StorageFileSystem` that forwards to another one and injects one `StorageFault`,
/// so that the real daemon can be tested against EIO, ENOSPC and short writes
/// (`Tests/DanvanIntegrationTests/FaultInjectionTests.swift`). Test-only: danvand
/// uses it only with `test_hooks = true` and `DANVAN_TEST_FAULT` set.
///
/// When `switchPath` is given, the fault applies only while a file exists at that
/// path, checked at every call: a test starts the daemon cleanly, turns the fault on
/// by creating the file and lifts it at run time by removing it. Calls are counted
/// (for `after`) only while the fault applies.
public struct FaultInjectingFileSystem: StorageFileSystem {
    private let base: any StorageFileSystem
    private let control: FaultControl

    /// Wraps `base`.
    public init(_ base: any StorageFileSystem = POSIXFileSystem(), fault: StorageFault, switchPath: String? = nil) {
        self.base = base
        control = FaultControl(fault: fault, switchPath: switchPath)
    }

    /// The fault injected.
    public var fault: StorageFault { control.fault }

    /// How many calls failed (or were cut short) so far.
    public var injected: Int { control.counts.withLock { $0.injected } }

    /// Opens through the base file system, wrapping the file.
    public func open(_ path: String, mode: StorageOpenMode) throws(Errno) -> any StorageFile {
        FaultInjectingFile(try base.open(path, mode: mode), control: control)
    }

    /// Fails with EIO under `fsync_eio`.
    public func synchronizeDirectory(_ path: String) throws(Errno) {
        if control.strikes(.fsyncEIO) { throw Errno.ioError }
        try base.synchronizeDirectory(path)
    }

    /// Forwards.
    public func contentsOfDirectory(_ path: String) throws(Errno) -> [String] {
        try base.contentsOfDirectory(path)
    }

    /// Forwards.
    public func createDirectory(_ path: String) throws(Errno) -> Bool {
        try base.createDirectory(path)
    }

    /// Forwards.
    public func rename(_ source: String, to destination: String) throws(Errno) {
        try base.rename(source, to: destination)
    }

    /// Forwards.
    public func removeFile(_ path: String) throws(Errno) {
        try base.removeFile(path)
    }
}

/// The fault and its call counter, shared by a `FaultInjectingFileSystem` and its files.
final class FaultControl: Sendable {
    struct Counts {
        var calls = 0
        var injected = 0
    }

    let fault: StorageFault
    let switchPath: String?
    let counts = Locked(Counts())

    init(fault: StorageFault, switchPath: String?) {
        self.fault = fault
        self.switchPath = switchPath
    }

    /// Whether the fault is on now (its switch file exists, or it has none).
    var isOn: Bool {
        guard let switchPath else { return true }
        return access(switchPath, F_OK) == 0
    }

    /// Whether this call of an operation that `kind` breaks must fail.
    func strikes(_ kind: StorageFault.Kind) -> Bool {
        guard fault.kind == kind, isOn else { return false }
        return counts.withLock { counts in
            counts.calls += 1
            guard counts.calls > fault.after else { return false }
            counts.injected += 1
            return true
        }
    }
}

/// A file of `FaultInjectingFileSystem`.
final class FaultInjectingFile: StorageFile {
    private let file: any StorageFile
    private let control: FaultControl

    init(_ file: any StorageFile, control: FaultControl) {
        self.file = file
        self.control = control
    }

    var path: String { file.path }

    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
        if control.strikes(.writeEIO) { throw Errno.ioError }
        if control.strikes(.writeENOSPC) { throw Errno.noSpace }
        if bytes.count > 1, control.strikes(.shortWrites) {
            let half = (bytes.count + 1) / 2
            return try file.write(UnsafeRawBufferPointer(rebasing: bytes[0..<half]), at: offset)
        }
        return try file.write(bytes, at: offset)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int64) throws(Errno) -> Int {
        try file.read(into: buffer, at: offset)
    }

    func size() throws(Errno) -> Int64 { try file.size() }

    func synchronize(dataOnly: Bool) throws(Errno) {
        if control.strikes(.fsyncEIO) { throw Errno.ioError }
        try file.synchronize(dataOnly: dataOnly)
    }

    func truncate(to size: Int64) throws(Errno) { try file.truncate(to: size) }

    func allocate(at offset: Int64, length: Int64) throws(Errno) {
        if control.fault.kind == .writeENOSPC, control.isOn { throw Errno.notSupported }
        if control.strikes(.reserveENOSPC) { throw Errno.noSpace }
        try file.allocate(at: offset, length: length)
    }

    func close() { file.close() }
}
