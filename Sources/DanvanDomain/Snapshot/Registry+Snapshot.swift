/// The registry's part of a state snapshot (see `StateSnapshotCodec`).
extension Registry {
    func write(to w: inout PayloadWriter) {
        w.varint(UInt64(units.count))
        for (code, unit) in units {
            w.string(code)
            w.choice(unit.level)
            w.u8(unit.parent == nil ? 0 : 1)
            if let parent = unit.parent { w.string(parent) }
            w.string(unit.name)
        }
        lineage.write(to: &w)
        w.varint(UInt64(campaigns.count))
        for (id, c) in campaigns {
            w.string(id)
            w.string(c.unit)
            w.day(c.startedOn)
            w.eventID(c.launchedBy)
            w.u8((c.closedOn == nil ? 0 : 1) | (c.closedBy == nil ? 0 : 2))
            if let closedOn = c.closedOn { w.day(closedOn) }
            if let closedBy = c.closedBy { w.eventID(closedBy) }
        }
        w.varint(UInt64(dialogues.count))
        for (id, d) in dialogues {
            w.string(id)
            w.day(d.heldOn)
            w.eventID(d.heldBy)
            w.varint(UInt64(d.answers.count))
            for (opinion, answer) in d.answers {
                w.string(opinion)
                if let answer = answer {
                    w.u8(1)
                    w.eventID(answer)
                } else {
                    w.u8(0)
                }
            }
        }
        w.varint(UInt64(models.count))
        for (id, by) in models {
            w.string(id)
            w.eventID(by)
        }
        w.varint(UInt64(streams.count))
        for (name, version) in streams {
            w.string(name)
            w.zigzag(version)
        }
        // The id index in table order, with its seed and capacity: loading it back fills
        // the table front to back (see `EventIndex`).
        w.u64LE(events.seed)
        w.varint(UInt64(events.capacity))
        w.varint(UInt64(events.count))
        events.forEach { id, entry in
            w.u64LE(id.high)
            w.u64LE(id.low)
            w.u64LE(entry.bits)
        }
    }

    init(snapshot r: inout PayloadReader) throws(PayloadError) {
        self.init()
        let unitCount = try r.count(max: Int.max, minimumSize: 4)
        units.reserveCapacity(unitCount)
        for _ in 0..<unitCount {
            let code = try r.code()
            let level = try r.choice(UnitLevel.self)
            let parent = try r.presence(allowed: 1) != 0 ? try r.code() : nil
            units[code] = UnitEntry(level: level, parent: parent, name: try r.text())
        }
        lineage = try UnitLineage(snapshot: &r)
        let campaignCount = try r.count(max: Int.max, minimumSize: 20)
        campaigns.reserveCapacity(campaignCount)
        for _ in 0..<campaignCount {
            let id = try r.code()
            let unit = try r.code()
            let startedOn = try r.day()
            let launchedBy = try r.eventID()
            let mask = try r.presence(allowed: 0b11)
            let closedOn = mask & 1 != 0 ? try r.day() : nil
            let closedBy = mask & 2 != 0 ? try r.eventID() : nil
            campaigns[id] = CampaignEntry(unit: unit, startedOn: startedOn, closedOn: closedOn, launchedBy: launchedBy, closedBy: closedBy)
        }
        let dialogueCount = try r.count(max: Int.max, minimumSize: 20)
        dialogues.reserveCapacity(dialogueCount)
        for _ in 0..<dialogueCount {
            let id = try r.code()
            let heldOn = try r.day()
            let heldBy = try r.eventID()
            let answerCount = try r.count(max: Limits.opinionsPerDialogue, minimumSize: 3)
            var answers: [String: EventID?] = [:]
            answers.reserveCapacity(answerCount)
            for _ in 0..<answerCount {
                let opinion = try r.code()
                answers[opinion] = try r.presence(allowed: 1) != 0 ? .some(try r.eventID()) : .some(nil)
            }
            dialogues[id] = DialogueEntry(heldOn: heldOn, heldBy: heldBy, answers: answers)
        }
        let modelCount = try r.count(max: Int.max, minimumSize: 18)
        models.reserveCapacity(modelCount)
        for _ in 0..<modelCount {
            let id = try r.code()
            models[id] = try r.eventID()
        }
        let streamCount = try r.count(max: Int.max, minimumSize: 2)
        streams.reserveCapacity(streamCount)
        for _ in 0..<streamCount {
            let name = try r.string()
            streams[name] = try r.zigzag()
        }
        let seed = try r.u64LE()
        let capacityAt = r.offset
        let capacityWord = try r.varint()
        guard capacityWord <= 1 << 40 else { throw PayloadError("the event id index is malformed", at: capacityAt) }
        let capacity = Int(capacityWord)
        let eventCount = try r.count(max: Int.max, minimumSize: 24)
        guard let index = try EventIndex(seed: seed, capacity: capacity, count: eventCount, entries: { _ throws(PayloadError) in
            let at = r.offset
            let id = EventID(high: try r.u64LE(), low: try r.u64LE())
            guard let entry = EventEntry(bits: try r.u64LE()) else { throw PayloadError("unknown event type tag", at: at) }
            return (id, entry)
        }) else {
            throw PayloadError("the event id index is malformed (capacity, or an id twice)", at: capacityAt)
        }
        events = index
    }
}
