/// Each payload's fields in the binary record payload, format 2 (the layouts are listed in
/// `EventPayloadCodec`'s documentation).
///
/// Decoding builds the typed structs straight from the bytes, with no `JSONValue` in
/// between: replay decodes every event of the log at each start, and building and then
/// re-reading a generic tree was most of its cost. What `FieldReader` would check on
/// replay (`trusted`) is checked here too (identifier syntax, ranges, enumeration values,
/// dates, unique opinion ids, a parent exactly for non-provinces), so the registry and the
/// projections never see values that validation could not have produced.
protocol BinaryPayload {
    /// Reads the fields, in layout order.
    init(binary r: inout PayloadReader) throws(PayloadError)
    /// Writes the fields, in layout order.
    func write(to w: inout PayloadWriter)
}

extension EventData {
    /// Writes the payload (its type is in the envelope).
    func write(to w: inout PayloadWriter) {
        switch self {
        case .unitRegistered(let p): p.write(to: &w)
        case .campaignLaunched(let p): p.write(to: &w)
        case .campaignClosed(let p): p.write(to: &w)
        case .landDonated(let p): p.write(to: &w)
        case .fundsContributed(let p): p.write(to: &w)
        case .laborContributed(let p): p.write(to: &w)
        case .worksCompleted(let p): p.write(to: &w)
        case .dialogueHeld(let p): p.write(to: &w)
        case .opinionAnswered(let p): p.write(to: &w)
        case .modelRegistered(let p): p.write(to: &w)
        case .entryVoided(let p): p.write(to: &w)
        case .unitRenamed(let p): p.write(to: &w)
        case .unitMoved(let p): p.write(to: &w)
        case .unitMerged(let p): p.write(to: &w)
        case .unitSplit(let p): p.write(to: &w)
        case .unitEnded(let p): p.write(to: &w)
        }
    }
}

/// Bit `i` of a presence byte, set when `value` is present.
@inline(__always)
private func bit<T>(_ value: T?, _ i: UInt8) -> UInt8 { value == nil ? 0 : 1 << i }

extension UnitRegistered: BinaryPayload {
    init(binary r: inout PayloadReader) throws(PayloadError) {
        let at = r.offset
        let mask = try r.presence(allowed: 0b11)
        code = try r.code()
        name = try r.text()
        level = try r.choice(UnitLevel.self)
        parent = mask & 1 != 0 ? try r.code() : nil
        effectiveOn = mask & 2 != 0 ? try r.day() : nil
        guard (level == .province) == (parent == nil) else {
            throw PayloadError("a unit has a parent exactly when it is not a province", at: at)
        }
    }

    func write(to w: inout PayloadWriter) {
        w.u8(bit(parent, 0) | bit(effectiveOn, 1))
        w.string(code)
        w.string(name)
        w.choice(level)
        if let parent { w.string(parent) }
        if let effectiveOn { w.day(effectiveOn) }
    }
}

extension CampaignTargets: BinaryPayload {
    init(binary r: inout PayloadReader) throws(PayloadError) {
        let mask = try r.presence(allowed: 0b1_1111)
        landM2 = mask & 1 != 0 ? try r.quantity(allowZero: true) : nil
        fundsVnd = mask & 2 != 0 ? try r.integer(in: Limits.vndOrZero) : nil
        workdays = mask & 4 != 0 ? try r.quantity(allowZero: true) : nil
        roadsKm = mask & 8 != 0 ? try r.quantity(allowZero: true) : nil
        houses = mask & 16 != 0 ? try r.integer(in: Limits.countOrZero) : nil
    }

    func write(to w: inout PayloadWriter) {
        w.u8(bit(landM2, 0) | bit(fundsVnd, 1) | bit(workdays, 2) | bit(roadsKm, 3) | bit(houses, 4))
        if let landM2 { w.quantity(landM2) }
        if let fundsVnd { w.integer(fundsVnd) }
        if let workdays { w.quantity(workdays) }
        if let roadsKm { w.quantity(roadsKm) }
        if let houses { w.integer(houses) }
    }
}

