extension Registry {
    /// The rules a new event must meet that replay does not check again.
    ///
    /// They were added after logs existed: a log written before them may hold an event that
    /// breaks one, and must still replay as it was (replay runs `admit` only). Every new
    /// append and every `danvand import` line meets them (`BatchAdmission`).
    ///
    /// - A fact is recorded once it has happened: its own date (`ownDate`) is not after
    ///   `recordedOn`, the day it is recorded in the province's time zone. No event type
    ///   may be dated ahead today: a campaign is recorded when it starts (its `targets` are
    ///   the plan), a model when it is registered.
    /// - A contribution that names a campaign lies at the campaign's unit or under it: a
    ///   district's campaign gathers what its communes and villages give, never another
    ///   district's. (The projection applies the same rule to older logs:
    ///   `Projection.contribute`.) The tree is the one of the contribution's date, and the
    ///   campaign's unit must exist on it.
    /// - A fact names a unit that exists on the fact's date (catalogue 2): one merged away,
    ///   split or ended takes facts dated up to its last day only, whenever they are recorded,
    ///   and the refusal names what to use instead (`Registry.checkUnitsExist`).
    public func checkAdmission(_ data: EventData, recordedOn: Day, path: @autoclosure () -> String) throws(ValidationError) {
        try Self.checkOwnDate(data, recordedOn: recordedOn, path: path())
        try checkUnitsExist(data, path: path())
        if let (unit, campaign) = data.contribution, let campaign, let entry = campaigns[campaign], units[unit] != nil,
            let day = data.ownDate?.day,
            let problem = campaignProblem(unit: unit, campaign: campaign, campaignUnit: entry.unit, on: day)
        {
            throw ValidationError(.invalidValue, path: "\(path()).campaign", problem)
        }
    }

    /// The first rule of `checkAdmission` alone, which needs no registry: a client that knows
    /// the province's today (`status.today`) checks a whole file with it before sending any of
    /// it (`danvanctl import`), with the daemon's own words.
    ///
    /// A unit event's `effectiveOn` is the one exception: a resolution is adopted before it
    /// takes effect, so it may be up to `unitChangeMaxDaysAhead` days ahead.
    public static func checkOwnDate(_ data: EventData, recordedOn: Day, path: @autoclosure () -> String) throws(ValidationError) {
        if data.isUnitEvent, let (field, day) = data.ownDate {
            let limit = Day(daysSinceEpoch: recordedOn.daysSinceEpoch + Int32(unitChangeMaxDaysAhead))
            if day > limit {
                throw ValidationError(
                    .invalidValue, path: "\(path()).\(field)",
                    "\(field) \(day) is more than \(unitChangeMaxDaysAhead) days after the day it is recorded on (\(recordedOn), the province's date): a unit change is recorded once its resolution is adopted, at most a year before it takes effect; check the date")
            }
            return
        }
        if let (field, day) = data.ownDate, day > recordedOn {
            throw ValidationError(
                .invalidValue, path: "\(path()).\(field)",
                "\(field) \(day) is after the day it is recorded on (\(recordedOn), the province's date): a fact is recorded once it has happened, and no event may be dated ahead; check the date")
        }
    }
}
