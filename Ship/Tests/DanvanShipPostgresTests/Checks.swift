import Testing

/// Checks that `database` (on `port`) holds the province's log exactly: every event once, in
/// order, with danvand's ids.
func expectExactly(_ province: Province, in pg: PostgresCluster, port: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let expected = try province.ids()
    let stats = try pg.value("SELECT count(*) || ' ' || count(DISTINCT seq) || ' ' || count(DISTINCT id) || ' ' || coalesce(min(seq), 0) || ' ' || coalesce(max(seq), 0) FROM events WHERE province = '\(province.code)'", port: port)
    let n = expected.count
    #expect(stats == "\(n) \(n) \(n) \(n > 0 ? 1 : 0) \(n)", sourceLocation: sourceLocation)
    let rows = try pg.psql("SELECT seq || ' ' || id FROM events WHERE province = '\(province.code)' ORDER BY seq", port: port)
    let want = expected.map { "\($0.0) \($0.1)" }
    #expect(rows.count == want.count, sourceLocation: sourceLocation)
    let firstDifference = zip(rows, want).first { $0 != $1 }
    #expect(firstDifference == nil, "first difference: \(String(describing: firstDifference))", sourceLocation: sourceLocation)
}

/// The province's checkpoint in PostgreSQL (-1 when it cannot be read).
func checkpoint(_ province: String, _ pg: PostgresCluster, port: Int? = nil) -> Int64 {
    (try? pg.value("SELECT coalesce(max(seq), 0) FROM events WHERE province = '\(province)'", port: port)).flatMap { Int64($0) } ?? -1
}