extension CampaignLaunched: BinaryPayload {
    init(binary r: inout PayloadReader) throws(PayloadError) {
        let mask = try r.presence(allowed: 0b1)
        campaign = try r.code()
        title = try r.text()
        kind = try r.choice(CampaignKind.self)
        unit = try r.code()
        startedOn = try r.day()
        targets = mask & 1 != 0 ? try CampaignTargets(binary: &r) : nil
    }

    func write(to w: inout PayloadWriter) {
        w.u8(bit(targets, 0))
        w.string(campaign)
        w.string(title)
        w.choice(kind)
        w.string(unit)
        w.day(startedOn)
        targets?.write(to: &w)
    }
}

extension CampaignClosed: BinaryPayload {
    init(binary r: inout PayloadReader) throws(PayloadError) {
        campaign = try r.code()
        closedOn = try r.day()
    }

    func write(to w: inout PayloadWriter) {
        w.string(campaign)
        w.day(closedOn)
    }
}

extension LandDonated: BinaryPayload {
    init(binary r: inout PayloadReader) throws(PayloadError) {
        let mask = try r.presence(allowed: 0b11)
        unit = try r.code()
        campaign = mask & 1 != 0 ? try r.code() : nil
        households = try r.integer(in: Limits.count)
        areaM2 = try r.quantity(allowZero: false)
        assetsVnd = mask & 2 != 0 ? try r.integer(in: Limits.vndOrZero) : nil
        purpose = try r.choice(LandPurpose.self)
        donatedOn = try r.day()
    }

    func write(to w: inout PayloadWriter) {
        w.u8(bit(campaign, 0) | bit(assetsVnd, 1))
        w.string(unit)
        if let campaign { w.string(campaign) }
        w.integer(households)
        w.quantity(areaM2)
        if let assetsVnd { w.integer(assetsVnd) }
        w.choice(purpose)
        w.day(donatedOn)
    }
}

extension FundsContributed: BinaryPayload {
    init(binary r: inout PayloadReader) throws(PayloadError) {
        let mask = try r.presence(allowed: 0b1)
        unit = try r.code()
        campaign = mask & 1 != 0 ? try r.code() : nil
        amountVnd = try r.integer(in: Limits.vnd)
        source = try r.choice(FundSource.self)
        contributedOn = try r.day()
    }

    func write(to w: inout PayloadWriter) {
        w.u8(bit(campaign, 0))
        w.string(unit)
        if let campaign { w.string(campaign) }
        w.integer(amountVnd)
        w.choice(source)
        w.day(contributedOn)
    }
}

extension LaborContributed: BinaryPayload {
    init(binary r: inout PayloadReader) throws(PayloadError) {
        let mask = try r.presence(allowed: 0b11)
        unit = try r.code()
        campaign = mask & 1 != 0 ? try r.code() : nil
        workdays = try r.quantity(allowZero: false)
        participants = mask & 2 != 0 ? try r.integer(in: Limits.count) : nil
        contributedOn = try r.day()
    }

    func write(to w: inout PayloadWriter) {
        w.u8(bit(campaign, 0) | bit(participants, 1))
        w.string(unit)
        if let campaign { w.string(campaign) }
        w.quantity(workdays)
        if let participants { w.integer(participants) }
        w.day(contributedOn)
    }
}

extension WorksCompleted: BinaryPayload {
    init(binary r: inout PayloadReader) throws(PayloadError) {
        let mask = try r.presence(allowed: 0b111)
        unit = try r.code()
        campaign = mask & 1 != 0 ? try r.code() : nil
        kind = try r.choice(WorksKind.self)
        count = try r.integer(in: Limits.count)
        lengthKm = mask & 2 != 0 ? try r.quantity(allowZero: true) : nil
        valueVnd = mask & 4 != 0 ? try r.integer(in: Limits.vndOrZero) : nil
        completedOn = try r.day()
    }

