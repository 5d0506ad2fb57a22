import DanvanJSON

extension Projection {
    /// Finds a unit by code or by name, the way staff type it.
    ///
    /// The exact code, or the code in any case, wins. Otherwise the name is read as
    /// `UnitNameQuery` says, and the first of these that finds any unit decides:
    /// 1. the whole text is a unit's name exactly (diacritics count, case does not), when
    ///    the text has diacritics;
    /// 2. a level word, then exactly the name of a unit of that level ("tỉnh Lào Cai",
    ///    "xã Sa Pa"), when the text has diacritics;
    /// 3. the whole text folded ("bao yen", "BAO YEN");
    /// 4. a level word, then the folded name of a unit of that level ("huyen sa pa");
    /// 5. a unit registered with a level word in its name, named without it ("Khe Bàn" for
    ///    "Thôn Khe Bàn").
    /// Case and the old or new tone placement (Hòa, Hoà) never matter.
    /// 6. a name a unit had before a rename (`unit.renamed`), read the same ways.
    /// A unit that has ended (merged away, split, ended) is still found by its name: the
    /// archive holds its records; its answers mark it `historical` with its `validTo`, so the
    /// old district Bảo Yên and the new commune xã Bảo Yên are a tie that the level word, or
    /// the code, settles.
    /// One unit: it. Several: `ambiguous`, a real tie, with each candidate and a way to name
    /// it alone ("tỉnh Lào Cai", or its code).
    public func resolveUnit(_ text: String) throws(QueryError) -> UnitIndex {
        let matches = unitMatches(text)
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            throw QueryError(
                code: "not_found", message: "no unit has the code or name '\(text)'; list units with the 'tree' projection (names and codes) or 'units'",
                missing: .init(kind: "unit", given: text))
        }
        var candidates: [JSONValue] = []
        var list: [String] = []
        for i in matches {
            let u = units[Int(i)]
            let parent = (u.parent.map { " in \(units[Int($0)].name)" } ?? "") + (lineage[u.code]?.validTo.map { ", until \($0)" } ?? "")
            let phrase = "\(UnitNameQuery.levelWord(for: u.level)) \(u.name)"
            let say = unitMatches(phrase) == [i] ? phrase : u.code
            guard case .object(var o) = unitJSON(i) else { continue }
            o.put("say", say)
            candidates.append(.object(o))
            list.append(say == u.code ? "\(u.code) (\(u.level.rawValue) \(u.name)\(parent))" : "'\(say)' or \(u.code) (\(u.level.rawValue)\(parent))")
        }
        throw QueryError(
            code: "ambiguous",
            message: "'\(text)' names \(matches.count) units: \(list.joined(separator: "; ")); say which, with its level word or its code",
            candidates: candidates)
    }

    /// The units `text` names on its best reading (see `resolveUnit`), in registration order.
    func unitMatches(_ text: String) -> [UnitIndex] {
        if let exact = unitIndex[text] { return [exact] }
        let upper = text.uppercased()
        if let byCode = units.firstIndex(where: { $0.code.uppercased() == upper }) { return [UnitIndex(byCode)] }
        let query = UnitNameQuery(text)
        // Folded matches of each reading; the exact tiers are a subset of them.
        let folded: [[UnitIndex]] = query.readings.map { reading in
            units.indices.filter { i in
                units[i].folded == reading.folded && (reading.levels?.contains(units[i].level) ?? true)
            }.map { UnitIndex($0) }
        }
        func exact(_ r: Int) -> [UnitIndex] {
            folded[r].filter { UnitNameQuery.caseless(units[Int($0)].name) == query.readings[r].caseless }
        }
        func union(_ lists: [[UnitIndex]]) -> [UnitIndex] {
            Array(Set(lists.joined())).sorted()
        }
        let wholeReadings = query.readings.indices.filter { query.readings[$0].levels == nil }
        let levelReadings = query.readings.indices.filter { query.readings[$0].levels != nil }
        var tiers: [[UnitIndex]] = []
        if query.hasDiacritics {
            tiers.append(union(wholeReadings.map(exact)))
            tiers.append(union(levelReadings.map(exact)))
        }
        tiers.append(union(wholeReadings.map { folded[$0] }))
        tiers.append(union(levelReadings.map { folded[$0] }))
        if let found = tiers.first(where: { !$0.isEmpty }) { return found }
        // Then: a name registered with its level word, typed without it ("Khe Bàn" for
        // "Thôn Khe Bàn"), or with another one ("bản Khe Bàn").
        let bare: [UnitIndex] = union(query.readings.map { reading in
            units.indices.filter { i in
                units[i].bareFolded == reading.folded && (reading.levels?.contains(units[i].level) ?? true)
            }.map { UnitIndex($0) }
        })
        if !bare.isEmpty || lineage.histories.isEmpty { return bare }
        return formerNameMatches(query)
    }

    /// Last: the units that had the name before a rename, folded, as a whole or after a level word.
    private func formerNameMatches(_ query: UnitNameQuery) -> [UnitIndex] {
        var found: Set<UnitIndex> = []
        for (code, history) in lineage.histories where !history.renames.isEmpty {
            guard let i = unitIndex[code] else { continue }
            let level = units[Int(i)].level
            let former = ([history.registeredName] + history.renames.dropLast().map(\.name)).map(Text.fold)
            for reading in query.readings where reading.levels?.contains(level) ?? true {
                if former.contains(reading.folded) { found.insert(i) }
            }
        }
        return found.sorted()
    }

    /// `{code, name, level, parent}` of a unit.
    public func unitJSON(_ index: UnitIndex) -> JSONValue {
        let u = units[Int(index)]
        var o = JSONObject()
        o.put("code", u.code)
        o.put("name", u.name)
        o.put("level", u.level)
        o.members.append(("parent", u.parent.map { .string(units[Int($0)].code) } ?? .null))
        // Only a unit a change touched carries these: answers about every other unit, and
        // every answer of a log without unit changes, stay as they were.
        guard let h = lineage[u.code] else { return .object(o) }
        if let validTo = h.validTo {
            o.members.append(("historical", .bool(true)))
            o.put("validTo", validTo)
        }
        if let validFrom = h.validFrom { o.put("validFrom", validFrom) }
        if !h.predecessors.isEmpty { o.members.append(("predecessors", .array(h.predecessors.map { .string($0.unit) }))) }
        if !h.successors.isEmpty { o.members.append(("successors", .array(h.successors.map { .string($0.unit) }))) }
        return .object(o)
    }

    /// True when `unit` is `ancestor` or lies under it.
    public func isWithin(_ unit: UnitIndex, _ ancestor: UnitIndex) -> Bool {
        var current: UnitIndex? = unit
        while let c = current {
            if c == ancestor { return true }
            current = units[Int(c)].parent
        }
        return false
    }
}
