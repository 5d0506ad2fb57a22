import DanvanDomain

/// Every command of danvanctl, in the order `help` lists them.
public enum CommandCatalog {
    static let year = FlagSpec("--year", .integer("YEAR"), help: "only events dated in this year (\(Day.years.lowerBound)-\(Day.years.upperBound))")
    static let from = FlagSpec("--from", .integer("SEQ"), help: "first sequence number")
    /// The flags of a period, on every figure command (the daemon checks how they combine).
    static let period: [FlagSpec] = [
        year,
        FlagSpec("--period", .text("PERIOD"), help: "only events dated in it: 2023, 2023-H1, 2023-Q2, 2023-9M, 2023-05, 2020..2025"),
        FlagSpec("--from", .text("DATE"), help: "only events dated on or after DATE (YYYY-MM-DD)"),
        FlagSpec("--to", .text("DATE"), help: "only events dated on or before DATE (YYYY-MM-DD)"),
        FlagSpec("--cutoff", .text("calendar|decree09"), help: "how --period/--year is cut: calendar, or decree09 (15th of the month before to the 14th)"),
        FlagSpec("--boundaries", .boundaries, help: "current (today's units: merged units' history in what they became; the default) or historical (each fact where its unit stood on its date)"),
    ]
    static let answeredBy = FlagSpec("--answered-by", .text("DATE"), help: "count only answers given on or before DATE (YYYY-MM-DD)")
    static let type = FlagSpec("--type", .eventType, repeatable: true, help: "only events of this type (repeat for several)")
    static let stream = FlagSpec("--stream", .text("STREAM"), help: "only events of this stream")
    static let asOf = FlagSpec("--as-of", .text("SEQ|TIME|DATE"), help: AsOfInput.help)

