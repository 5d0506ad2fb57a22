/// The projection's part of a state snapshot (see `StateSnapshotCodec`). Campaigns,
/// dialogues and models are keyed by their own id, so the keys are not written twice.
extension Projection {
    func write(to w: inout PayloadWriter) {
        w.varint(lastSeq)
        w.varint(eventCount)
        w.varint(UInt64(nextOrder))
        w.u8((viewsDiffer ? 1 : 0) | (unsettled ? 2 : 0) | (modelsUnsettled ? 4 : 0))
        w.varint(UInt64(units.count))
        for u in units {
            w.string(u.code)
            w.string(u.name)
            w.string(u.folded)
            w.choice(u.level)
            w.zigzag(Int64(u.parent ?? -1))
            w.varint(UInt64(u.children.count))
            for c in u.children { w.varint(UInt64(c)) }
            w.zigzag(u.communes)
            u.figures.write(to: &w)
            w.zigzag(u.modelCountAll)
            w.writeDays(u.modelDays)
            u.answers.write(to: &w)
            w.u8((u.historical == nil ? 0 : 1) | (u.own == nil ? 0 : 2))
            if let h = u.historical {
                h.figures.write(to: &w)
                h.answers.write(to: &w)
            }
            u.own?.write(to: &w)
        }
        w.varint(UInt64(roots.count))
        for r in roots { w.varint(UInt64(r)) }
        w.varint(UInt64(campaigns.count))
        for c in campaigns.values {
            c.launched.write(to: &w)
            w.varint(UInt64(c.unit))
            w.eventID(c.launchedBy)
            w.u8((c.closedOn == nil ? 0 : 1) | (c.closedBy == nil ? 0 : 2))
            if let closedOn = c.closedOn { w.day(closedOn) }
            if let closedBy = c.closedBy { w.eventID(closedBy) }
            c.series.write(to: &w)
            w.varint(UInt64(c.order))
        }
        w.varint(UInt64(dialogues.count))
        for d in dialogues.values {
            w.string(d.dialogue)
            w.varint(UInt64(d.unit))
            w.day(d.heldOn)
            w.choice(d.format)
            w.string(d.topic)
            w.eventID(d.heldBy)
            w.varint(UInt64(d.order))
            w.varint(UInt64(d.opinions.count))
            for o in d.opinions {
                o.opinion.write(to: &w)
                w.u8((o.answeredOn == nil ? 0 : 1) | (o.answer == nil ? 0 : 2) | (o.answeredBy == nil ? 0 : 4))
                if let answeredOn = o.answeredOn { w.day(answeredOn) }
                if let answer = o.answer { w.string(answer) }
                if let answeredBy = o.answeredBy { w.eventID(answeredBy) }
            }
        }
        w.varint(UInt64(models.count))
        for m in models.values {
            m.model.write(to: &w)
            w.varint(UInt64(m.unit))
            w.eventID(m.registeredBy)
            w.varint(UInt64(m.order))
        }
    }

