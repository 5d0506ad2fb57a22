import DanvanDomain
import DanvanStorage
import Logging

/// A state restored from a snapshot file: the registry and projection after `seq`.
public struct LoadedStateSnapshot: Sendable {
    /// Validation state at `seq`.
    public var registry: Registry
    /// Query state at `seq`.
    public var projection: Projection
    /// The last seq whose effect the state holds.
    public var seq: UInt64
    /// The snapshot file.
    public var path: String
}

/// The in-memory state at one durable seq, ready to be written as a snapshot. The registry
/// and projection are copy-on-write copies: taking one costs nothing under the engine's lock
/// (the first mutation after it copies the storage it touches), and encoding them runs
/// on a thread of its own.
public struct StateCapture: Sendable {
    /// Validation state at `seq`.
    public var registry: Registry
    /// Query state at `seq`.
    public var projection: Projection
    /// The durable seq both describe.
    public var seq: UInt64

    /// Pairs a registry and a projection that describe the same durable `seq`.
    public init(registry: Registry, projection: Projection, seq: UInt64) {
        self.registry = registry
        self.projection = projection
        self.seq = seq
    }
}

/// Reading and writing state snapshots next to the log (see `SnapshotFile` for the file).
///
/// The log is the only source of truth: a snapshot that fails its checksum, is of another
/// body format or catalogue version, lies beyond the log's end (the log was repaired or
/// cut), or does not match the log's record at its seq is ignored with a warning, never
/// fatal, and the log is replayed from the start.
public enum StateSnapshots {
    /// The catalogue version snapshots record: a state built under other event meanings is not reused.
    static var catalogue: UInt32 { UInt32(EventCatalogue.version) }

    /// The newest snapshot of `directory` that is valid for `log`, or nil (each one skipped
    /// is reported by a warning on `logger`). `skipping` paths were tried already.
    public static func loadNewest(
        directory: String, log: LogSnapshot, logger: Logger, skipping: Set<String> = []
    ) -> LoadedStateSnapshot? {
        for candidate in SnapshotFile.list(directory: directory) where !skipping.contains(candidate.path) {
            switch load(candidate.path, log: log) {
            case .success(let state):
                return state
            case .failure(let reason):
                logger.warning("ignoring state snapshot: \(reason); replaying the log instead", metadata: ["path": "\(candidate.path)"])
            }
        }
        return nil
    }

    /// Why a snapshot file is not used.
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        /// For the warning line.
        public let description: String
    }

    /// A snapshot file read and decoded, not yet checked against the log.
    public struct Decoded: Sendable {
        /// The file.
        public var path: String
        /// The seq it covers and the identity of the log's record there.
        public var seq: UInt64
        var identity: UInt32
        /// The state it holds.
        public var registry: Registry
        /// See `registry`.
        public var projection: Projection
    }

    /// Loads one snapshot file and checks it against the running danvan and `log`.
    public static func load(_ path: String, log: LogSnapshot) -> Result<LoadedStateSnapshot, Refusal> {
        read(path).flatMap { check($0, against: log) }
    }

    /// Reads, verifies and decodes one snapshot file: everything that does not need the log,
    /// so that danvand does it on a second thread while it recovers the log (at 10M events
    /// both take about a second).
    public static func read(_ path: String) -> Result<Decoded, Refusal> {
        let file: (header: SnapshotFile.Header, body: [UInt8])
        do {
            file = try SnapshotFile.read(path)
        } catch {
            return .failure(Refusal(description: error.description))
        }
        let h = file.header
        guard h.bodyFormat == StateSnapshotCodec.formatVersion else {
            return .failure(Refusal(description: "it has state format \(h.bodyFormat), this danvan reads \(StateSnapshotCodec.formatVersion)"))
        }
        guard h.catalogue == catalogue else {
            return .failure(Refusal(description: "it was built with event catalogue \(h.catalogue), this danvan has \(catalogue)"))
        }
        do {
            let state = try StateSnapshotCodec.decode(file.body)
            guard state.projection.lastSeq == h.seq else {
                return .failure(Refusal(description: "its projection is at seq \(state.projection.lastSeq), its header says \(h.seq)"))
            }
            return .success(Decoded(path: path, seq: h.seq, identity: h.identity, registry: state.registry, projection: state.projection))
        } catch {
            return .failure(Refusal(description: error.description))
        }
    }

    /// Accepts a decoded snapshot for `log` when the log reaches its seq and holds the very
    /// record the snapshot was taken at.
    public static func check(_ decoded: Decoded, against log: LogSnapshot) -> Result<LoadedStateSnapshot, Refusal> {
        guard decoded.seq >= 1, decoded.seq <= log.lastSeq else {
            return .failure(Refusal(description: "it covers seq \(decoded.seq) but the log ends at seq \(log.lastSeq) (was the log repaired or replaced?)"))
        }
        let identity: UInt32?
        do {
            identity = try log.recordIdentity(seq: decoded.seq)
        } catch {
            return .failure(Refusal(description: "the log's record \(decoded.seq) cannot be read: \(error)"))
        }
        guard identity == decoded.identity else {
            return .failure(Refusal(description: "it does not match the log's record at seq \(decoded.seq): it is a snapshot of another log"))
        }
        return .success(LoadedStateSnapshot(registry: decoded.registry, projection: decoded.projection, seq: decoded.seq, path: decoded.path))
    }

    /// Encodes `capture` and writes it atomically into `directory`, removing the older
    /// snapshots `retention` does not keep once it is durable. Blocking: call it on a thread
    /// that may block. Returns the file's size.
    @discardableResult
    public static func write(
        _ capture: StateCapture, directory: String, log: LogSnapshot, retention: SnapshotRetention = .newestOnly
    ) throws -> Int {
        guard let identity = try log.recordIdentity(seq: capture.seq) else {
            throw Refusal(description: "seq \(capture.seq) is not durable in the log")
        }
        let body = StateSnapshotCodec.encode(registry: capture.registry, projection: capture.projection)
        let header = SnapshotFile.Header(
            bodyFormat: StateSnapshotCodec.formatVersion, catalogue: catalogue, seq: capture.seq, identity: identity)
        try SnapshotFile.write(header, body: body, directory: directory, retention: retention)
        return body.count + 44
    }
}