    /// The commands.
    public static let commands: [CommandSpec] = [
        CommandSpec(
            "status", "", summary: "daemon and log figures: events, segments, bytes, clients, uptime",
            examples: ["status"]),
        CommandSpec(
            "hello", "", summary: "who the daemon thinks you are, its version and its operations",
            examples: ["hello"]),
        CommandSpec(
            "summary", "[UNIT] [--year YEAR | --period P | --from DATE --to DATE] [--cutoff C] [--answered-by DATE]",
            summary: "the figures of a unit and everything under it (all provinces when no unit)",
            details: """
                UNIT is a code (BY) or a Vietnamese name with or without diacritics, in any case \
                ("Bảo Yên", "bao yen", "BAO YEN"); no quotes are needed around a name with spaces. \
                A name typed with diacritics means that name exactly (Sa Pả), and a level word narrows it \
                (tỉnh Lào Cai, xã Lào Cai, huyện Sa Pa). When a name still fits several units, the \
                candidates are listed with how to name each.
                """,
            arguments: .unit, flags: period + [answeredBy, asOf],
            examples: ["summary LC", "summary bao yen --year 2023", "summary LC --period 2023-Q2 --cutoff decree09",
                       "summary BY --from 2023-03-10 --to 2023-08-20", "--output json summary LC --year 2023"]),
        CommandSpec(
            "units", "[PARENT] [--year YEAR | --period P | --from DATE --to DATE] [--cutoff C] [--answered-by DATE]",
            summary: "the figures of each unit directly under PARENT (the provinces when none), in Vietnamese alphabetical order, with a total",
            details: """
                The table ends with the parent's own figure; when the parent has events of its own \
                (a district's dialogues), a row "at PARENT itself" shows them so the rows add up to the total.
                """,
            arguments: .unit, flags: period + [answeredBy, asOf],
            examples: ["units", "units LC --year 2023", "units LC --period 2023-H1", "units bao yen"]),
        CommandSpec(
            "tree", "[UNIT] [--depth N] [--as-of SEQ|TIME|DATE]",
            summary: "the units under UNIT (every unit when none) as an outline, with their codes, no figures",
            details: """
                Each unit's children are indented under it, in Vietnamese alphabetical order; --depth 1 lists \
                only the direct children. Use it to find a unit's code or the exact name to type.
                """,
            arguments: .unit, flags: [FlagSpec("--depth", .integer("N"), help: "at most N levels down (1-10)"), asOf],
            examples: ["tree", "tree LC --depth 1", "tree bao yen"]),
        CommandSpec(
            "history", "UNIT",
            summary: "a unit's lineage: when it existed, what it was formed from and became, its renames and moves, with dates and acts",
            details: """
                For the units of a reorganisation (2025: districts ended, communes merged or split): an old \
                unit shows its successors and its last day, a new one what it was formed from.
                """,
            arguments: .unit,
            examples: ["history BY-VINHYEN", "history xã Bảo Yên"]),
        CommandSpec(
            "campaigns", "[UNIT] [--active | --closed] [--period P | --from DATE --to DATE]",
            summary: "campaigns launched at a unit or under it",
            details: "With a period: the campaigns running in it, with what was contributed in it and their progress by its end.",
            arguments: .unit,
            flags: [
                FlagSpec("--active", help: "only campaigns not yet closed"),
                FlagSpec("--closed", help: "only closed campaigns"),
            ] + period + [asOf],
            examples: ["campaigns", "campaigns BY --closed"]),
        CommandSpec(
            "campaign", "ID [--period P | --from DATE --to DATE]", summary: "one campaign: its totals and its progress against its targets",
            details: "With a period: what was contributed in it, and the progress by its end.",
            arguments: .one(.campaign), flags: period + [asOf], examples: ["campaign NTM-2021", "campaign NTM-2021 --period 2023-Q2"]),
        CommandSpec(
            "opinions", "[UNIT] [--open | --answered] [--older-than DAYS] [--limit N] [--period P | --from DATE --to DATE] [--answered-by DATE]",
            summary: "opinions raised at dialogues, oldest first (open ones unless --answered)",
            details: """
                The age of an open opinion counts from its dialogue to today (to --answered-by when given);                 of an answered one, to its answer. A period keeps the opinions of dialogues held in it;                 --answered-by shows them as they stood that day (an answer given later is still open then).
                """,
            arguments: .unit,
            flags: [
                FlagSpec("--open", help: "opinions not answered yet (the default)"),
                FlagSpec("--answered", help: "opinions answered"),
                FlagSpec("--older-than", .integer("DAYS"), help: "only opinions older than DAYS days"),
                FlagSpec("--limit", .integer("N"), help: "show at most N (default 1000)"),
            ] + period + [answeredBy, asOf],
            examples: ["opinions --open --older-than 30", "opinions van ban --answered --limit 20", "opinions LC --period 2022 --answered-by 2022-12-31"]),
        CommandSpec(
            "models", "[UNIT] [--field FIELD] [--period P | --from DATE --to DATE]", summary: "registered \"Dân vận khéo\" models (registered in the period when given)",
            arguments: .unit,
            flags: [FlagSpec("--field", .modelField, help: ModelField.allCases.map(\.rawValue).joined(separator: ", "))] + period + [asOf],
            examples: ["models BY", "models --field economy"]),
        CommandSpec(
            "report", "[UNIT] --period P | --year YEAR | --from DATE --to DATE [--cutoff C] [--boundaries current|historical] [--format md|html|csv|xlsx] [--lang vi|en] [--out FILE] [--compare P2] [--older-than DAYS] [--as-of SEQ|TIME|DATE]",
            summary: "the periodic report of a unit: its figures, its children side by side, campaigns, open opinions, models (md, html, csv, xlsx)",
            details: """
                Every table is asked of the daemon at one point of its log (the last event now, or --as-of), \
                and the report states the unit, the period with the exact days the daemon cut, that asOf seq \
                and when it was made: `report ... --as-of SEQ` makes the same report again. Tables: the unit's \
                figures (beside --compare's period, with the change), its children with their total, campaigns \
                and their progress against targets, opinions open for more than --older-than days (default 30), \
                models by field, communes with models by child, the models registered in the period. \
                md (default) is Markdown; html one self-contained file with bar charts that prints on A4; csv one \
                file per table in the directory --out names (tables one after another on stdout without it); xlsx \
                a workbook with one sheet per table (needs --out, or stdout not a terminal). Labels, numbers and \
                dates are Vietnamese (649.003, 283,75, 98,7%, 31/12/2023) when LANG is vi_VN.*, English \
                otherwise; --lang says which.
                """,
            arguments: .unit,
            flags: period + [
                FlagSpec("--format", .choice(ReportFileFormat.allCases.map(\.rawValue)), help: "md (default), html, csv or xlsx"),
                FlagSpec("--lang", .choice(ReportLanguage.allCases.map(\.rawValue)), help: "labels and number formats: vi or en (default: vi when LANG is vi_VN.*)"),
                FlagSpec("--out", .file, help: "write to FILE (a directory for csv) instead of standard output"),
                FlagSpec("--compare", .text("PERIOD"), help: "another period beside it, with the change (e.g. the same quarter last year)"),
                FlagSpec("--older-than", .integer("DAYS"), help: "list the opinions open for more than DAYS days (default 30)"),
                asOf,
            ],
            examples: ["report LC --period 2023", "report BY --period 2023-Q2 --compare 2022-Q2 --format html --out by-2023q2.html",
                       "report LC --period 2023-H1 --format xlsx --out lc-2023h1.xlsx --lang vi",
                       "report LC --period 2023 --format csv --out lc-2023/", "report LC --period 2023 --as-of 8684"]),
        CommandSpec(
            "query", "PROJECTION [NAME=VALUE ...] [--as-of SEQ|TIME|DATE]",
            summary: "any projection with its parameters as the protocol names them",
            details: "Projections: \(Query.names.joined(separator: ", ")). Values that look like numbers are sent as numbers.",
            arguments: .query, flags: [asOf],
            examples: ["query summary unit=BY year=2023", "query opinions status=answered limit=5", "query summary unit=BY --as-of 2025-12-31"]),
        CommandSpec(
            "read", "[--from SEQ] [--limit N] [--type TYPE ...] [--stream STREAM]",
            summary: "stored events from a sequence number",
            flags: [from, FlagSpec("--limit", .integer("N"), help: "at most N events (default 100, at most 10000)"), type, stream],
            examples: ["read --from 1 --limit 5", "read --type dialogue.held --limit 3"]),
        CommandSpec(
            "follow", "[--from SEQ] [--type TYPE ...] [--stream STREAM] [--poll [--interval SECONDS]]",
            summary: "print events as they are stored, until Ctrl-C",
            details: """
                Starts after the last stored event unless --from is given. Events are pushed by the \
                daemon's subscribe operation; with a daemon that lacks it, or with --poll, follow asks \
                `read` every --interval seconds (default 0.5). json and ndjson both print one event per line.
                """,
            flags: [
                from, type, stream,
                FlagSpec("--poll", help: "poll with read instead of subscribing"),
                FlagSpec("--interval", .seconds, help: "seconds between polls (default 0.5)"),
            ],
            examples: ["follow", "follow --type land.donated --output ndjson"]),
        CommandSpec(
            "export", "[--from SEQ]",
            summary: "every stored event as NDJSON, the form import reads back",
            details: """
                The output is NDJSON unless --output says otherwise (json also prints one event per line). \
                Export stops at the last event stored when it started.
                """,
            flags: [from], examples: ["export > backup.ndjson", "export --from 8000"]),
        CommandSpec(
            "append", "TYPE FIELD=VALUE ... [--id UUID] [--stream STREAM] [--expected-version V] | --file FILE | JSON",
            summary: "store one event, from arguments or from a JSON file",
            details: """
                FIELD=VALUE pairs form the event's data; values are typed from the daemon's schema \
                (numbers for decimal and integer fields), and FIELD:=JSON gives a raw JSON value. \
                Numbers are read plainly by default: 1200, 1200.5, -3, 1_200.5; a comma (1,5 or 1,200) or a \
                point before exactly three digits (1.200) could mean two things and is refused. Say how you \
                write numbers with --numbers vi (1.200,5 = 1200.5; 1,5 = 1.5) or --numbers en (1,200.5) before \
                the command, or \\numbers vi|en|plain in the shell; a form invalid in that style is refused. \
                Integer fields take whole numbers only, and money (amountVnd, assetsVnd, valueVnd) is whole VND. \
                Dates are YYYY-MM-DD: 31/12/2023 is refused with the form to write (2023-12-31). \
                A unit field (unit, parent) takes a code or a name, resolved by the daemon as queries resolve \
                it (unit="Bảo Hà" stores BY-BAOHA); a name several units share is refused with their codes. \
                --file FILE (or -) reads one event object {type, data, id?, stream?}. Give --id to make \
                a retry safe: an event whose id is stored is acknowledged as a duplicate, not stored twice.
                """,
            arguments: .event,
            flags: [
                FlagSpec("--file", .file, help: "a JSON file holding one event ('-' for stdin)"),
                FlagSpec("--id", .text("UUID"), help: "the event's id"),
                FlagSpec("--stream", .text("STREAM"), help: "the event's stream"),
                FlagSpec("--expected-version", .text("V"), help: "append only if the stream is at version V (or 'none')"),
            ],
            examples: [
                "append land.donated unit=BY-BAOHA households=3 areaM2=1200.5 purpose=road donatedOn=2024-05-02",
                "append --file event.json",
            ]),
        CommandSpec(
            "import", "FILE|- [--batch N] [--from-line N]",
            summary: "append the events of an NDJSON file through the daemon, in batches",
            details: """
                Each line is an event {type, data, id?, stream?} (NDJSON, one JSON event per line); lines as \
                export writes them are accepted (seq, version, recordedAt and actor are dropped: the daemon \
                records them anew). Spreadsheets (CSV, XLSX) go through import-sheet. Every line is \
                checked with the daemon's own event rules before anything is sent: a bad line stores nothing, \
                and all bad lines are listed. What only the daemon can see (an unknown unit, a taken code) \
                stops the import at its batch: nothing of that batch is stored, and the message says which \
                lines and seqs were stored and the command that goes on (--from-line N skips the lines before \
                N). Ctrl-C waits for the batch in flight and stops with an exact count and the command that \
                resumes; a second Ctrl-C abandons that batch, whose lines are then unknown (check with status \
                or read). Events whose id is stored are skipped as duplicates, so an import of lines with ids \
                can also simply be run again; lines without an id would be stored twice: resume them with \
                --from-line.
                """,
            arguments: .one(.file),
            flags: [
                FlagSpec("--batch", .integer("N"), help: "events per append (default 1000)"),
                FlagSpec("--from-line", .integer("N"), help: "skip the lines before line N (resume where an import stopped)"),
            ],
            examples: ["import Samples/lao-cai.ndjson", "import - (stdin: danvanctl export | ssh host danvanctl import -)"]),
        CommandSpec(
            "import-sheet", "FILE.xlsx|FILE.csv --map MAP [--type TYPE] [--sheet NAME] [--dry-run] [--skip-bad] [--replace-edited]",
            summary: "append the rows of a spreadsheet (xlsx or CSV) as events of one type, through a mapping of columns to fields",
            details: """
                MAP is a JSON file: {"type": "land.donated", "columns": {"Đơn vị": "unit", "Số hộ": "households", \
                "Diện tích (m²)": "areaM2", "Ngày hiến": "donatedOn"}, "constants": {"purpose": "road"}, \
                "values": {"purpose": {"Đường": "road"}}, "numbers": "vi"}. Headers match as written or without \
                diacritics; units are codes or names (with or without diacritics); days dd/mm/yyyy or yyyy-mm-dd; \
                numbers as "numbers" says (vi: 1.234,5, the default; en: 1,234.5; plain: 1234.5), a workbook's \
                numeric cells as stored. Every row is checked with the daemon's rules before anything is sent: \
                --dry-run lists each row that would be refused (row, column, reason) and stores nothing; without \
                it one bad row refuses the file, or --skip-bad sends the good rows and writes the refused ones \
                to FILE.rejected.csv beside it, with the reason. Each row's event id is a UUIDv5 of the file's \
                name and the row's data, so importing the same sheet again stores nothing twice; a row edited \
                since becomes a new event. With "key" in the mapping (the columns that name a row: ["Số phiếu"]), \
                the import finds the old event of an edited row and says so; --replace-edited voids it, in the \
                same batch as the new one.
                """,
            arguments: .one(.file),
            flags: [
                FlagSpec("--map", .file, help: "the mapping file (JSON): columns to fields, constants, values, number style"),
                FlagSpec("--type", .eventType, help: "the event type of every row (or \"type\" in the mapping)"),
                FlagSpec("--sheet", .text("NAME"), help: "the workbook's sheet to read (default: the first)"),
                FlagSpec("--dry-run", help: "check every row and list the refused ones; store nothing"),
                FlagSpec("--skip-bad", help: "send the good rows, write the refused ones to FILE.rejected.csv"),
                FlagSpec("--replace-edited", help: "void the old event of each row edited since an earlier import (needs \"key\" in the mapping)"),
            ],
            examples: ["import-sheet Samples/sheets/hien-dat.csv --map Samples/sheets/hien-dat.map.json --dry-run",
                       "import-sheet Samples/sheets/hien-dat.xlsx --map Samples/sheets/hien-dat.map.json --skip-bad"]),
        CommandSpec(
            "backup", "DIRECTORY", summary: "a verified copy of the log, taken while the daemon serves",
            details: """
                The daemon copies its log, consistent up to the last durable event, into DIRECTORY and \
                verifies the copy before answering. DIRECTORY must be new or empty and writable by the \
                daemon (under systemd, a directory below /var/lib/danvan/); a relative path is taken from \
                the current directory. To restore, stop danvand, replace the state directory's *.dvlog files \
                with the copy's, and start it.
                """,
            arguments: .one(.file), examples: ["backup /var/lib/danvan/backup-2024-06-30"]),
        CommandSpec(
            "schema", "[TYPE]", summary: "the event catalogue, or the fields of one event type",
            arguments: .optional(.eventType), examples: ["schema", "schema land.donated"]),
        CommandSpec(
            "raw", "JSON", summary: "send one request line as it is and print the reply",
            details: "An \"id\" is added when the request has none. The exit status is 1 when the reply is an error.",
            arguments: .raw, examples: [#"raw {"op":"query","projection":"summary","unit":"LC"}"#]),
        CommandSpec(
            "help", "[COMMAND]", summary: "the commands, or the details of one",
            arguments: .optional(.command), examples: ["help", "help summary"]),
    ]

    /// The command named `name`.
    public static func command(_ name: String) -> CommandSpec? {
        commands.first { $0.name == name }
    }
}
