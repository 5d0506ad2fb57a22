extension Migration {
    /// Version 3: danvand's named periods in SQL, so that a psql question says `2023-H1` or
    /// `2023-Q2` with `decree09` as a danvanctl one does: `danvan_period(name, cutoff)` gives its
    /// days, `national_summary_period(province, unit, name, cutoff, answered_by)` its figures.
    static let namedPeriods = Migration(version: 3, name: "named periods", statements: [
        """
        CREATE FUNCTION danvan_period(p_name text, p_cutoff text DEFAULT 'calendar', OUT from_day date, OUT to_day date)
        LANGUAGE plpgsql IMMUTABLE AS $$
        DECLARE
            y1 integer; y2 integer; m1 integer; m2 integer;
        BEGIN
            IF p_name ~ '^[0-9]{4}$' THEN
                y1 := p_name::integer; y2 := y1; m1 := 1; m2 := 12;
            ELSIF p_name ~ '^[0-9]{4}-H[12]$' THEN
                y1 := left(p_name, 4)::integer; y2 := y1; m1 := CASE right(p_name, 1) WHEN '1' THEN 1 ELSE 7 END; m2 := m1 + 5;
            ELSIF p_name ~ '^[0-9]{4}-Q[1-4]$' THEN
                y1 := left(p_name, 4)::integer; y2 := y1; m1 := (right(p_name, 1)::integer - 1) * 3 + 1; m2 := m1 + 2;
            ELSIF p_name ~ '^[0-9]{4}-9M$' THEN
                y1 := left(p_name, 4)::integer; y2 := y1; m1 := 1; m2 := 9;
            ELSIF p_name ~ '^[0-9]{4}-(0[1-9]|1[0-2])$' THEN
                y1 := left(p_name, 4)::integer; y2 := y1; m1 := right(p_name, 2)::integer; m2 := m1;
            ELSIF p_name ~ '^[0-9]{4}\\.\\.[0-9]{4}$' THEN
                y1 := left(p_name, 4)::integer; y2 := right(p_name, 4)::integer; m1 := 1; m2 := 12;
                IF y2 < y1 THEN RAISE EXCEPTION 'period %: the last year is before the first', p_name; END IF;
            ELSE
                RAISE EXCEPTION 'period %: the forms are 2023, 2023-H1, 2023-Q2, 2023-9M, 2023-05, 2020..2025', p_name;
            END IF;
            IF y1 < 1900 OR y2 > 2199 THEN RAISE EXCEPTION 'period %: years 1900 to 2199', p_name; END IF;
            IF p_cutoff = 'calendar' THEN
                from_day := make_date(y1, m1, 1);
                to_day := (make_date(y2, m2, 1) + interval '1 month' - interval '1 day')::date;
            ELSIF p_cutoff = 'decree09' THEN
                from_day := (make_date(y1, m1, 15) - interval '1 month')::date;
                to_day := make_date(y2, m2, 14);
            ELSE
                RAISE EXCEPTION 'cutoff %: calendar or decree09', p_cutoff;
            END IF;
        END
        $$
        """,
        """
        CREATE FUNCTION national_summary_period(p_province text, p_unit text, p_period text, p_cutoff text DEFAULT 'calendar',
                                         p_answered_by date DEFAULT NULL)
        RETURNS jsonb LANGUAGE sql STABLE AS $$
            SELECT national_summary(p_province, p_unit, p.from_day, p.to_day, p_answered_by)
            FROM danvan_period(p_period, p_cutoff) AS p
        $$
        """,
    ])
}