    func write(to w: inout PayloadWriter) {
        w.u8(bit(campaign, 0) | bit(lengthKm, 1) | bit(valueVnd, 2))
        w.string(unit)
        if let campaign { w.string(campaign) }
        w.choice(kind)
        w.integer(count)
        if let lengthKm { w.quantity(lengthKm) }
        if let valueVnd { w.integer(valueVnd) }
        w.day(completedOn)
    }
}

extension Opinion: BinaryPayload {
    /// The fewest bytes one opinion can take: presence byte, a one-byte id and a one-byte
    /// text, each with its length byte. Bounds the count before the array is allocated.
    static let minimumBinarySize = 5

    init(binary r: inout PayloadReader) throws(PayloadError) {
        let mask = try r.presence(allowed: 0b1)
        opinion = try r.code()
        text = try r.text()
        topic = mask & 1 != 0 ? try r.text() : nil
    }

    func write(to w: inout PayloadWriter) {
        w.u8(bit(topic, 0))
        w.string(opinion)
        w.string(text)
        if let topic { w.string(topic) }
    }
}

extension DialogueHeld: BinaryPayload {
    init(binary r: inout PayloadReader) throws(PayloadError) {
        let mask = try r.presence(allowed: 0b1)
        dialogue = try r.code()
        unit = try r.code()
        chair = try r.choice(DialogueChair.self)
        format = try r.choice(DialogueFormat.self)
        heldOn = try r.day()
        topic = try r.text()
        attendees = mask & 1 != 0 ? try r.integer(in: Limits.countOrZero) : nil
        let at = r.offset
        let n = try r.count(max: Limits.opinionsPerDialogue, minimumSize: Opinion.minimumBinarySize)
        var opinions: [Opinion] = []
        opinions.reserveCapacity(n)
        for _ in 0..<n { opinions.append(try Opinion(binary: &r)) }
        guard Self.idsAreUnique(opinions) else { throw PayloadError("an opinion id appears twice", at: at) }
        self.opinions = opinions
    }

    /// Whether no two opinions share an id. A dialogue raises a handful to a few dozen
    /// opinions, for which comparing pairs is cheaper than hashing into a set.
    private static func idsAreUnique(_ opinions: [Opinion]) -> Bool {
        if opinions.count > 32 {
            var seen = Set<String>(minimumCapacity: opinions.count)
            return opinions.allSatisfy { seen.insert($0.opinion).inserted }
        }
        for i in opinions.indices {
            for j in (i + 1)..<opinions.count where opinions[i].opinion == opinions[j].opinion { return false }
        }
        return true
    }

    func write(to w: inout PayloadWriter) {
        w.u8(bit(attendees, 0))
        w.string(dialogue)
        w.string(unit)
        w.choice(chair)
        w.choice(format)
        w.day(heldOn)
        w.string(topic)
        if let attendees { w.integer(attendees) }
        w.varint(UInt64(opinions.count))
        for o in opinions { o.write(to: &w) }
    }
}

extension OpinionAnswered: BinaryPayload {
    init(binary r: inout PayloadReader) throws(PayloadError) {
        dialogue = try r.code()
        opinion = try r.code()
        answeredOn = try r.day()
        answer = try r.text()
    }

    func write(to w: inout PayloadWriter) {
        w.string(dialogue)
        w.string(opinion)
        w.day(answeredOn)
        w.string(answer)
    }
}

extension ModelRegistered: BinaryPayload {
    init(binary r: inout PayloadReader) throws(PayloadError) {
        model = try r.code()
        unit = try r.code()
        title = try r.text()
        field = try r.choice(ModelField.self)
        registeredOn = try r.day()
    }

    func write(to w: inout PayloadWriter) {
        w.string(model)
        w.string(unit)
        w.string(title)
        w.choice(field)
        w.day(registeredOn)
    }
}

extension EntryVoided: BinaryPayload {
    init(binary r: inout PayloadReader) throws(PayloadError) {
        target = try r.eventID()
        reason = try r.text()
    }

    func write(to w: inout PayloadWriter) {
        w.eventID(target)
        w.string(reason)
    }
}
