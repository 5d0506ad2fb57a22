extension Totals {
    /// How many additive figures a `Totals` holds: everything but `communesWithModels`,
    /// which counts units rather than events and is answered per period on its own
    /// (`Projection.communesWithModels`).
    static let fieldCount = 5 + 3 * WorksKind.allCases.count + 9 + ModelField.allCases.count

    /// All zeros, shared: a copy costs no allocation until its arrays are written.
    static let zero = Totals()

    /// Figure `i` of the fixed order `FigureSeries` keeps them in, as an integer (quantities
    /// by their scaled value).
    func field(_ i: Int) -> Int64 {
        let w = 5 + 3 * works.count
        switch i {
        case 0: return landM2.scaled
        case 1: return donorHouseholds
        case 2: return assetsVnd
        case 3: return fundsVnd
        case 4: return workdays.scaled
        case 5..<w:
            let k = works[(i - 5) / 3]
            switch (i - 5) % 3 {
            case 0: return k.count
            case 1: return k.lengthKm.scaled
            default: return k.valueVnd
            }
        case w: return campaignsLaunched
        case w + 1: return campaignsClosed
        case w + 2: return campaignsLaunchedNowClosed
        case w + 3: return dialoguesHeld
        case w + 4: return dialoguesPeriodic
        case w + 5: return dialoguesAdHoc
        case w + 6: return opinionsReceived
        case w + 7: return opinionsAnswered
        case w + 8: return models
        default: return modelsByField[i - w - 9]
        }
    }

    /// Every figure in the order of `field(_:)`, written straight (one switch per figure
    /// was most of what working out an event's delta cost).
    func writeFields(into row: inout InlineArray<40, Int64>) {
        row[0] = landM2.scaled
        row[1] = donorHouseholds
        row[2] = assetsVnd
        row[3] = fundsVnd
        row[4] = workdays.scaled
        var i = 5
        for k in works {
            row[i] = k.count
            row[i + 1] = k.lengthKm.scaled
            row[i + 2] = k.valueVnd
            i += 3
        }
        row[i] = campaignsLaunched
        row[i + 1] = campaignsClosed
        row[i + 2] = campaignsLaunchedNowClosed
        row[i + 3] = dialoguesHeld
        row[i + 4] = dialoguesPeriodic
        row[i + 5] = dialoguesAdHoc
        row[i + 6] = opinionsReceived
        row[i + 7] = opinionsAnswered
        row[i + 8] = models
        i += 9
        for n in modelsByField {
            row[i] = n
            i += 1
        }
    }

    /// Adds `v` to figure `i` (the order of `field(_:)`).
    mutating func addField(_ i: Int, _ v: Int64) {
        let w = 5 + 3 * works.count
        switch i {
        case 0: landM2.scaled += v
        case 1: donorHouseholds += v
        case 2: assetsVnd += v
        case 3: fundsVnd += v
        case 4: workdays.scaled += v
        case 5..<w:
            switch (i - 5) % 3 {
            case 0: works[(i - 5) / 3].count += v
            case 1: works[(i - 5) / 3].lengthKm.scaled += v
            default: works[(i - 5) / 3].valueVnd += v
            }
        case w: campaignsLaunched += v
        case w + 1: campaignsClosed += v
        case w + 2: campaignsLaunchedNowClosed += v
        case w + 3: dialoguesHeld += v
        case w + 4: dialoguesPeriodic += v
        case w + 5: dialoguesAdHoc += v
        case w + 6: opinionsReceived += v
        case w + 7: opinionsAnswered += v
        case w + 8: models += v
        default: modelsByField[i - w - 9] += v
        }
    }

    /// The totals whose figures are `row` (`fieldCount` integers in the order of `field(_:)`).
    init(row: UnsafeBufferPointer<Int64>) {
        self.init()
        for i in 0..<Totals.fieldCount where row[i] != 0 { addField(i, row[i]) }
    }
}
