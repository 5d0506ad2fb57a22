/// Finding the members that a later member with the same key overrides.
///
/// `JSONWriter` writes only the last occurrence of a key. Checking every pair of keys with
/// `String ==` cost more than writing the object itself, so keys are first reduced to a cheap
/// 64-bit fingerprint (length, first and last bytes) and only equal fingerprints are compared
/// as strings. Objects beyond 64 members use a dictionary instead.
enum DuplicateKeys {
    /// A set of member indices, either a bit mask (up to 64 members) or a hashed set.
    struct IndexSet {
        fileprivate var mask: UInt64 = 0
        fileprivate var large: Set<Int>? = nil

        @inline(__always)
        func contains(_ index: Int) -> Bool {
            if let large { return large.contains(index) }
            return index < 64 && mask & (1 &<< UInt64(index)) != 0
        }
    }

    /// The indices of members whose key appears again later in `members`.
    static func earlierOccurrences(in members: [(key: String, value: JSONValue)]) -> IndexSet {
        let count = members.count
        var result = IndexSet()
        guard count > 1 else { return result }
        if count > 64 {
            var lastIndex: [String: Int] = [:]
            lastIndex.reserveCapacity(count)
            for (index, member) in members.enumerated() { lastIndex[member.key] = index }
            var large = Set<Int>()
            for (index, member) in members.enumerated() where lastIndex[member.key] != index {
                large.insert(index)
            }
            result.large = large
            return result
        }
        result.mask = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: count) { prints in
            for index in 0..<count { prints[index] = fingerprint(members[index].key) }
            var mask: UInt64 = 0
            for index in 0..<(count &- 1) {
                let print = prints[index]
                var later = index &+ 1
                while later < count {
                    if prints[later] == print, members[later].key == members[index].key {
                        mask |= 1 &<< UInt64(index)
                        break
                    }
                    later &+= 1
                }
            }
            return mask
        }
        return result
    }

    /// Equal for equal keys; different for almost all different keys.
    @inline(__always)
    static func fingerprint(_ key: String) -> UInt64 {
        key.withUTF8Bytes { bytes in
            let count = bytes.count
            var print = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
            if count >= 8 {
                print ^= bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
                print = print &* 0x1000_0000_01B3
                print ^= bytes.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            } else {
                for index in 0..<count { print = (print ^ UInt64(bytes[index])) &* 0x1000_0000_01B3 }
            }
            return print
        }
    }
}
