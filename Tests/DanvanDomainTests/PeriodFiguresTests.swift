import DanvanDomain
import DanvanJSON
import Testing

/// Figures for any period equal an independent sum over the stored events: the sample
/// province plus events on the days where half-months and months meet, some voided, for
/// every unit and for named periods in both cutoffs and random from–to ranges.
@Suite struct PeriodFiguresTests {
    static let today = Day(year: 2026, month: 1, day: 1)

    // MARK: Named periods

    @Test(arguments: [
        ("2023", "calendar", "2023-01-01", "2023-12-31"),
        ("2023-H1", "calendar", "2023-01-01", "2023-06-30"),
        ("2023-h2", "calendar", "2023-07-01", "2023-12-31"),
        ("2023-Q2", "calendar", "2023-04-01", "2023-06-30"),
        ("2024-Q1", "calendar", "2024-01-01", "2024-03-31"),
        ("2023-9M", "calendar", "2023-01-01", "2023-09-30"),
        ("2024-02", "calendar", "2024-02-01", "2024-02-29"),
        ("2020..2025", "calendar", "2020-01-01", "2025-12-31"),
        // Nghị định 09/2019/NĐ-CP, article 12: the examples it gives.
        ("2023-06", "decree09", "2023-05-15", "2023-06-14"),
        ("2023-Q2", "decree09", "2023-03-15", "2023-06-14"),
        ("2023-H1", "decree09", "2022-12-15", "2023-06-14"),
        ("2023", "decree09", "2022-12-15", "2023-12-14"),
        ("2023-01", "decree09", "2022-12-15", "2023-01-14"),
        ("2023-H2", "decree09", "2023-06-15", "2023-12-14"),
        ("2023-9M", "decree09", "2022-12-15", "2023-09-14"),
        ("2020..2025", "decree09", "2019-12-15", "2025-12-14"),
    ])
    func namedPeriodsAreCutAsTheirRegimeSays(name: String, cutoff: String, from: String, to: String) throws {
        let n = try #require(PeriodName(name))
        let c = try #require(ReportingCutoff(rawValue: cutoff))
        let (f, t) = n.days(cutoff: c)
        #expect(f?.description == from)
        #expect(t?.description == to)
    }

    @Test(arguments: ["2023-5", "2023-Q5", "2023-H3", "2020-2025", "Q2-2023", "2025..2020", "23", "2023-13", "2023-00", "1899", "2023-6M", " 2023"])
    func anythingElseIsNotAPeriod(text: String) {
        #expect(PeriodName(text) == nil)
    }

    // MARK: Parameters

    static func params(_ json: String) -> JSONObject {
        (try? JSONParser.parse(json).objectValue) ?? JSONObject()
    }

