extension Migration {
    /// Version 1: every province's events, exactly as their danvand logged them.
    static let eventsTable = Migration(version: 1, name: "events table", statements: [
        """
        CREATE TABLE events (
            province    text        NOT NULL,
            seq         bigint      NOT NULL CHECK (seq >= 1),
            id          uuid        NOT NULL,
            type        text        NOT NULL,
            recorded_at timestamptz NOT NULL,
            actor       jsonb       NOT NULL,
            data        jsonb       NOT NULL,
            stream      text,
            version     bigint,
            CONSTRAINT events_province_seq UNIQUE (province, seq),
            CONSTRAINT events_id UNIQUE (id)
        )
        """,
        "COMMENT ON TABLE events IS 'Every event of every province''s danvand log, shipped by danvan-ship: one row per (province, seq), ids unique across the country; data and actor as danvand wrote them (jsonb numbers are exact numeric).'",
        "CREATE INDEX events_province_type ON events (province, type)",
        "CREATE INDEX events_void_target ON events (province, (data->>'target')) WHERE type = 'entry.voided'",
        """
        CREATE TABLE provinces (
            province text PRIMARY KEY,
            first_shipped_at timestamptz NOT NULL DEFAULT now()
        )
        """,
        "COMMENT ON TABLE provinces IS 'The provinces whose shipper has connected at least once.'",
    ])
}
