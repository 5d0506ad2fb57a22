extension Projection {
    /// Applies a durable event. For `entry.voided`, `voidedTarget` is the event it voids
    /// (read back from the log by the caller), whose effect is taken out again.
    public mutating func apply(_ event: StoredEvent, voidedTarget: StoredEvent? = nil) {
        lastSeq = event.seq
        eventCount += 1
        if case .entryVoided = event.data {
            if let target = voidedTarget { unapply(target) }
            return
        }
        apply(event.data, id: event.id, sign: 1)
    }

    private mutating func unapply(_ target: StoredEvent) {
        apply(target.data, id: target.id, sign: -1)
    }

    /// Adds (sign 1) or removes (sign −1) one event's effect.
    mutating func apply(_ data: EventData, id: EventID, sign: Int64) {
        switch data {
        case .unitRegistered(let u):
            guard sign > 0 else { return }  // units cannot be voided
            registerUnit(u)
            applyUnitChange(data, id: id, sign: sign)
        case .campaignLaunched(let c):
            guard let unit = unitIndex[c.unit] else { return }
            if sign > 0 {
                campaigns[c.campaign] = CampaignState(launched: c, unit: unit, closedOn: nil, launchedBy: id, closedBy: nil, order: nextOrder)
                nextOrder += 1
                update(unit, on: c.startedOn) { $0.campaignsLaunched += 1 }
            } else if let state = campaigns[c.campaign], state.launchedBy == id {
                if let closed = state.closedOn { countClose(state, closedOn: closed, sign: -1) }
                update(unit, on: c.startedOn) { $0.campaignsLaunched -= 1 }
                campaigns[c.campaign] = nil
            }
        case .campaignClosed(let c):
            guard let state = campaigns[c.campaign] else { return }
            if sign > 0, state.closedOn == nil {
                countClose(state, closedOn: c.closedOn, sign: 1)
                campaigns[c.campaign]?.closedOn = c.closedOn
                campaigns[c.campaign]?.closedBy = id
            } else if sign < 0, state.closedBy == id, let closed = state.closedOn {
                countClose(state, closedOn: closed, sign: -1)
                campaigns[c.campaign]?.closedOn = nil
                campaigns[c.campaign]?.closedBy = nil
            }
        case .landDonated(let e):
            let change: (inout Totals) -> Void = {
                $0.landM2 += Quantity(scaled: sign * e.areaM2.scaled)
                $0.donorHouseholds += sign * e.households
                $0.assetsVnd += sign * (e.assetsVnd ?? 0)
            }
            contribute(unit: e.unit, campaign: e.campaign, on: e.donatedOn, change)
        case .fundsContributed(let e):
            contribute(unit: e.unit, campaign: e.campaign, on: e.contributedOn) { $0.fundsVnd += sign * e.amountVnd }
        case .laborContributed(let e):
            contribute(unit: e.unit, campaign: e.campaign, on: e.contributedOn) {
                $0.workdays += Quantity(scaled: sign * e.workdays.scaled)
            }
        case .worksCompleted(let e):
            contribute(unit: e.unit, campaign: e.campaign, on: e.completedOn) {
                $0.works[e.kind.index].add(e, sign: sign)
            }
        case .dialogueHeld(let d):
            applyDialogue(d, id: id, sign: sign)
        case .opinionAnswered(let a):
            applyAnswer(a, id: id, sign: sign)
        case .modelRegistered(let m):
            applyModel(m, id: id, sign: sign)
        case .entryVoided:
            break  // corrections of corrections are refused by validation
        case .unitRenamed, .unitMoved, .unitMerged, .unitSplit, .unitEnded:
            applyUnitChange(data, id: id, sign: sign)
        }
    }

    private mutating func registerUnit(_ u: UnitRegistered) {
        guard unitIndex[u.code] == nil else { return }
        let index = UnitIndex(units.count)
        let parent = u.parent.flatMap { unitIndex[$0] }
        units.append(UnitNode(code: u.code, name: u.name, folded: Text.fold(u.name), bareFolded: UnitNameQuery.bareFolded(u.name), nameOrder: VietnameseOrder(u.name), level: u.level, parent: parent))
        unitIndex[u.code] = index
        if let parent {
            keepOwn(parent)
            units[Int(parent)].children.append(index)
        } else {
            roots.append(index)
        }
        if u.level == .commune {
            var current: UnitIndex? = index
            while let c = current {
                units[Int(c)].communes += 1
                current = units[Int(c)].parent
            }
        }
    }

    private mutating func countClose(_ state: CampaignState, closedOn: Day, sign: Int64) {
        update(state.unit, on: closedOn) { $0.campaignsClosed += sign }
        update(state.unit, on: state.launched.startedOn) { $0.campaignsLaunchedNowClosed += sign }
    }

    private mutating func contribute(unit code: String, campaign: String?, on day: Day, _ change: (inout Totals) -> Void) {
        guard let unit = unitIndex[code] else { return }
        let delta = FigureDelta(day: day, change)
        update(unit, delta)
        // A contribution counts towards a campaign only at the campaign's unit or below. Appends
        // are refused otherwise (`Registry.checkAdmission`); a log written before that rule may
        // hold such a link, and replays with the contribution counted at its unit only.
        if let campaign, let campaignUnit = campaigns[campaign]?.unit, isWithin(unit, campaignUnit) {
            campaigns[campaign]?.series.add(delta)
        }
    }

    private mutating func applyDialogue(_ d: DialogueHeld, id: EventID, sign: Int64) {
        guard let unit = unitIndex[d.unit] else { return }
        if sign > 0 {
            guard dialogues[d.dialogue] == nil else { return }
            dialogues[d.dialogue] = DialogueState(
                dialogue: d.dialogue, unit: unit, heldOn: d.heldOn, format: d.format, topic: d.topic,
                opinions: d.opinions.map { OpinionState(opinion: $0) }, heldBy: id, order: nextOrder)
            nextOrder += 1
            count(d, unit: unit, answered: 0, sign: 1)
        } else if let state = dialogues[d.dialogue], state.heldBy == id {
            let answered = Int64(state.opinions.count(where: { $0.answeredBy != nil }))
            for op in state.opinions {
                if let on = op.answeredOn { updateAnswers(unit, held: d.heldOn, answered: on, sign: -1) }
            }
            count(d, unit: unit, answered: answered, sign: -1)
            dialogues[d.dialogue] = nil
        }
    }

    private mutating func count(_ d: DialogueHeld, unit: UnitIndex, answered: Int64, sign: Int64) {
        let received = Int64(d.opinions.count)
        let periodic: Int64 = d.format == .periodic ? 1 : 0
        update(unit, on: d.heldOn) {
            $0.dialoguesHeld += sign
            $0.dialoguesPeriodic += sign * periodic
            $0.dialoguesAdHoc += sign * (1 - periodic)
            $0.opinionsReceived += sign * received
            $0.opinionsAnswered += sign * answered
        }
    }

    private mutating func applyAnswer(_ a: OpinionAnswered, id: EventID, sign: Int64) {
        guard let state = dialogues[a.dialogue],
            let i = state.opinions.firstIndex(where: { $0.opinion.opinion == a.opinion })
        else { return }
        if sign > 0 {
            guard state.opinions[i].answeredBy == nil else { return }
            dialogues[a.dialogue]?.opinions[i].answeredBy = id
            dialogues[a.dialogue]?.opinions[i].answeredOn = a.answeredOn
            dialogues[a.dialogue]?.opinions[i].answer = a.answer
            updateAnswers(state.unit, held: state.heldOn, answered: a.answeredOn, sign: 1)
        } else {
            guard state.opinions[i].answeredBy == id, let on = state.opinions[i].answeredOn else { return }
            updateAnswers(state.unit, held: state.heldOn, answered: on, sign: -1)
            dialogues[a.dialogue]?.opinions[i].answeredBy = nil
            dialogues[a.dialogue]?.opinions[i].answeredOn = nil
            dialogues[a.dialogue]?.opinions[i].answer = nil
        }
        update(state.unit, on: state.heldOn) { $0.opinionsAnswered += sign }
    }

    private mutating func applyModel(_ m: ModelRegistered, id: EventID, sign: Int64) {
        guard let unit = unitIndex[m.unit] else { return }
        if sign > 0 {
            guard models[m.model] == nil else { return }
            models[m.model] = ModelState(model: m, unit: unit, registeredBy: id, order: nextOrder)
            nextOrder += 1
        } else {
            guard models[m.model]?.registeredBy == id else { return }
            models[m.model] = nil
        }
        let field = m.field.index
        update(unit, on: m.registeredOn) {
            $0.models += sign
            $0.modelsByField[field] += sign
        }
        // Once the views differ, a model's commune is one per view: `settle` counts them.
        if viewsDiffer {
            modelsUnsettled = true
            return
        }
        guard let commune = communeOf(unit) else { return }
        let day = m.registeredOn.daysSinceEpoch
        let before = units[Int(commune)].modelCountAll
        units[Int(commune)].modelCountAll += sign
        let at = Projection.firstIndex(in: units[Int(commune)].modelDays, atOrAfter: day)
        if sign > 0 {
            units[Int(commune)].modelDays.insert(day, at: at)
        } else if at < units[Int(commune)].modelDays.count, units[Int(commune)].modelDays[at] == day {
            units[Int(commune)].modelDays.remove(at: at)
        }
        let change: Int64 = (before == 0 && sign > 0) ? 1 : (before == 1 && sign < 0) ? -1 : 0
        guard change != 0 else { return }
        var current: UnitIndex? = commune
        while let c = current {
            units[Int(c)].figures.all.communesWithModels += change
            current = units[Int(c)].parent
        }
    }

    /// Records (`sign` 1) or takes back an answer in the ledgers of `unit` and its ancestors.
    private mutating func updateAnswers(_ unit: UnitIndex, held: Day, answered: Day, sign: Int64) {
        if viewsDiffer {
            updateAnswerViews(unit, held: held, answered: answered, sign: sign)
            return
        }
        var current: UnitIndex? = unit
        while let u = current {
            units[Int(u)].answers.update(held: held, answered: answered, sign: sign)
            current = units[Int(u)].parent
        }
    }

    /// The first position of a sorted array whose value is `day` or later.
    static func firstIndex(in days: [Int32], atOrAfter day: Int32) -> Int { days.lowerBound(of: day) }

    /// The commune a unit belongs to: itself, or the nearest commune ancestor of a village.
    func communeOf(_ unit: UnitIndex) -> UnitIndex? {
        var current: UnitIndex? = unit
        while let c = current {
            if units[Int(c)].level == .commune { return c }
            if units[Int(c)].level < .commune { return nil }
            current = units[Int(c)].parent
        }
        return nil
    }
}
