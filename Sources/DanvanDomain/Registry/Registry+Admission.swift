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
    ///   `Projection.contribute`.)
    public func checkAdmission(_ data: EventData, recordedOn: Day, path: @autoclosure () -> String) throws(ValidationError) {
        try Self.checkOwnDate(data, recordedOn: recordedOn, path: path())
        if let (unit, campaign) = data.contribution, let campaign, let entry = campaigns[campaign],
            units[unit] != nil, !isWithin(unit, entry.unit)
        {
            throw ValidationError(
                .invalidValue, path: "\(path()).campaign",
                "campaign '\(campaign)' belongs to unit \(entry.unit), and \(unit) is not \(entry.unit) nor under it: a contribution counts towards a campaign only at the campaign's unit or below; name a campaign of \(unit) or of a unit above it, or leave out 'campaign'")
        }
    }

    /// The first rule of `checkAdmission` alone, which needs no registry: a client that knows
    /// the province's today (`status.today`) checks a whole file with it before sending any of
    /// it (`danvanctl import`), with the daemon's own words.
    public static func checkOwnDate(_ data: EventData, recordedOn: Day, path: @autoclosure () -> String) throws(ValidationError) {
        if let (field, day) = data.ownDate, day > recordedOn {
            throw ValidationError(
                .invalidValue, path: "\(path()).\(field)",
                "\(field) \(day) is after the day it is recorded on (\(recordedOn), the province's date): a fact is recorded once it has happened, and no event may be dated ahead; check the date")
        }
    }
}
