import SystemPackage

/// A state snapshot on disk: the daemon's in-memory state at one durable seq, so that a
/// restart replays only the log after it. The body is opaque here (`DanvanDomain`'s
/// `StateSnapshotCodec` writes it); this type owns the file around it.
///
/// The log stays the only source of truth. A snapshot is used only when everything in
/// its header agrees with the running danvan and with the log it sits next to, and any
/// doubt makes the daemon ignore it and replay the log in full:
///
///     <state-dir>/snapshot-00000000000001000000.dvsnap   state after seq 1,000,000
///
///     +----------+-----------------+-----------------+------------------+-----------------+
///     | magic 8B | fileVersion u32 | bodyFormat u32  | catalogue u32    | identity u32    |
///     +----------+-----------------+-----------------+------------------+-----------------+
///     | seq u64  | bodyLength u64  | crc32c u32      | body (bodyLength bytes)            |
///     +----------+-----------------+-----------------+------------------------------------+
///
/// - magic is `DANVANSN`; fileVersion is 1; integers little-endian;
/// - bodyFormat and catalogue are the versions of the body layout and of the event
///   catalogue the state was built with: a snapshot of another version is ignored;
/// - identity is `LogSnapshot.recordIdentity(seq:)` of the record at `seq`, so a snapshot
///   of another log, or of a log that was cut and written again, does not match;
/// - crc32c covers the 40 header bytes before it and the body.
///
/// Written atomically: a temporary file (`.tmp` suffix), fsync, rename over the final
/// name, fsync of the directory. A crash leaves either no snapshot or a complete one
/// (and perhaps a stale `.tmp`, removed by the next write).
public enum SnapshotFile {
    /// The header fields other than the checksum and length.
    public struct Header: Sendable, Hashable {
        /// Version of the body layout.
        public var bodyFormat: UInt32
        /// Version of the event catalogue.
        public var catalogue: UInt32
        /// The last seq whose effect the state includes.
        public var seq: UInt64
        /// Identity of the log record at `seq` (`LogSnapshot.recordIdentity`).
        public var identity: UInt32

        /// Creates a header.
        public init(bodyFormat: UInt32, catalogue: UInt32, seq: UInt64, identity: UInt32) {
            self.bodyFormat = bodyFormat
            self.catalogue = catalogue
            self.seq = seq
            self.identity = identity
        }
    }

    /// Why a snapshot file cannot be used; never fatal (the log is replayed instead).
    public struct ReadError: Error, CustomStringConvertible, Sendable {
        /// What is wrong, for the warning line.
        public let description: String
    }

    static let magic: [UInt8] = Array("DANVANSN".utf8)
    static let fileVersion: UInt32 = 1
    static let headerSize = 44
    static let prefix = "snapshot-"
    static let suffix = ".dvsnap"

    /// `snapshot-<seq as 20 digits>.dvsnap`: name order is seq order.
    public static func fileName(seq: UInt64) -> String {
        let digits = String(seq)
        return prefix + String(repeating: "0", count: max(0, 20 - digits.count)) + digits + suffix
    }

