import DanvanJSON

extension Projection {
    /// Finds a unit by code or by name, the way staff type it: the exact code, the code
    /// in any case, or the name with or without diacritics and in any case
    /// ("bao yen", "Bảo Yên" and "BAO YEN" all find Bảo Yên). Several matches are
    /// reported with their parents so the person can pick one by code.
    public func resolveUnit(_ text: String) throws(QueryError) -> UnitIndex {
        if let exact = unitIndex[text] { return exact }
        let upper = text.uppercased()
        if let byCode = units.firstIndex(where: { $0.code.uppercased() == upper }) { return UnitIndex(byCode) }
        let key = Text.fold(text)
        var matches = units.indices.filter { units[$0].folded == key }
        if matches.isEmpty {
            // "xã bảo hà", "huyện bảo yên": allow the level word before the name.
            for prefix in ["tinh ", "huyen ", "thi xa ", "thanh pho ", "xa ", "phuong ", "thi tran ", "thon ", "ban ", "to dan pho "]
            where key.hasPrefix(prefix) {
                let rest = String(key.dropFirst(prefix.count))
                matches = units.indices.filter { units[$0].folded == rest }
                if !matches.isEmpty { break }
            }
        }
        if matches.count == 1 { return UnitIndex(matches[0]) }
        if matches.isEmpty {
            throw QueryError(code: "not_found", message: "no unit has the code or name '\(text)'; list units with the 'units' projection",
                             missing: .init(kind: "unit", given: text))
        }
        let candidates: [JSONValue] = matches.map { unitJSON(UnitIndex($0)) }
        let list = matches.map { i -> String in
            let u = units[i]
            let parent = u.parent.map { " in \(units[Int($0)].name)" } ?? ""
            return "\(u.code) (\(u.name)\(parent))"
        }.joined(separator: ", ")
        throw QueryError(code: "ambiguous", message: "'\(text)' names \(matches.count) units: \(list); use the code", candidates: candidates)
    }

    /// `{code, name, level, parent}` of a unit.
    public func unitJSON(_ index: UnitIndex) -> JSONValue {
        let u = units[Int(index)]
        var o = JSONObject()
        o.put("code", u.code)
        o.put("name", u.name)
        o.put("level", u.level)
        o.members.append(("parent", u.parent.map { .string(units[Int($0)].code) } ?? .null))
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
