import DanvanDomain
import DanvanJSON

/// The units the daemon knows, for Tab completion: every `unit.registered` event, read
/// once per session (and again after an append or import).
public struct UnitDirectory: Sendable {
    /// One unit.
    public struct Unit: Sendable, Equatable {
        /// Code ("BY").
        public var code: String
        /// Vietnamese name ("Bảo Yên").
        public var name: String
        /// province, district, commune or village.
        public var level: String
        /// The parent's code.
        public var parent: String?
        /// The name folded for matching ("bao yen").
        public var folded: String

        /// A unit.
        public init(code: String, name: String, level: String, parent: String?) {
            self.code = code
            self.name = name
            self.level = level
            self.parent = parent
            self.folded = Text.fold(name)
        }
    }

    /// The units, in registration order.
    public var units: [Unit]
    private var names: [String: String] = [:]

    /// A directory of `units`.
    public init(units: [Unit]) {
        self.units = units
        for u in units { names[u.code] = u.name }
    }

    /// Reads every `unit.registered` event through `read`, page by page.
    static func fetch(_ session: Session) throws(CommandFailure) -> UnitDirectory {
        var units: [Unit] = []
        var next: Int64 = 1
        while true {
            let r = try session.call("read", ["fromSeq": .int(next), "limit": 10_000, "types": ["unit.registered"]])
            for e in r["events"]?.arrayValue ?? [] {
                let d = e["data"]
                guard let code = d?["code"]?.stringValue, let name = d?["name"]?.stringValue else { continue }
                units.append(Unit(code: code, name: name, level: d?["level"]?.stringValue ?? "", parent: d?["parent"]?.stringValue))
            }
            let n = r["nextSeq"]?.int64Value ?? next
            let last = r["lastSeq"]?.int64Value ?? 0
            if n > last || n <= next { break }
            next = n
        }
        return UnitDirectory(units: units)
    }

    /// Unit names by code.
    public var namesByCode: [String: String] { names }

    /// A completion candidate: the text to insert and the unit it stands for.
    public struct Match: Sendable, Equatable {
        /// The name or code.
        public var text: String
        /// The unit.
        public var unit: Unit
    }

    /// Units whose name starts with `typed` (folded: no diacritics, any case) or whose
    /// code starts with it (any case). An empty `typed` gives the provinces and districts.
    public func matches(_ typed: String) -> [Match] {
        let key = Text.fold(typed)
        if key.isEmpty {
            return units.filter { $0.level == "province" || $0.level == "district" }
                .map { Match(text: $0.name, unit: $0) }
                .sorted { ($0.unit.folded, $0.text) < ($1.unit.folded, $1.text) }
        }
        let upper = typed.uppercased()
        var out: [Match] = []
        for u in units where u.folded.hasPrefix(key) { out.append(Match(text: u.name, unit: u)) }
        for u in units where u.code.uppercased().hasPrefix(upper) { out.append(Match(text: u.code, unit: u)) }
        return out.sorted { (Text.fold($0.text), $0.text, $0.unit.code) < (Text.fold($1.text), $1.text, $1.unit.code) }
    }

    /// "BY-BAOHA  Bảo Hà (commune in Bảo Yên)", for listing candidates.
    public func describe(_ u: Unit) -> String {
        let parent = u.parent.map { " in \(names[$0] ?? $0)" } ?? ""
        return "\(u.name) (\(u.level)\(parent))"
    }
}
