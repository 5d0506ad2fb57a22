import CSystemd

#if canImport(Glibc)
import Glibc
#endif

/// Writing to systemd-journald and finding out whether stderr already goes there.
public enum Journal {
    /// Sends one entry with `sd_journal_sendv` (the C-variadic `sd_journal_send` cannot be
    /// called from Swift). Returns false when journald did not take it (no socket, too large).
    @discardableResult
    public static func send(_ entry: JournalEntry) -> Bool {
        let fields = entry.encodedFields
        var storage: [UInt8] = []
        storage.reserveCapacity(fields.reduce(0) { $0 + $1.count })
        for field in fields { storage.append(contentsOf: field) }
        return storage.withUnsafeMutableBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return false }
            var vectors: [iovec] = []
            vectors.reserveCapacity(fields.count)
            var offset = 0
            for field in fields {
                vectors.append(iovec(iov_base: base + offset, iov_len: field.count))
                offset += field.count
            }
            return sd_journal_sendv(vectors, CInt(vectors.count)) >= 0
        }
    }

    /// Whether stderr is connected to the journal: systemd sets `$JOURNAL_STREAM` to the
    /// `device:inode` of the stream it gave the service, which stops matching as soon as
    /// stderr is redirected (a shell, a pipe, a file). Checking only that journald runs would
    /// hide the log of a daemon started by hand in a terminal.
    public static func stderrIsJournalStream(environment: [String: String]) -> Bool {
        guard let value = environment["JOURNAL_STREAM"] else { return false }
        var st = stat()
        guard fstat(STDERR_FILENO, &st) == 0 else { return false }
        return streamMatches(value, device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    /// `"8:12345"` against a `stat` result (pure, for tests).
    static func streamMatches(_ value: String, device: UInt64, inode: UInt64) -> Bool {
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let dev = UInt64(parts[0]), let ino = UInt64(parts[1]) else { return false }
        return dev == device && ino == inode
    }
}