    @Test(arguments: [
        (#"{"projection":"summary","year":2023,"period":"2023"}"#, "period", "either 'year' or 'period'"),
        (#"{"projection":"summary","period":"2023-Q2","from":"2023-04-01"}"#, "from", "either a named period"),
        (#"{"projection":"units","year":2023,"to":"2023-04-01"}"#, "to", "either a named period"),
        (#"{"projection":"summary","from":"2023-04-01","cutoff":"decree09"}"#, "cutoff", "leave 'cutoff' out"),
        (#"{"projection":"summary","from":"2023-04-02","to":"2023-04-01"}"#, "to", "is before 'from'"),
        (#"{"projection":"summary","period":"2023-5"}"#, "period", "YYYY-MM (a month, 2023-05)"),
        (#"{"projection":"summary","period":"2023","cutoff":"fiscal"}"#, "cutoff", #"one of "calendar", "decree09""#),
        (#"{"projection":"summary","from":"2023-02-30"}"#, "from", "real date"),
        (#"{"projection":"opinions","answeredBy":"31/12/2022"}"#, "answeredBy", "YYYY-MM-DD"),
    ])
    func conflictingOrMalformedPeriodsAreRefusedWithTheForms(json: String, path: String, words: String) {
        #expect {
            _ = try Query(params: Self.params(json))
        } throws: { error in
            guard let e = error as? ValidationError else { return false }
            return e.path == path && e.message.contains(words)
        }
    }

    @Test func aNamedPeriodIsCutByTheDefaultUnlessTheQuerySays() throws {
        let q1 = try Query(params: Self.params(#"{"projection":"summary","period":"2023-Q2"}"#), defaultCutoff: .decree09)
        #expect(q1 == .summary(unit: nil, scope: Query.Scope(period: Period(.quarter(2023, 2), cutoff: .decree09))))
        let q2 = try Query(params: Self.params(#"{"projection":"summary","period":"2023-Q2","cutoff":"calendar"}"#), defaultCutoff: .decree09)
        #expect(q2 == .summary(unit: nil, scope: Query.Scope(period: Period(.quarter(2023, 2), cutoff: .calendar))))
        let year = try Query(params: Self.params(#"{"projection":"summary","year":2023}"#))
        #expect(year == .summary(unit: nil, scope: .year(2023)))
    }

    @Test func answersEchoTheDaysTheyCovered() throws {
        let ledger = try SampleFiguresTests.loadSample()
        let q = try Query(params: Self.params(#"{"projection":"summary","unit":"BY","period":"2023-Q2","cutoff":"decree09","answeredBy":"2023-06-30"}"#))
        let a = try #require(try ledger.projection.answer(q, today: Self.today).objectValue)
        #expect(a.at("year") == .null)
        #expect(a.at("period.name") == .string("2023-Q2"))
        #expect(a.at("period.cutoff") == .string("decree09"))
        #expect(a.at("period.from") == .string("2023-03-15"))
        #expect(a.at("period.to") == .string("2023-06-14"))
        #expect(a.at("answeredBy") == .string("2023-06-30"))
        let y = try #require(try ledger.projection.answer(.summary(unit: "BY", scope: .year(2023)), today: Self.today).objectValue)
        #expect(y.at("year") == .number("2023"))
        #expect(y.at("period") == nil, "a calendar year is echoed as the year, as before periods")
        let none = try #require(try ledger.projection.answer(.summary(unit: "BY", scope: .all), today: Self.today).objectValue)
        #expect(none.at("period") == nil, "a query without a period answers as before")
    }

    // MARK: Against the events

    /// The sample, plus events dated where half-months meet (14th, 15th, month ends, 29
    /// February) in every district, a tenth of them voided again.
    static func ledger() throws -> TestLedger {
        var ledger = try SampleFiguresTests.loadSample()
        var rng = SplitMix64(seed: 20)
        let units = ledger.projection.units.map(\.code)
        let days = ["2022-12-14", "2022-12-15", "2022-12-31", "2023-01-01", "2023-03-14", "2023-03-15", "2023-06-14",
                    "2023-06-15", "2023-06-30", "2023-07-01", "2024-02-29", "2024-12-14", "2024-12-15", "2025-05-31"]
        var ids: [String] = []
        for n in 0..<400 {
            let unit = units[Int(rng.next() % UInt64(units.count))]
            let day = days[Int(rng.next() % UInt64(days.count))]
            let id = "00000000-0000-4000-8000-\(String(100_000_000_000 + n))"
            let line: String
            switch rng.next() % 5 {
            case 0: line = #"{"type":"land.donated","id":"\#(id)","data":{"unit":"\#(unit)","households":\#(1 + rng.next() % 9),"areaM2":\#(rng.next() % 900).25,"purpose":"road","donatedOn":"\#(day)"}}"#
            case 1: line = #"{"type":"funds.contributed","id":"\#(id)","data":{"unit":"\#(unit)","amountVnd":\#(1000 * (1 + rng.next() % 999)),"source":"household","contributedOn":"\#(day)"}}"#
            case 2: line = #"{"type":"works.completed","id":"\#(id)","data":{"unit":"\#(unit)","kind":"road","count":1,"lengthKm":0.\#(1 + rng.next() % 9),"completedOn":"\#(day)"}}"#
            case 3: line = #"{"type":"dialogue.held","id":"\#(id)","data":{"dialogue":"PT-\#(n)","unit":"\#(unit)","chair":"joint","format":"ad_hoc","heldOn":"\#(day)","topic":"Đường liên thôn","opinions":[{"opinion":"1","text":"Đề nghị mở rộng đường."},{"opinion":"2","text":"Điện yếu."}]}}"#
            default: line = #"{"type":"model.registered","id":"\#(id)","data":{"model":"PT-M-\#(n)","unit":"\#(unit)","title":"Mô hình thử","field":"economy","registeredOn":"\#(day)"}}"#
            }
            try ledger.append("[\(line)]")
            ids.append(id)
            if line.contains("dialogue.held"), rng.next() % 2 == 0 {
                try ledger.add("opinion.answered", #"{"dialogue":"PT-\#(n)","opinion":"1","answeredOn":"2025-06-14","answer":"Đã trả lời."}"#)
            }
        }
        for id in ids where rng.next() % 10 == 0 {
            try ledger.add("entry.voided", #"{"target":"\#(id)","reason":"thử"}"#)
        }
        return ledger
    }

    /// What every unit's figures are for `period`, summed from `events` without the projection.
    static func oracle(_ events: [StoredEvent], period: Period, answeredBy: Day?) -> [String: Totals] {
        var parent: [String: String] = [:]
        var level: [String: UnitLevel] = [:]
        var voided: Set<EventID> = []
        for e in events {
            if case .unitRegistered(let u) = e.data {
                parent[u.code] = u.parent
                level[u.code] = u.level
            }
            if case .entryVoided(let v) = e.data { voided.insert(v.target) }
        }
        let live = events.filter { !voided.contains($0.id) }
        var launched: [String: Day] = [:]
        var held: [String: (Day, String)] = [:]
        for e in live {
            if case .campaignLaunched(let c) = e.data { launched[c.campaign] = c.startedOn }
            if case .dialogueHeld(let d) = e.data { held[d.dialogue] = (d.heldOn, d.unit) }
        }
        var totals: [String: Totals] = [:]
        func add(_ unit: String, _ change: (inout Totals) -> Void) {
            var u: String? = unit
            while let c = u {
                change(&totals[c, default: Totals()])
                u = parent[c]
            }
        }
        var communesWithModel: Set<String> = []
        for e in live {
            switch e.data {
            case .landDonated(let l) where period.contains(l.donatedOn):
                add(l.unit) { $0.landM2 += l.areaM2; $0.donorHouseholds += l.households; $0.assetsVnd += l.assetsVnd ?? 0 }
            case .fundsContributed(let f) where period.contains(f.contributedOn):
                add(f.unit) { $0.fundsVnd += f.amountVnd }
            case .laborContributed(let l) where period.contains(l.contributedOn):
                add(l.unit) { $0.workdays += l.workdays }
            case .worksCompleted(let w) where period.contains(w.completedOn):
                add(w.unit) {
                    $0.works[w.kind.index].count += w.count
                    $0.works[w.kind.index].lengthKm += w.lengthKm ?? .zero
                    $0.works[w.kind.index].valueVnd += w.valueVnd ?? 0
                }
            case .campaignLaunched(let c) where period.contains(c.startedOn):
                add(c.unit) { $0.campaignsLaunched += 1 }
            case .campaignClosed(let c):
                guard let started = launched[c.campaign], let unit = events.lazy.compactMap({ e -> String? in
                    if case .campaignLaunched(let l) = e.data, l.campaign == c.campaign, !voided.contains(e.id) { return l.unit }
                    return nil
                }).first else { break }
                if period.contains(c.closedOn) { add(unit) { $0.campaignsClosed += 1 } }
                if period.contains(started) { add(unit) { $0.campaignsLaunchedNowClosed += 1 } }
            case .dialogueHeld(let d) where period.contains(d.heldOn):
                add(d.unit) {
                    $0.dialoguesHeld += 1
                    if d.format == .periodic { $0.dialoguesPeriodic += 1 } else { $0.dialoguesAdHoc += 1 }
                    $0.opinionsReceived += Int64(d.opinions.count)
                }
            case .opinionAnswered(let a):
                guard let (day, unit) = held[a.dialogue], period.contains(day) else { break }
                if let answeredBy, a.answeredOn > answeredBy { break }
                add(unit) { $0.opinionsAnswered += 1 }
            case .modelRegistered(let m) where period.contains(m.registeredOn):
                add(m.unit) { $0.models += 1; $0.modelsByField[m.field.index] += 1 }
                var u: String? = m.unit
                while let c = u, level[c] != .commune { u = level[c] == .village ? parent[c] : nil }
                if let commune = u { communesWithModel.insert(commune) }
            default:
                break
            }
        }
        for commune in communesWithModel {
            add(commune) { $0.communesWithModels += 1 }
        }
        return totals
    }

    /// Random ranges (an open side now and then, some shorter than a half-month) and every
    /// named period of 2022–2024 in both cutoffs.
    static func periods() -> [Period] {
        var list: [Period] = []
        for y in 2022...2024 {
            var names: [PeriodName] = [.year(y), .nineMonths(y), .half(y, 1), .half(y, 2)]
            names += (1...4).map { .quarter(y, $0) }
            names += [1, 2, 6, 12].map { .month(y, $0) }
            for n in names {
                for c in ReportingCutoff.allCases { list.append(Period(n, cutoff: c)) }
            }
        }
        list.append(Period(.term(2020, 2025), cutoff: .calendar))
        var rng = SplitMix64(seed: 7)
        let start = Day(year: 2020, month: 6, day: 1).daysSinceEpoch
        for n in 0..<80 {
            let a = start + Int32(rng.next() % 1800)
            let length = n % 3 == 0 ? Int32(rng.next() % 12) : Int32(rng.next() % 700)
            let from = n % 11 == 5 ? nil : Day(daysSinceEpoch: a)
            let to = n % 13 == 7 ? nil : Day(daysSinceEpoch: a + length)
            list.append(Period(from: from, to: to))
        }
        return list
    }

    @Test func everyUnitsFiguresForEveryPeriodAreTheSumOfItsEvents() throws {
        let ledger = try Self.ledger()
        let p = ledger.projection
        var compared = 0
        for (n, period) in Self.periods().enumerated() {
            let answeredBy: Day? = n % 4 == 1 ? period.to : nil
            let expected = Self.oracle(ledger.events, period: period, answeredBy: answeredBy)
            for unit in p.units {
                let answer = try #require(try p.answer(.summary(unit: unit.code, scope: Query.Scope(period: period, answeredBy: answeredBy)), today: Self.today).objectValue)
                let want = (expected[unit.code] ?? Totals()).json(communes: unit.communes)
                for (key, value) in want.members where answer.at(key) != value {
                    Issue.record("\(unit.code) \(period.json): \(key) is \(String(describing: answer.at(key))), the events sum to \(value)")
                }
                compared += 1
            }
        }
        #expect(compared > 10_000)
    }

    @Test func theWholeRecordIsEveryPeriodTogether() throws {
        let ledger = try Self.ledger()
        let all = try ledger.projection.answer(.summary(unit: "LC", scope: .all), today: Self.today).objectValue
        let open = try ledger.projection.answer(.summary(unit: "LC", scope: Query.Scope(period: Period(from: Day(year: 1900, month: 1, day: 1), to: nil))), today: Self.today).objectValue
        for (key, value) in all?.members ?? [] where key != "period" {
            #expect(open?.at(key) == value, "\(key)")
        }
    }
}
