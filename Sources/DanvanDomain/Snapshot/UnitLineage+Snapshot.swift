/// The lineage's part of a state snapshot (see `StateSnapshotCodec`): each history with its
/// entries in their date order, so that reading it back gives an equal lineage.
extension UnitLineage {
    func write(to w: inout PayloadWriter) {
        w.varint(UInt64(histories.count))
        for (code, h) in histories {
            w.string(code)
            h.write(to: &w)
        }
    }

    init(snapshot r: inout PayloadReader) throws(PayloadError) {
        self.init()
        let count = try r.count(max: Int.max, minimumSize: 4)
        histories.reserveCapacity(count)
        for _ in 0..<count {
            let code = try r.code()
            histories[code] = try UnitHistory(snapshot: &r)
        }
    }
}

extension UnitHistory.Change: BinaryCodedEnum {
    var binaryCode: UInt8 {
        switch self {
        case .merged: return 0
        case .split: return 1
        case .ended: return 2
        }
    }

    init?(binaryCode: UInt8) {
        switch binaryCode {
        case 0: self = .merged
        case 1: self = .split
        case 2: self = .ended
        default: return nil
        }
    }
}

extension UnitHistory {
    func write(to w: inout PayloadWriter) {
        w.string(registeredName)
        w.u8((registeredParent == nil ? 0 : 1) | (validFrom == nil ? 0 : 2) | (end == nil ? 0 : 4))
        if let registeredParent { w.string(registeredParent) }
        if let validFrom { w.day(validFrom) }
        if let end {
            w.choice(end.change)
            w.day(end.effectiveOn)
            Self.write(act: end.act, to: &w)
            w.eventID(end.by)
        }
        w.varint(UInt64(renames.count))
        for e in renames {
            w.day(e.effectiveOn)
            w.string(e.name)
            Self.write(act: e.act, to: &w)
            w.eventID(e.by)
        }
        w.varint(UInt64(moves.count))
        for e in moves {
            w.day(e.effectiveOn)
            w.string(e.parent)
            Self.write(act: e.act, to: &w)
            w.eventID(e.by)
        }
        for links in [predecessors, successors] {
            w.varint(UInt64(links.count))
            for l in links {
                w.string(l.unit)
                w.choice(l.change)
                w.day(l.effectiveOn)
                Self.write(act: l.act, to: &w)
                w.u8(l.main ? 1 : 0)
                w.eventID(l.by)
            }
        }
    }

    private static func write(act: String?, to w: inout PayloadWriter) {
        w.u8(act == nil ? 0 : 1)
        if let act { w.string(act) }
    }

    private static func act(_ r: inout PayloadReader) throws(PayloadError) -> String? {
        try r.presence(allowed: 1) != 0 ? try r.text() : nil
    }

    init(snapshot r: inout PayloadReader) throws(PayloadError) {
        let name = try r.text()
        let mask = try r.presence(allowed: 0b111)
        let parent = mask & 1 != 0 ? try r.code() : nil
        let validFrom = mask & 2 != 0 ? try r.day() : nil
        self.init(registeredName: name, registeredParent: parent, validFrom: validFrom)
        if mask & 4 != 0 {
            let change = try r.choice(Change.self)
            let day = try r.day()
            let act = try Self.act(&r)
            end = End(change: change, effectiveOn: day, act: act, by: try r.eventID())
        }
        let renameCount = try r.count(max: Int.max, minimumSize: 19)
        for _ in 0..<renameCount {
            let day = try r.day()
            let name = try r.text()
            let act = try Self.act(&r)
            renames.append(Rename(effectiveOn: day, name: name, act: act, by: try r.eventID()))
        }
        let moveCount = try r.count(max: Int.max, minimumSize: 19)
        for _ in 0..<moveCount {
            let day = try r.day()
            let parent = try r.code()
            let act = try Self.act(&r)
            moves.append(Move(effectiveOn: day, parent: parent, act: act, by: try r.eventID()))
        }
        var lists: [[Link]] = []
        for _ in 0..<2 {
            let n = try r.count(max: Int.max, minimumSize: 21)
            var links: [Link] = []
            for _ in 0..<n {
                let unit = try r.code()
                let change = try r.choice(Change.self)
                let day = try r.day()
                let act = try Self.act(&r)
                let main = try r.presence(allowed: 1) != 0
                links.append(Link(unit: unit, change: change, effectiveOn: day, act: act, main: main, by: try r.eventID()))
            }
            lists.append(links)
        }
        predecessors = lists[0]
        successors = lists[1]
    }
}