    init(snapshot r: inout PayloadReader) throws(PayloadError) {
        self.init()
        lastSeq = try r.varint()
        eventCount = try r.varint()
        nextOrder = Int(try r.varint() & 0xFFFF_FFFF_FFFF)
        let views = try r.presence(allowed: 0b111)
        viewsDiffer = views & 1 != 0
        unsettled = views & 2 != 0
        modelsUnsettled = views & 4 != 0
        let unitCount = try r.count(max: Int(Int32.max), minimumSize: 8)
        units.reserveCapacity(unitCount)
        unitIndex.reserveCapacity(unitCount)
        func index(_ r: inout PayloadReader) throws(PayloadError) -> UnitIndex {
            let at = r.offset
            let i = try r.varint()
            guard i < UInt64(unitCount) else { throw PayloadError("unit index out of range", at: at) }
            return UnitIndex(truncatingIfNeeded: i)
        }
        for _ in 0..<unitCount {
            let at = r.offset
            let code = try r.code()
            let name = try r.string()
            let folded = try r.string()
            let level = try r.choice(UnitLevel.self)
            let parentValue = try r.zigzag()
            guard parentValue >= -1, parentValue < Int64(unitCount) else { throw PayloadError("unit index out of range", at: at) }
            var node = UnitNode(code: code, name: name, folded: folded, bareFolded: UnitNameQuery.bareFolded(name), nameOrder: VietnameseOrder(name), level: level, parent: parentValue < 0 ? nil : UnitIndex(parentValue))
            let childCount = try r.count(max: unitCount, minimumSize: 1)
            node.children.reserveCapacity(childCount)
            for _ in 0..<childCount { node.children.append(try index(&r)) }
            node.communes = try r.zigzag()
            node.figures = try FigureSeries(snapshot: &r)
            node.modelCountAll = try r.zigzag()
            node.modelDays = try r.readDays()
            node.answers = try AnswerLedger(snapshot: &r)
            let parts = try r.presence(allowed: 0b11)
            if parts & 1 != 0 {
                node.historical = HistoricalFigures(figures: try FigureSeries(snapshot: &r), answers: try AnswerLedger(snapshot: &r))
            }
            if parts & 2 != 0 { node.own = try FigureSeries(snapshot: &r) }
            guard unitIndex.updateValue(UnitIndex(units.count), forKey: code) == nil else {
                throw PayloadError("a unit code appears twice", at: at)
            }
            units.append(node)
        }
        let rootCount = try r.count(max: unitCount, minimumSize: 1)
        for _ in 0..<rootCount { roots.append(try index(&r)) }
        let campaignCount = try r.count(max: Int.max, minimumSize: 8)
        campaigns.reserveCapacity(campaignCount)
        for _ in 0..<campaignCount {
            let launched = try CampaignLaunched(binary: &r)
            let unit = try index(&r)
            let launchedBy = try r.eventID()
            let mask = try r.presence(allowed: 0b11)
            let closedOn = mask & 1 != 0 ? try r.day() : nil
            let closedBy = mask & 2 != 0 ? try r.eventID() : nil
            let series = try FigureSeries(snapshot: &r)
            let order = Int(try r.varint() & 0xFFFF_FFFF_FFFF)
            campaigns[launched.campaign] = CampaignState(
                launched: launched, unit: unit, closedOn: closedOn, launchedBy: launchedBy, closedBy: closedBy,
                series: series, order: order)
        }
        let dialogueCount = try r.count(max: Int.max, minimumSize: 8)
        dialogues.reserveCapacity(dialogueCount)
        for _ in 0..<dialogueCount {
            let dialogue = try r.code()
            let unit = try index(&r)
            let heldOn = try r.day()
            let format = try r.choice(DialogueFormat.self)
            let topic = try r.string()
            let heldBy = try r.eventID()
            let order = Int(try r.varint() & 0xFFFF_FFFF_FFFF)
            let opinionCount = try r.count(max: Limits.opinionsPerDialogue, minimumSize: Opinion.minimumBinarySize)
            var opinions: [OpinionState] = []
            opinions.reserveCapacity(opinionCount)
            for _ in 0..<opinionCount {
                let opinion = try Opinion(binary: &r)
                let mask = try r.presence(allowed: 0b111)
                let answeredOn = mask & 1 != 0 ? try r.day() : nil
                let answer = mask & 2 != 0 ? try r.string() : nil
                let answeredBy = mask & 4 != 0 ? try r.eventID() : nil
                opinions.append(OpinionState(opinion: opinion, answeredOn: answeredOn, answer: answer, answeredBy: answeredBy))
            }
            dialogues[dialogue] = DialogueState(
                dialogue: dialogue, unit: unit, heldOn: heldOn, format: format, topic: topic, opinions: opinions,
                heldBy: heldBy, order: order)
        }
        let modelCount = try r.count(max: Int.max, minimumSize: 8)
        models.reserveCapacity(modelCount)
        for _ in 0..<modelCount {
            let model = try ModelRegistered(binary: &r)
            let unit = try index(&r)
            let registeredBy = try r.eventID()
            let order = Int(try r.varint() & 0xFFFF_FFFF_FFFF)
            models[model.model] = ModelState(model: model, unit: unit, registeredBy: registeredBy, order: order)
        }
    }
}
