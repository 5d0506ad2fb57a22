/// The binary form of the in-memory state (the `Registry` that validates appends and the
/// `Projection` that answers queries) at one durable seq: the body of a snapshot file,
/// which lets danvand start without replaying the whole log.
///
/// Pure: no I/O and no checksum here. The file around the body (magic, this format's
/// version, the catalogue version, the seq it covers, the identity of the log record at
/// that seq and a CRC32C over it all) is `DanvanStorage`'s `SnapshotFile`, and the log
/// stays the only source of truth: a body that does not decode is ignored.
///
/// Body layout (format 6; 5 kept one view of the figures, 4 kept no unit names, no lineage and figures per year rather than
/// per half-month and day, 3 the same and 2 no unit in the registry's campaigns), in the
/// `PayloadWriter` primitives of the record codec:
///
///     registry:   units (with their current names), the lineage (`UnitLineage`), campaigns,
///                 dialogues, models, streams (each: varint count, entries),
///                 then the event-id index as a varint count and fixed 24-byte entries
///                 (id high u64LE, id low u64LE, packed entry u64LE) for a fast bulk load;
///     projection: lastSeq, eventCount, nextOrder, whether the boundaries views differ and
///                 are unsettled (a u8), units (with their figures, then a u8 saying which
///                 of the historical figures and answers and the own facts follow), roots,
///                 campaigns, dialogues, models; then the projection's lineage.
///
/// Bump `formatVersion` for any change to this layout: an older snapshot is then ignored
/// (and the log replayed), never misread.
public enum StateSnapshotCodec {
    /// Version of the body layout above.
    public static let formatVersion: UInt32 = 6

    /// Encodes `registry` and `projection`, which must describe the same durable seq.
    public static func encode(registry: Registry, projection: Projection) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(registry.events.count * 26 + projection.units.count * 512 + 4096)
        var w = PayloadWriter(taking: &out)
        registry.write(to: &w)
        projection.write(to: &w)
        projection.lineage.write(to: &w)
        return w.finish()
    }

    /// Decodes a body written by `encode`; throws on anything that is not exactly such a body.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws(StateSnapshotError) -> (registry: Registry, projection: Projection) {
        var r = PayloadReader(bytes)
        do {
            let registry = try Registry(snapshot: &r)
            var projection = try Projection(snapshot: &r)
            projection.lineage = try UnitLineage(snapshot: &r)
            try r.expectEnd()
            // Derived, not stored: worked out again from what was restored.
            if projection.viewsDiffer { projection.indexHistoricalCommunes() }
            return (registry, projection)
        } catch {
            throw StateSnapshotError(error)
        }
    }

    /// `decode` of an array.
    public static func decode(_ bytes: [UInt8]) throws(StateSnapshotError) -> (registry: Registry, projection: Projection) {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(StateSnapshotError) in try decode(raw) }
        }
        return try result.get()
    }
}
