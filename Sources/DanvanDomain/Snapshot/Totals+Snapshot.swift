/// `Totals` in a state snapshot (see `StateSnapshotCodec`): every figure as a zigzag
/// varint, the per-kind arrays with their length so a new kind changes the format visibly.
extension Totals {
    func write(to w: inout PayloadWriter) {
        w.quantity(landM2)
        w.zigzag(donorHouseholds)
        w.zigzag(assetsVnd)
        w.zigzag(fundsVnd)
        w.quantity(workdays)
        w.varint(UInt64(works.count))
        for k in works {
            w.zigzag(k.count)
            w.quantity(k.lengthKm)
            w.zigzag(k.valueVnd)
        }
        w.zigzag(campaignsLaunched)
        w.zigzag(campaignsClosed)
        w.zigzag(campaignsLaunchedNowClosed)
        w.zigzag(dialoguesHeld)
        w.zigzag(dialoguesPeriodic)
        w.zigzag(dialoguesAdHoc)
        w.zigzag(opinionsReceived)
        w.zigzag(opinionsAnswered)
        w.zigzag(models)
        w.varint(UInt64(modelsByField.count))
        for n in modelsByField { w.zigzag(n) }
        w.zigzag(communesWithModels)
    }

    init(snapshot r: inout PayloadReader) throws(PayloadError) {
        self.init()
        landM2 = Quantity(scaled: try r.zigzag())
        donorHouseholds = try r.zigzag()
        assetsVnd = try r.zigzag()
        fundsVnd = try r.zigzag()
        workdays = Quantity(scaled: try r.zigzag())
        let at = r.offset
        guard try r.varint() == UInt64(works.count) else { throw PayloadError("works kinds differ from this version's", at: at) }
        for i in works.indices {
            works[i].count = try r.zigzag()
            works[i].lengthKm = Quantity(scaled: try r.zigzag())
            works[i].valueVnd = try r.zigzag()
        }
        campaignsLaunched = try r.zigzag()
        campaignsClosed = try r.zigzag()
        campaignsLaunchedNowClosed = try r.zigzag()
        dialoguesHeld = try r.zigzag()
        dialoguesPeriodic = try r.zigzag()
        dialoguesAdHoc = try r.zigzag()
        opinionsReceived = try r.zigzag()
        opinionsAnswered = try r.zigzag()
        models = try r.zigzag()
        let fieldsAt = r.offset
        guard try r.varint() == UInt64(modelsByField.count) else { throw PayloadError("model fields differ from this version's", at: fieldsAt) }
        for i in modelsByField.indices { modelsByField[i] = try r.zigzag() }
        communesWithModels = try r.zigzag()
    }
}
