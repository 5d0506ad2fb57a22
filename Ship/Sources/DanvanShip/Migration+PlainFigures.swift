extension Migration {
    /// Version 2: the national figures, as danvand's `summary` computes them, over the units as
    /// registered (the plain tree: each unit under the parent of its `unit.registered`; unit
    /// changes of catalogue 2 are not applied).
    ///
    /// Views: `units`, and a table `unit_tree` (each unit with every ancestor, kept by a trigger), `live_events` (not voided by an
    /// `entry.voided`), `contributions` (land, funds, labour, works, each with its own date).
    /// Functions: `national_summary(province, unit, from, to)` (jsonb, danvand's field names and
    /// exact decimals), `national_provinces(from, to)` (one row per province, side by side).
    static let plainFigures = Migration(version: 2, name: "national figures (plain tree)", statements: [
        """
        CREATE VIEW units AS
        SELECT province, data->>'code' AS code, data->>'name' AS name, data->>'level' AS level,
               data->>'parent' AS parent, seq AS registered_seq
        FROM events WHERE type = 'unit.registered'
        """,
        // Each unit with itself and every ancestor, kept by a trigger as units are registered (a
        // parent is always registered before its children), so that figure queries join a table.
        """
        CREATE TABLE unit_tree (
            province text NOT NULL,
            unit     text NOT NULL,
            ancestor text NOT NULL,
            depth    integer NOT NULL,
            PRIMARY KEY (province, ancestor, unit)
        )
        """,
        "CREATE INDEX unit_tree_unit ON unit_tree (province, unit)",
        """
        CREATE FUNCTION danvan_unit_registered() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO unit_tree VALUES (NEW.province, NEW.data->>'code', NEW.data->>'code', 0) ON CONFLICT DO NOTHING;
            INSERT INTO unit_tree
                SELECT NEW.province, NEW.data->>'code', t.ancestor, t.depth + 1 FROM unit_tree t
                WHERE t.province = NEW.province AND t.unit = NEW.data->>'parent'
                ON CONFLICT DO NOTHING;
            RETURN NULL;
        END
        $$
        """,
        """
        CREATE TRIGGER events_unit_registered AFTER INSERT ON events
        FOR EACH ROW WHEN (NEW.type = 'unit.registered') EXECUTE FUNCTION danvan_unit_registered()
        """,
        // Units shipped before this migration.
        """
        INSERT INTO unit_tree
        WITH RECURSIVE up(province, unit, ancestor, depth) AS (
            SELECT province, code, code, 0 FROM units
            UNION ALL
            SELECT up.province, up.unit, u.parent, up.depth + 1
            FROM up JOIN units u ON u.province = up.province AND u.code = up.ancestor
            WHERE u.parent IS NOT NULL
        )
        SELECT province, unit, ancestor, depth FROM up
        ON CONFLICT DO NOTHING
        """,
        """
        CREATE VIEW live_events AS
        SELECT e.* FROM events e
        WHERE NOT EXISTS (
            SELECT 1 FROM events v
            WHERE v.type = 'entry.voided' AND v.province = e.province AND v.data->>'target' = e.id::text)
          AND e.type <> 'entry.voided'
        """,
        """
        CREATE VIEW contributions AS
        SELECT province, seq, id, type, data->>'unit' AS unit,
               (CASE type WHEN 'land.donated' THEN data->>'donatedOn'
                          WHEN 'works.completed' THEN data->>'completedOn'
                          ELSE data->>'contributedOn' END)::date AS on_date,
               CASE WHEN type = 'land.donated' THEN (data->>'areaM2')::numeric ELSE 0 END AS land_m2,
               CASE WHEN type = 'land.donated' THEN (data->>'households')::numeric ELSE 0 END AS households,
               CASE WHEN type = 'land.donated' THEN coalesce((data->>'assetsVnd')::numeric, 0) ELSE 0 END AS assets_vnd,
               CASE WHEN type = 'funds.contributed' THEN (data->>'amountVnd')::numeric ELSE 0 END AS funds_vnd,
               CASE WHEN type = 'labor.contributed' THEN (data->>'workdays')::numeric ELSE 0 END AS workdays,
               CASE WHEN type = 'works.completed' THEN data->>'kind' END AS works_kind,
               CASE WHEN type = 'works.completed' THEN (data->>'count')::numeric ELSE 0 END AS works_count,
               CASE WHEN type = 'works.completed' THEN coalesce((data->>'lengthKm')::numeric, 0) ELSE 0 END AS works_km,
               CASE WHEN type = 'works.completed' THEN coalesce((data->>'valueVnd')::numeric, 0) ELSE 0 END AS works_vnd
        FROM live_events
        WHERE type IN ('land.donated', 'funds.contributed', 'labor.contributed', 'works.completed')
        """,
        // part / whole rounded half-up to 4 decimals, null when whole is 0: danvand's rates.
        """
        CREATE FUNCTION danvan_rate(part numeric, whole numeric) RETURNS numeric
        LANGUAGE sql IMMUTABLE AS $$
            SELECT CASE WHEN whole > 0 THEN trim_scale(div(part * 20000 + whole, 2 * whole) / 10000.0) END
        $$
        """,
        // The units a question covers: `unit` and its descendants in `province`; every unit of
        // `province` without a unit; every unit without a province.
        """
        CREATE FUNCTION danvan_scope(p_province text, p_unit text)
        RETURNS TABLE(province text, unit text)
        LANGUAGE sql STABLE AS $$
            SELECT t.province, t.unit FROM unit_tree t
            WHERE (p_province IS NULL OR t.province = p_province)
              AND ((p_unit IS NULL AND t.depth = 0) OR t.ancestor = p_unit)
        $$
        """,
        """
        CREATE FUNCTION national_summary(p_province text DEFAULT NULL, p_unit text DEFAULT NULL,
                                         p_from date DEFAULT NULL, p_to date DEFAULT NULL,
                                         p_answered_by date DEFAULT NULL)
        RETURNS jsonb LANGUAGE sql STABLE
        -- Its CTEs come from functions and jsonb keys, which the planner estimates at one row:
        -- hash joins, not nested loops over thousands of rows.
        SET enable_nestloop = off
        AS $$
        WITH scope AS (SELECT * FROM danvan_scope(p_province, p_unit)),
        c AS (
            SELECT c.* FROM contributions c JOIN scope s ON s.province = c.province AND s.unit = c.unit
            WHERE (p_from IS NULL OR c.on_date >= p_from) AND (p_to IS NULL OR c.on_date <= p_to)
        ),
        kinds(kind, ord) AS (VALUES ('road', 1), ('border_road', 2), ('house', 3), ('lighting', 4), ('other', 5)),
        w AS (
            SELECT k.kind, k.ord, coalesce(sum(c.works_count), 0) AS n, trim_scale(coalesce(sum(c.works_km), 0)) AS km,
                   coalesce(sum(c.works_vnd), 0) AS vnd
            FROM kinds k LEFT JOIN c ON c.works_kind = k.kind GROUP BY k.kind, k.ord
        ),
        d AS (
            SELECT e.province, e.data FROM live_events e JOIN scope s ON s.province = e.province AND s.unit = e.data->>'unit'
            WHERE e.type = 'dialogue.held'
              AND (p_from IS NULL OR (e.data->>'heldOn')::date >= p_from) AND (p_to IS NULL OR (e.data->>'heldOn')::date <= p_to)
        ),
        -- An opinion has at most one live answer (a second needs the first voided).
        answered AS (
            SELECT count(*) AS n
            FROM live_events a JOIN d ON d.province = a.province AND d.data->>'dialogue' = a.data->>'dialogue'
            WHERE a.type = 'opinion.answered' AND (p_answered_by IS NULL OR (a.data->>'answeredOn')::date <= p_answered_by)
        ),
        launched AS (
            SELECT e.province, e.data->>'campaign' AS campaign, (e.data->>'startedOn')::date AS started_on
            FROM live_events e JOIN scope s ON s.province = e.province AND s.unit = e.data->>'unit'
            WHERE e.type = 'campaign.launched'
        ),
        closed AS (
            SELECT e.province, e.data->>'campaign' AS campaign, (e.data->>'closedOn')::date AS closed_on
            FROM live_events e WHERE e.type = 'campaign.closed'
        ),
        camp AS (
            SELECT
                count(*) FILTER (WHERE (p_from IS NULL OR l.started_on >= p_from) AND (p_to IS NULL OR l.started_on <= p_to)) AS launched,
                count(*) FILTER (WHERE (p_from IS NULL OR l.started_on >= p_from) AND (p_to IS NULL OR l.started_on <= p_to)
                                   AND cl.campaign IS NULL) AS active,
                count(cl.campaign) FILTER (WHERE (p_from IS NULL OR cl.closed_on >= p_from) AND (p_to IS NULL OR cl.closed_on <= p_to)) AS closed
            FROM launched l LEFT JOIN closed cl ON cl.province = l.province AND cl.campaign = l.campaign
        ),
        m AS (
            SELECT e.province, e.data->>'field' AS field, e.data->>'unit' AS unit
            FROM live_events e JOIN scope s ON s.province = e.province AND s.unit = e.data->>'unit'
            WHERE e.type = 'model.registered'
              AND (p_from IS NULL OR (e.data->>'registeredOn')::date >= p_from) AND (p_to IS NULL OR (e.data->>'registeredOn')::date <= p_to)
        ),
        communes AS (
            SELECT s.province, s.unit FROM scope s JOIN units u ON u.province = s.province AND u.code = s.unit
            WHERE u.level = 'commune'
        ),
        with_models AS (
            SELECT count(*) AS n FROM (
                SELECT DISTINCT t.province, t.ancestor
                FROM m JOIN unit_tree t ON t.province = m.province AND t.unit = m.unit
                JOIN communes cm ON cm.province = t.province AND cm.unit = t.ancestor) x
        ),
        totals AS (
            SELECT (SELECT count(*) FROM communes) AS communes, (SELECT n FROM with_models) AS with_models,
                   (SELECT coalesce(sum(jsonb_array_length(data->'opinions')), 0) FROM d) AS received,
                   (SELECT n FROM answered) AS answered
        )
        SELECT jsonb_build_object(
            'landDonatedM2', (SELECT trim_scale(coalesce(sum(land_m2), 0)) FROM c),
            'donorHouseholds', (SELECT coalesce(sum(households), 0) FROM c),
            'assetsVnd', (SELECT coalesce(sum(assets_vnd), 0) FROM c),
            'fundsVnd', (SELECT coalesce(sum(funds_vnd), 0) FROM c),
            'workdays', (SELECT trim_scale(coalesce(sum(workdays), 0)) FROM c),
            'works', (SELECT jsonb_object_agg(kind, jsonb_build_object('count', n, 'lengthKm', km, 'valueVnd', vnd) ORDER BY ord) FROM w),
            'campaigns', (SELECT jsonb_build_object('launched', launched, 'active', active, 'closed', closed) FROM camp),
            'dialogues', (SELECT jsonb_build_object('held', count(*),
                                                    'periodic', count(*) FILTER (WHERE data->>'format' = 'periodic'),
                                                    'adHoc', count(*) FILTER (WHERE data->>'format' = 'ad_hoc')) FROM d),
            'opinions', (SELECT jsonb_build_object('received', received, 'answered', answered,
                                                   'answeredRate', danvan_rate(answered, received)) FROM totals),
            'models', (SELECT jsonb_build_object(
                           'total', (SELECT count(*) FROM m),
                           'byField', (SELECT jsonb_build_object(
                               'economy', count(*) FILTER (WHERE field = 'economy'),
                               'culture_society', count(*) FILTER (WHERE field = 'culture_society'),
                               'defense_security', count(*) FILTER (WHERE field = 'defense_security'),
                               'political_system', count(*) FILTER (WHERE field = 'political_system')) FROM m),
                           'communes', communes, 'communesWithModels', with_models,
                           'adoptionRate', danvan_rate(with_models, communes)) FROM totals)
        )
        $$
        """,
        """
        CREATE FUNCTION national_provinces(p_from date DEFAULT NULL, p_to date DEFAULT NULL)
        RETURNS TABLE(province text, "landDonatedM2" numeric, "donorHouseholds" numeric, "assetsVnd" numeric,
                      "fundsVnd" numeric, workdays numeric, "worksCount" numeric, "roadsKm" numeric, figures jsonb)
        LANGUAGE sql STABLE AS $$
            SELECT p.province, (f->>'landDonatedM2')::numeric, (f->>'donorHouseholds')::numeric, (f->>'assetsVnd')::numeric,
                   (f->>'fundsVnd')::numeric, (f->>'workdays')::numeric,
                   (SELECT sum((v->>'count')::numeric) FROM jsonb_each(f->'works') AS w(k, v)),
                   trim_scale((f->'works'->'road'->>'lengthKm')::numeric + (f->'works'->'border_road'->>'lengthKm')::numeric),
                   f
            FROM provinces p, LATERAL national_summary(p.province, NULL, p_from, p_to) AS f
            ORDER BY p.province
        $$
        """,
    ])
}
