import SystemPackage

/// The file operations the writer and recovery share, with their errors
/// mapped to `StorageError` (and every sync failure to `.syncFailed`).
enum SegmentFiles {
    /// Creates segment `firstSeq` in `directory`: create the file, write its
    /// header, fsync it, fsync the directory (invariant 4 of `LogFormat`).
    static func create(
        directory: String,
        firstSeq: UInt64,
        fileSystem: any StorageFileSystem
    ) throws(StorageError) -> (file: any StorageFile, descriptor: SegmentDescriptor) {
        let path = directory + "/" + LogFormat.segmentFileName(firstSeq: firstSeq)
        let file: any StorageFile
        do {
            file = try fileSystem.open(path, mode: .createNew)
        } catch {
            throw StorageError.ioError("creating segment", path: path, errno: error)
        }
        do throws(StorageError) {
            try writeHeader(to: file, directory: directory, fileSystem: fileSystem)
        } catch {
            file.close()
            throw error
        }
        let descriptor = SegmentDescriptor(
            firstSeq: firstSeq, path: path, endOffset: Int64(LogFormat.segmentHeaderSize)
        )
        return (file, descriptor)
    }

    /// Makes the empty file at `path` (a spare renamed there) segment
    /// `firstSeq`: open it, write its header, fsync it, fsync the directory,
    /// the same steps and the same crash states as `create`.
    static func adopt(
        path: String,
        firstSeq: UInt64,
        directory: String,
        fileSystem: any StorageFileSystem
    ) throws(StorageError) -> (file: any StorageFile, descriptor: SegmentDescriptor) {
        let file: any StorageFile
        do {
            file = try fileSystem.open(path, mode: .readWrite)
        } catch {
            throw StorageError.ioError("opening new segment", path: path, errno: error)
        }
        do throws(StorageError) {
            try writeHeader(to: file, directory: directory, fileSystem: fileSystem)
        } catch {
            file.close()
            throw error
        }
        return (file, SegmentDescriptor(firstSeq: firstSeq, path: path, endOffset: Int64(LogFormat.segmentHeaderSize)))
    }

    /// Writes the segment header at offset 0 of `file`, fsyncs the file and
    /// the directory. Used for new segments and to repair an incomplete one.
    static func writeHeader(
        to file: any StorageFile,
        directory: String,
        fileSystem: any StorageFileSystem
    ) throws(StorageError) {
        try writeFully(file, LogFormat.segmentHeader, at: 0)
        try synchronize(file, dataOnly: false)
        do {
            try fileSystem.synchronizeDirectory(directory)
        } catch {
            throw StorageError.syncFailed(path: directory, errno: error)
        }
    }

    /// Writes all of `bytes` at `offset`, looping over short writes.
    static func writeFully(_ file: any StorageFile, _ bytes: [UInt8], at offset: Int64) throws(StorageError) {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(StorageError) in try writeFully(file, raw, at: offset) }
        }
        try result.get()
    }

    /// Writes all of `bytes` at `offset`, looping over short writes.
    static func writeFully(_ file: any StorageFile, _ bytes: UnsafeRawBufferPointer, at offset: Int64) throws(StorageError) {
        var done = 0
        while done < bytes.count {
            let written: Int
            do {
                written = try file.write(UnsafeRawBufferPointer(rebasing: bytes[done...]), at: offset + Int64(done))
            } catch {
                throw StorageError.ioError("writing", path: file.path, errno: error)
            }
            // A write of 0 bytes for a non-empty buffer makes no progress;
            // report it instead of spinning.
            guard written > 0 else { throw StorageError.ioError("writing", path: file.path, errno: .ioError) }
            done += written
        }
    }

    /// fsync (or fdatasync when `dataOnly`) of `file`; any failure is the
    /// fatal `.syncFailed`.
    static func synchronize(_ file: any StorageFile, dataOnly: Bool) throws(StorageError) {
        do {
            try file.synchronize(dataOnly: dataOnly)
        } catch {
            throw StorageError.syncFailed(path: file.path, errno: error)
        }
    }

    /// The segments of `directory`, as (first seq, file name), in seq order.
    static func list(directory: String, fileSystem: any StorageFileSystem) throws(StorageError) -> [(firstSeq: UInt64, name: String)] {
        let names: [String]
        do {
            names = try fileSystem.contentsOfDirectory(directory)
        } catch {
            throw StorageError.ioError("listing", path: directory, errno: error)
        }
        var segments: [(firstSeq: UInt64, name: String)] = []
        for name in names {
            if let seq = LogFormat.firstSeq(ofSegmentFileName: name) { segments.append((seq, name)) }
        }
        segments.sort { $0.firstSeq < $1.firstSeq }
        return segments
    }

    /// Reads up to `count` bytes at `offset`; fewer only at end of file.
    static func readFully(_ file: any StorageFile, count: Int, at offset: Int64) throws(Errno) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let result = bytes.withUnsafeMutableBytes { raw in
            Result { () throws(Errno) -> Int in
                var done = 0
                while done < count {
                    let n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[done...]), at: offset + Int64(done))
                    if n == 0 { break }
                    done += n
                }
                return done
            }
        }
        let done = try result.get()
        if done < count { bytes.removeSubrange(done...) }
        return bytes
    }

    /// Reads the segment header (or what there is of it).
    static func readPrefix(_ file: any StorageFile, count: Int) throws(Errno) -> [UInt8] {
        try readFully(file, count: count, at: 0)
    }

    /// Whether a last segment of `size` bytes whose first bytes are `header` (an
    /// invalid header, or what there is of one) is what a crash while starting it
    /// can leave: a prefix of the header, then zeros to the end of the file. The
    /// zeros may run past the header: a spare file renamed into place holds the
    /// room reserved in it (`SpaceReservation`).
    static func isInterruptedStart(_ file: any StorageFile, size: Int64, header: [UInt8]) throws(Errno) -> Bool {
        let written = zip(header, LogFormat.segmentHeader).prefix { $0 == $1 }.count
        guard header[written...].allSatisfy({ $0 == 0 }) else { return false }
        let headerSize = Int64(LogFormat.segmentHeaderSize)
        if size <= headerSize { return true }
        return try SegmentReader(file: file, from: headerSize, limit: size).restIsZero()
    }
}
