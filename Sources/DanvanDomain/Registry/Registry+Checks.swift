extension Registry {
    /// The rules that relate an event to the ones before it.
    func check(_ data: EventData, path: @autoclosure () -> String, target: (UInt64) -> EventData?) throws(ValidationError) {
        func at(_ field: String) -> String { "\(path()).\(field)" }
        func requireUnit(_ code: String, _ field: String = "unit") throws(ValidationError) {
            guard units[code] != nil else {
                throw ValidationError(.unknownReference, path: at(field), "unknown unit '\(code)'; register it first with unit.registered")
            }
        }
        func requireCampaign(_ id: String?, on day: Day, _ field: String = "campaign") throws(ValidationError) {
            guard let id else { return }
            guard let c = campaigns[id] else {
                throw ValidationError(.unknownReference, path: at(field), "unknown campaign '\(id)'")
            }
            if day < c.startedOn {
                throw ValidationError(.invalidValue, path: at(field), "campaign '\(id)' started on \(c.startedOn), after this event's date \(day)")
            }
            if let closed = c.closedOn, closed < day {
                throw ValidationError(.conflict, path: at(field), "campaign '\(id)' closed on \(closed), before this event's date \(day)")
            }
        }

        switch data {
        case .unitRegistered(let u):
            guard units[u.code] == nil else {
                throw ValidationError(.duplicate, path: at("code"), "unit code '\(u.code)' is already registered")
            }
            if let parent = u.parent {
                guard let p = units[parent] else {
                    throw ValidationError(.unknownReference, path: at("parent"), "unknown parent unit '\(parent)'; register it first")
                }
                guard p.level < u.level else {
                    throw ValidationError(.invalidValue, path: at("parent"), "a \(u.level.rawValue) cannot belong to a \(p.level.rawValue); the parent must be a higher level")
                }
                if lineage.hasEnded(parent) {
                    throw ValidationError(.conflict, path: at("parent"), endedMessage(parent) + "; a unit cannot be registered under it; register it under a unit that exists")
                }
            }
        case .campaignLaunched(let c):
            guard campaigns[c.campaign] == nil else {
                throw ValidationError(.duplicate, path: at("campaign"), "campaign '\(c.campaign)' already exists")
            }
            try requireUnit(c.unit)
        case .campaignClosed(let c):
            guard let existing = campaigns[c.campaign] else {
                throw ValidationError(.unknownReference, path: at("campaign"), "unknown campaign '\(c.campaign)'")
            }
            if let closed = existing.closedOn {
                throw ValidationError(.conflict, path: at("campaign"), "campaign '\(c.campaign)' was already closed on \(closed)")
            }
            guard existing.startedOn <= c.closedOn else {
                throw ValidationError(.invalidValue, path: at("closedOn"), "closedOn \(c.closedOn) is before the campaign's start \(existing.startedOn)")
            }
        case .landDonated(let e):
            try requireUnit(e.unit)
            try requireCampaign(e.campaign, on: e.donatedOn)
        case .fundsContributed(let e):
            try requireUnit(e.unit)
            try requireCampaign(e.campaign, on: e.contributedOn)
        case .laborContributed(let e):
            try requireUnit(e.unit)
            try requireCampaign(e.campaign, on: e.contributedOn)
        case .worksCompleted(let e):
            try requireUnit(e.unit)
            try requireCampaign(e.campaign, on: e.completedOn)
        case .dialogueHeld(let d):
            guard dialogues[d.dialogue] == nil else {
                throw ValidationError(.duplicate, path: at("dialogue"), "dialogue '\(d.dialogue)' already exists")
            }
            try requireUnit(d.unit)
        case .opinionAnswered(let a):
            guard let d = dialogues[a.dialogue] else {
                throw ValidationError(.unknownReference, path: at("dialogue"), "unknown dialogue '\(a.dialogue)'")
            }
            guard let answer = d.answers[a.opinion] else {
                throw ValidationError(.unknownReference, path: at("opinion"), "dialogue '\(a.dialogue)' has no opinion '\(a.opinion)'")
            }
            if answer != nil {
                throw ValidationError(.conflict, path: at("opinion"), "opinion '\(a.opinion)' of dialogue '\(a.dialogue)' is already answered; void that answer first to replace it")
            }
            guard d.heldOn <= a.answeredOn else {
                throw ValidationError(.invalidValue, path: at("answeredOn"), "answeredOn \(a.answeredOn) is before the dialogue was held (\(d.heldOn))")
            }
        case .modelRegistered(let m):
            guard models[m.model] == nil else {
                throw ValidationError(.duplicate, path: at("model"), "model '\(m.model)' already exists")
            }
            try requireUnit(m.unit)
        case .unitRenamed, .unitMoved, .unitMerged, .unitSplit, .unitEnded:
            try checkUnitChange(data, path: path())
        case .entryVoided(let v):
            guard let entry = events[v.target] else {
                throw ValidationError(.unknownReference, path: at("target"), "no stored event has id \(v.target)")
            }
            switch entry.type {
            case .unitRegistered:
                throw ValidationError(.invalidValue, path: at("target"), "units cannot be voided")
            case .entryVoided:
                throw ValidationError(.invalidValue, path: at("target"), "a correction cannot be voided; append the original event again instead")
            default: break
            }
            if entry.voided {
                throw ValidationError(.conflict, path: at("target"), "event \(v.target) is already voided")
            }
            guard target(entry.seq) != nil else {
                throw ValidationError(.unknownReference, path: at("target"), "event \(v.target) could not be read back from the log")
            }
        }
    }

    /// Records an event that passed `check`.
    mutating func record(_ data: EventData, id: EventID, undo: inout [UndoStep], target: (UInt64) -> EventData?) {
        switch data {
        case .unitRegistered(let u):
            units[u.code] = UnitEntry(level: u.level, parent: u.parent, name: u.name)
            undo.append(.removeUnit(u.code))
            if u.effectiveOn != nil { recordUnitChange(data, id: id, undo: &undo) }
        case .unitRenamed, .unitMoved, .unitMerged, .unitSplit, .unitEnded:
            recordUnitChange(data, id: id, undo: &undo)
        case .campaignLaunched(let c):
            undo.append(.restoreCampaign(c.campaign, nil))
            campaigns[c.campaign] = CampaignEntry(unit: c.unit, startedOn: c.startedOn, closedOn: nil, launchedBy: id, closedBy: nil)
        case .campaignClosed(let c):
            undo.append(.restoreCampaign(c.campaign, campaigns[c.campaign]))
            campaigns[c.campaign]?.closedOn = c.closedOn
            campaigns[c.campaign]?.closedBy = id
        case .dialogueHeld(let d):
            undo.append(.restoreDialogue(d.dialogue, nil))
            var answers: [String: EventID?] = [:]
            for o in d.opinions { answers[o.opinion] = .some(nil) }
            dialogues[d.dialogue] = DialogueEntry(heldOn: d.heldOn, heldBy: id, answers: answers)
        case .opinionAnswered(let a):
            undo.append(.restoreDialogue(a.dialogue, dialogues[a.dialogue]))
            dialogues[a.dialogue]?.answers[a.opinion] = .some(id)
        case .modelRegistered(let m):
            undo.append(.restoreModel(m.model, nil))
            models[m.model] = id
        case .landDonated, .fundsContributed, .laborContributed, .worksCompleted:
            break
        case .entryVoided(let v):
            guard let entry = events[v.target] else { return }
            events[v.target]?.voided = true
            undo.append(.unvoid(v.target))
            guard let targetData = target(entry.seq) else { return }
            forget(targetData, id: v.target, undo: &undo)
        }
    }

    /// Takes a voided event's structural effect back out of the registry.
    private mutating func forget(_ data: EventData, id: EventID, undo: inout [UndoStep]) {
        switch data {
        case .campaignLaunched(let c) where campaigns[c.campaign]?.launchedBy == id:
            undo.append(.restoreCampaign(c.campaign, campaigns[c.campaign]))
            campaigns[c.campaign] = nil
        case .campaignClosed(let c) where campaigns[c.campaign]?.closedBy == id:
            undo.append(.restoreCampaign(c.campaign, campaigns[c.campaign]))
            campaigns[c.campaign]?.closedOn = nil
            campaigns[c.campaign]?.closedBy = nil
        case .dialogueHeld(let d) where dialogues[d.dialogue]?.heldBy == id:
            undo.append(.restoreDialogue(d.dialogue, dialogues[d.dialogue]))
            dialogues[d.dialogue] = nil
        case .opinionAnswered(let a) where dialogues[a.dialogue]?.answers[a.opinion] == .some(id):
            undo.append(.restoreDialogue(a.dialogue, dialogues[a.dialogue]))
            dialogues[a.dialogue]?.answers[a.opinion] = .some(nil)
        case .modelRegistered(let m) where models[m.model] == id:
            undo.append(.restoreModel(m.model, id))
            models[m.model] = nil
        case .unitRenamed, .unitMoved, .unitMerged, .unitSplit, .unitEnded:
            forgetUnitChange(data, id: id, undo: &undo)
        default:
            break
        }
    }
}
