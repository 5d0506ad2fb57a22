#if canImport(Glibc)
import Glibc
#endif

/// Where a report goes: standard output, a file (`--out FILE`), or for CSV a directory of
/// files (`--out DIR`). A path that cannot be written is refused before the daemon is asked,
/// with one message: "cannot write --out PATH: REASON".
enum ReportOutput {
    /// Refuses `path` when it cannot be written: a missing or read-only directory, a directory
    /// where a file is wanted, a file where a directory is wanted.
    static func checkWritable(_ path: String, directory: Bool) throws(CommandFailure) {
        var st = stat()
        if stat(path, &st) == 0 {
            let isDirectory = (st.st_mode & S_IFMT) == S_IFDIR
            if directory, !isDirectory { throw failure(path, "it is a file; csv writes one file per table into a directory") }
            if !directory, isDirectory { throw failure(path, "it is a directory") }
            if access(path, W_OK) != 0 { throw failure(path, String(cString: strerror(errno))) }
            return
        }
        let parent = parentDirectory(path)
        if access(parent, W_OK) != 0 {
            throw failure(path, errno == ENOENT ? "the directory \(parent) does not exist" : String(cString: strerror(errno)))
        }
    }

    /// Text to `path`, or to the session's output when nil.
    static func text(_ text: String, to path: String?, session: Session) throws(CommandFailure) {
        guard let path else {
            session.out.write(text)
            return
        }
        try write(Array(text.utf8), to: path)
    }

    /// Named documents into the directory `path`, made when missing.
    static func files(_ documents: [(name: String, text: String)], in path: String) throws(CommandFailure) {
        if mkdir(path, 0o755) != 0, errno != EEXIST { throw failure(path, String(cString: strerror(errno))) }
        let dir = path.hasSuffix("/") ? path : path + "/"
        for document in documents { try write(Array(document.text.utf8), to: dir + document.name) }
    }

    /// Bytes to `path`, replacing what was there.
    static func write(_ bytes: [UInt8], to path: String) throws(CommandFailure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(path, String(cString: strerror(errno))) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(path, String(cString: strerror(errno)))
            }
            offset += n
        }
    }

    /// The directory a path is in ("." for a bare name).
    static func parentDirectory(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") && path.count > 1 ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let parent = String(trimmed[..<slash])
        return parent.isEmpty ? "/" : parent
    }

    /// The one message of an `--out` that cannot be written.
    static func failure(_ path: String, _ reason: String) -> CommandFailure {
        CommandFailure(.input, "cannot write --out \(path): \(reason)")
    }
}
