/// The unit changes of catalogue 2 in the binary record payload (layouts in
/// `StoredEvent+Binary.swift`), with the shape checks their JSON form has, so that a damaged
/// record cannot give the registry a merge of a unit with itself or a split without its main part.
extension PayloadReader {
    /// A count, then that many distinct codes: the units of a merge or a split.
    mutating func distinctCodes() throws(PayloadError) -> [String] {
        let at = offset
        let n = try count(max: maxUnitsPerChange, minimumSize: 2)
        var codes: [String] = []
        codes.reserveCapacity(n)
        for _ in 0..<n {
            let c = try code()
            guard !codes.contains(c) else { throw PayloadError("a unit code appears twice", at: at) }
            codes.append(c)
        }
        return codes
    }

    /// The optional `act` after a presence byte's bit 0.
    mutating func act(_ mask: UInt8) throws(PayloadError) -> String? {
        mask & 1 != 0 ? try text() : nil
    }
}

extension PayloadWriter {
    /// A count, then the codes.
    mutating func codes(_ codes: [String]) {
        varint(UInt64(codes.count))
        for c in codes { string(c) }
    }
}

extension UnitRenamed: BinaryPayload {
    init(binary r: inout PayloadReader) throws(PayloadError) {
        let mask = try r.presence(allowed: 0b1)
        unit = try r.code()
        name = try r.text()
        effectiveOn = try r.day()
        act = try r.act(mask)
    }

    func write(to w: inout PayloadWriter) {
        w.u8(act == nil ? 0 : 1)
        w.string(unit)
        w.string(name)
        w.day(effectiveOn)
        if let act { w.string(act) }
    }
}

extension UnitMoved: BinaryPayload {
    init(binary r: inout PayloadReader) throws(PayloadError) {
        let at = r.offset
        let mask = try r.presence(allowed: 0b1)
        unit = try r.code()
        parent = try r.code()
        effectiveOn = try r.day()
        act = try r.act(mask)
        guard parent != unit else { throw PayloadError("a unit moved under itself", at: at) }
    }

    func write(to w: inout PayloadWriter) {
        w.u8(act == nil ? 0 : 1)
        w.string(unit)
        w.string(parent)
        w.day(effectiveOn)
        if let act { w.string(act) }
    }
}

extension UnitMerged: BinaryPayload {
    init(binary r: inout PayloadReader) throws(PayloadError) {
        let at = r.offset
        let mask = try r.presence(allowed: 0b1)
        units = try r.distinctCodes()
        into = try r.code()
        effectiveOn = try r.day()
        act = try r.act(mask)
        guard !units.isEmpty, !(units.count == 1 && units[0] == into) else { throw PayloadError("a merge of nothing", at: at) }
    }

    func write(to w: inout PayloadWriter) {
        w.u8(act == nil ? 0 : 1)
        w.codes(units)
        w.string(into)
        w.day(effectiveOn)
        if let act { w.string(act) }
    }
}

extension UnitSplit: BinaryPayload {
    init(binary r: inout PayloadReader) throws(PayloadError) {
        let at = r.offset
        let mask = try r.presence(allowed: 0b1)
        unit = try r.code()
        into = try r.distinctCodes()
        main = try r.code()
        effectiveOn = try r.day()
        act = try r.act(mask)
        guard into.count >= 2, into.contains(main), !into.contains(unit) || main == unit else {
            throw PayloadError("a split needs two parts, one of them main (the unit itself when it is a part)", at: at)
        }
    }

    func write(to w: inout PayloadWriter) {
        w.u8(act == nil ? 0 : 1)
        w.string(unit)
        w.codes(into)
        w.string(main)
        w.day(effectiveOn)
        if let act { w.string(act) }
    }
}

extension UnitEnded: BinaryPayload {
    init(binary r: inout PayloadReader) throws(PayloadError) {
        let mask = try r.presence(allowed: 0b1)
        unit = try r.code()
        effectiveOn = try r.day()
        act = try r.act(mask)
    }

    func write(to w: inout PayloadWriter) {
        w.u8(act == nil ? 0 : 1)
        w.string(unit)
        w.day(effectiveOn)
        if let act { w.string(act) }
    }
}
