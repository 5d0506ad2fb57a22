extension Migration {
    /// Version 4: the national figures refuse a province whose units have changed.
    ///
    /// Versions 2 and 3 add facts up in the tree as units were registered. For a province whose
    /// log moves, merges, splits or ends units (catalogue 2, the 2025 reorganisation) that is
    /// neither of danvand's boundaries views, so its figures would be wrong: a figure is never
    /// wrong, so the function says so instead, naming the provinces, until the national schema
    /// applies the lineage. `national_provinces` and `national_summary_period` call
    /// `national_summary` by name and are refused with it.
    static let reorganisedRefused = Migration(version: 4, name: "refuse reorganised provinces", statements: [
        "ALTER FUNCTION national_summary(text, text, date, date, date) RENAME TO danvan_plain_summary",
        """
        CREATE FUNCTION national_summary(p_province text DEFAULT NULL, p_unit text DEFAULT NULL,
                                         p_from date DEFAULT NULL, p_to date DEFAULT NULL,
                                         p_answered_by date DEFAULT NULL)
        RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
        DECLARE changed text;
        BEGIN
            SELECT string_agg(DISTINCT e.province, ', ') INTO changed
            FROM live_events e
            WHERE e.type IN ('unit.moved', 'unit.merged', 'unit.split', 'unit.ended')
              AND (p_province IS NULL OR e.province = p_province);
            IF changed IS NOT NULL THEN
                RAISE EXCEPTION 'the units of % have changed (moved, merged, split or ended)', changed
                    USING ERRCODE = 'feature_not_supported',
                          HINT = 'the national schema adds facts up in the units as registered, which is neither of danvand''s boundaries views for a reorganised province; ask that province''s danvand (danvanctl summary) for its figures';
            END IF;
            RETURN danvan_plain_summary(p_province, p_unit, p_from, p_to, p_answered_by);
        END
        $$
        """,
    ])
}
