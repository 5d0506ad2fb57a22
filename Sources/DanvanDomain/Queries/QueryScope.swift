import DanvanJSON

extension Query {
    /// What part of the record a figure query covers: the period its events' own dates fall
    /// in, and for cohorts (opinions) the day by which an answer counts.
    public struct Scope: Sendable, Hashable {
        /// The days counted; nil for all of them.
        public var period: Period?
        /// Answers count only when given on or before this day (nil: every answer recorded),
        /// so "opinions of 2022 answered by 31/12/2022" is a figure too.
        public var answeredBy: Day?

        /// The boundaries asked for (nil: not named, the current view, and not echoed, so
        /// that answers of queries naming none read as they did before).
        public var boundaries: Boundaries?

        /// The view facts are added up in.
        public var view: Boundaries { boundaries ?? .current }

        /// Creates a scope.
        public init(period: Period? = nil, answeredBy: Day? = nil, boundaries: Boundaries? = nil) {
            self.period = period
            self.answeredBy = answeredBy
            self.boundaries = boundaries
        }

        /// Everything recorded.
        public static let all = Scope()

        /// One calendar year, the way `year` asked for it before periods existed.
        public static func year(_ year: Int?) -> Scope {
            Scope(period: year.map { Period(.year($0), cutoff: .calendar) })
        }

        /// The parameters every figure query shares: `year`, `period`, `from`, `to`,
        /// `cutoff` and `answeredBy`, each checked against the others so that nothing is
        /// read two ways (a `year` and a `period` together, a `cutoff` with explicit dates).
        static func read(_ r: inout FieldReader, defaultCutoff: ReportingCutoff) throws(ValidationError) -> Scope {
            let boundaries = try r.optionalChoice("boundaries", Boundaries.self)
            var scope = try readPeriod(&r, defaultCutoff: defaultCutoff)
            scope.boundaries = boundaries
            return scope
        }

        private static func readPeriod(_ r: inout FieldReader, defaultCutoff: ReportingCutoff) throws(ValidationError) -> Scope {
            let year = try r.optionalInteger("year", in: Int64(Day.years.lowerBound)...Int64(Day.years.upperBound)).map { Int($0) }
            // A bare number is a year (`"period": 2023` as a script or `query period=2023` sends it).
            let periodText: String?
            if case .number? = r.object["period"] {
                periodText = try r.optionalInteger("period", in: Int64(Day.years.lowerBound)...Int64(Day.years.upperBound)).map { String($0) }
            } else {
                periodText = try r.optionalText("period", maxLength: 40)
            }
            let from = try r.optionalDay("from")
            let to = try r.optionalDay("to")
            let cutoff = try r.optionalChoice("cutoff", ReportingCutoff.self)
            let answeredBy = try r.optionalDay("answeredBy")
            if year != nil, periodText != nil {
                throw ValidationError(.invalidValue, path: "period", "give either 'year' or 'period', not both ('period': \"\(year ?? 0)\" is the year)")
            }
            if year != nil || periodText != nil, from != nil || to != nil {
                throw ValidationError(.invalidValue, path: from != nil ? "from" : "to", "give either a named period ('year' or 'period') or dates ('from', 'to'), not both")
            }
            var name: PeriodName?
            if let periodText {
                guard let n = PeriodName(periodText) else {
                    throw ValidationError(.invalidValue, path: "period", "unknown period \"\(periodText)\"; write \(PeriodName.forms)")
                }
                name = n
            } else if let year {
                name = .year(year)
            }
            if let name {
                return Scope(period: Period(name, cutoff: cutoff ?? defaultCutoff), answeredBy: answeredBy)
            }
            if cutoff != nil {
                throw ValidationError(.invalidValue, path: "cutoff", "'cutoff' says how a named period is cut into days; 'from' and 'to' are days already: leave 'cutoff' out, or name a period with 'period'")
            }
            if let from, let to, from > to {
                throw ValidationError(.invalidValue, path: "to", "'to' \(to) is before 'from' \(from): both days are included, so 'to' must be 'from' or later")
            }
            if from == nil, to == nil { return Scope(answeredBy: answeredBy) }
            return Scope(period: Period(from: from, to: to), answeredBy: answeredBy)
        }

        /// The members an answer echoes before its figures: `year` (null unless a calendar
        /// year was asked: answers read as they did before periods existed), `period` for any
        /// other period, and `answeredBy` when given.
        func echo(into o: inout JSONObject) {
            o.members.append(("year", period?.calendarYear.map { .int($0) } ?? .null))
            echoRest(into: &o)
        }

        /// `echo` for the lists (`campaigns`, `campaign`, `opinions`, `models`), which had no
        /// `year` member: `year` only when a calendar year was asked.
        func echoInList(into o: inout JSONObject) {
            if let y = period?.calendarYear { o.members.append(("year", .int(y))) }
            echoRest(into: &o)
        }

        private func echoRest(into o: inout JSONObject) {
            if let period, period.calendarYear == nil { o.members.append(("period", period.json)) }
            if let answeredBy { o.put("answeredBy", answeredBy) }
            if let boundaries { o.put("boundaries", boundaries.rawValue) }
        }

        /// `echo` written as bytes, each member preceded by a comma.
        func writeEcho(into out: inout [UInt8]) {
            out.append(contentsOf: #","year":"#.utf8)
            if let y = period?.calendarYear { out.append(contentsOf: String(y).utf8) } else { out.append(contentsOf: "null".utf8) }
            if let period, period.calendarYear == nil {
                out.append(contentsOf: #","period":"#.utf8)
                JSONWriter.write(period.json, into: &out)
            }
            if let answeredBy {
                out.append(contentsOf: #","answeredBy":""#.utf8)
                out.append(contentsOf: answeredBy.description.utf8)
                out.append(UInt8(ascii: "\""))
            }
            if let boundaries {
                out.append(contentsOf: #","boundaries":""#.utf8)
                out.append(contentsOf: boundaries.rawValue.utf8)
                out.append(UInt8(ascii: "\""))
            }
        }
    }
}

extension Period {
    /// `{"name": "2023-Q2", "cutoff": "calendar", "from": "2023-04-01", "to": "2023-06-30"}`
    /// (name and cutoff null for explicit dates; an open side null).
    public var json: JSONValue {
        var o = JSONObject()
        o.members.append(("name", name.map { .string($0.description) } ?? .null))
        o.members.append(("cutoff", cutoff.map { .string($0.rawValue) } ?? .null))
        o.members.append(("from", from.map { .string($0.description) } ?? .null))
        o.members.append(("to", to.map { .string($0.description) } ?? .null))
        return .object(o)
    }
}
