/// Where a value sits in a request (`events[3].data`), kept in parts.
///
/// Every event of an append carries a path for its error messages, but almost no event is
/// refused: writing `"events[\(i)].data"` out for each of 512 events cost an interpolation
/// and, past 15 bytes, an allocation apiece. The parts are joined only when a message asks.
struct FieldPath: Sendable, CustomStringConvertible {
    /// The leading part, already written out (`events`, `data`, `data.opinions[2]`, or empty).
    var base: String
    /// An array position after `base`, or -1.
    var index: Int = -1
    /// A member after that, or nil.
    var key: String?

    /// A path written out already.
    init(_ base: String) { self.base = base }

    /// `base[index]`, optionally followed by `.key`.
    init(_ base: String, index: Int, key: String? = nil) {
        self.base = base
        self.index = index
        self.key = key
    }

    /// The path of member `key` below this one; written out first if this one already ends in a member.
    func member(_ key: String) -> FieldPath {
        if self.key == nil { return FieldPath(base, index: index, key: key) }
        return FieldPath(description, index: -1, key: key)
    }

    /// The path as error messages show it.
    var description: String {
        var out = base
        if index >= 0 { out += "[\(index)]" }
        if let key { out += out.isEmpty ? key : ".\(key)" }
        return out
    }
}