    /// The seq of a snapshot file name, or nil for any other name.
    public static func seq(ofFileName name: String) -> UInt64? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
        let digits = name.dropFirst(prefix.count).dropLast(suffix.count)
        guard digits.count == 20, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return UInt64(digits)
    }

    /// The snapshots in `directory` as (seq, path), newest first.
    public static func list(directory: String, fileSystem: any StorageFileSystem = POSIXFileSystem()) -> [(seq: UInt64, path: String)] {
        let names = (try? fileSystem.contentsOfDirectory(directory)) ?? []
        return names.compactMap { name in seq(ofFileName: name).map { ($0, directory + "/" + name) } }
            .sorted { $0.seq > $1.seq }
    }

    /// Writes a snapshot atomically (temporary file, fsync, rename, fsync of the directory),
    /// then removes the older snapshots `retention` does not keep. Returns its path.
    @discardableResult
    public static func write(
        _ header: Header, body: [UInt8], directory: String, fileSystem: any StorageFileSystem = POSIXFileSystem(),
        retention: SnapshotRetention = .newestOnly
    ) throws(StorageError) -> String {
        let final = directory + "/" + fileName(seq: header.seq)
        let temporary = final + ".tmp"
        try? fileSystem.removeFile(temporary)
        let file: any StorageFile
        do {
            file = try fileSystem.open(temporary, mode: .createNew)
        } catch {
            throw StorageError.ioError("creating the snapshot", path: temporary, errno: error)
        }
        do {
            defer { file.close() }
            var head = headerBytes(header, bodyLength: body.count)
            var crc = CRC32C.update(0, head)
            crc = body.withUnsafeBytes { CRC32C.update(crc, $0) }
            withUnsafeBytes(of: crc.littleEndian) { head.append(contentsOf: $0) }
            try SegmentFiles.writeFully(file, head, at: 0)
            try SegmentFiles.writeFully(file, body, at: Int64(head.count))
            try SegmentFiles.synchronize(file, dataOnly: false)
        } catch {
            try? fileSystem.removeFile(temporary)
            throw error
        }
        do {
            try fileSystem.rename(temporary, to: final)
        } catch {
            try? fileSystem.removeFile(temporary)
            throw StorageError.ioError("renaming the snapshot", path: final, errno: error)
        }
        do {
            try fileSystem.synchronizeDirectory(directory)
        } catch {
            throw StorageError.syncFailed(path: directory, errno: error)
        }
        // Only now that the new one is durable: the older ones retention lets go are no
        // longer needed.
        let onDisk = list(directory: directory, fileSystem: fileSystem)
        let doomed = Set(retention.toDelete(existing: onDisk.map(\.seq), new: header.seq))
        for old in onDisk where doomed.contains(old.seq) {
            try? fileSystem.removeFile(old.path)
        }
        return final
    }

    /// Removes every snapshot beyond `seq` (after a repair cut the log there); returns their paths.
    @discardableResult
    public static func removeBeyond(_ seq: UInt64, directory: String, fileSystem: any StorageFileSystem = POSIXFileSystem()) -> [String] {
        var removed: [String] = []
        for snapshot in list(directory: directory, fileSystem: fileSystem) where snapshot.seq > seq {
            if (try? fileSystem.removeFile(snapshot.path)) != nil { removed.append(snapshot.path) }
        }
        if !removed.isEmpty { try? fileSystem.synchronizeDirectory(directory) }
        return removed
    }

    /// Reads a snapshot file and checks its magic, file version, length and CRC32C. What the
    /// header says is left to the caller to compare with the running danvan and the log.
    public static func read(_ path: String, fileSystem: any StorageFileSystem = POSIXFileSystem()) throws(ReadError) -> (header: Header, body: [UInt8]) {
        let bytes: [UInt8]
        do {
            let file = try fileSystem.open(path, mode: .readOnly)
            defer { file.close() }
            let size = try file.size()
            guard size >= headerSize, size < Int64(Int.max) else { throw ReadError(description: "\(path) is too short to be a snapshot") }
            bytes = try SegmentFiles.readFully(file, count: Int(size), at: 0)
        } catch let error as ReadError {
            throw error
        } catch {
            throw ReadError(description: "\(path) cannot be read: \(error)")
        }
        guard bytes.count >= headerSize, Array(bytes[0..<8]) == magic else {
            throw ReadError(description: "\(path) is not a danvan snapshot (bad magic)")
        }
        func u32(_ at: Int) -> UInt32 { bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt32.self)) } }
        func u64(_ at: Int) -> UInt64 { bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) } }
        guard u32(8) == fileVersion else { throw ReadError(description: "\(path) has snapshot file version \(u32(8)), this danvan writes \(fileVersion)") }
        let header = Header(bodyFormat: u32(12), catalogue: u32(16), seq: u64(24), identity: u32(20))
        let length = u64(32)
        guard length == UInt64(bytes.count - headerSize) else {
            throw ReadError(description: "\(path) holds \(bytes.count - headerSize) body bytes, its header says \(length)")
        }
        let crc = bytes.withUnsafeBytes { raw in
            CRC32C.update(CRC32C.update(0, UnsafeRawBufferPointer(rebasing: raw[0..<40])), UnsafeRawBufferPointer(rebasing: raw[headerSize...]))
        }
        guard crc == u32(40) else { throw ReadError(description: "\(path) fails its checksum") }
        return (header, Array(bytes[headerSize...]))
    }

    static func headerBytes(_ h: Header, bodyLength: Int) -> [UInt8] {
        var out = magic
        for v in [fileVersion, h.bodyFormat, h.catalogue, h.identity] { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        for v in [h.seq, UInt64(bodyLength)] { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        return out
    }
}

extension LogSnapshot {
    /// A CRC32C of the record at `seq` (its seq, time and payload): what a state snapshot
    /// records to recognise the log it was taken from. Nil when `seq` is beyond this view.
    public func recordIdentity(seq: UInt64) throws -> UInt32? {
        guard seq >= 1, seq <= lastSeq else { return nil }
        var identity: UInt32?
        try forEach(from: seq, through: seq) { record in
            var crc = withUnsafeBytes(of: record.seq.littleEndian) { CRC32C.update(0, $0) }
            crc = withUnsafeBytes(of: record.recordedAtMicros.littleEndian) { CRC32C.update(crc, $0) }
            identity = CRC32C.update(crc, record.payload)
            return false
        }
        return identity
    }
}
