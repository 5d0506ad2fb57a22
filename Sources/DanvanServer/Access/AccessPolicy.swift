#if canImport(Glibc)
import Glibc
#endif

/// Who gets which role, from the configuration (`readers`, `writers`, `admins`): lists of
/// `user:NAME`, `group:NAME`, `uid:N` or `gid:N`. A peer is identified by the kernel
/// (`SO_PEERCRED`): its uid, its primary gid and the supplementary groups of its user.
/// The highest matching role wins; a peer matching nothing has no role, and every op but
/// `hello` answers `forbidden`. root and the daemon's own user are always admins.
public struct AccessPolicy: Sendable, Hashable {
    /// One principal.
    public enum Principal: Sendable, Hashable, CustomStringConvertible {
        case uid(UInt32)
        case gid(UInt32)
        case user(String)
        case group(String)

        /// Parses `user:NAME`, `group:NAME`, `uid:N`, `gid:N`.
        public init?(_ text: String) {
            let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else { return nil }
            switch parts[0] {
            case "user": self = .user(parts[1])
            case "group": self = .group(parts[1])
            case "uid": guard let n = UInt32(parts[1]) else { return nil }; self = .uid(n)
            case "gid": guard let n = UInt32(parts[1]) else { return nil }; self = .gid(n)
            default: return nil
            }
        }

        public var description: String {
            switch self {
            case .uid(let n): return "uid:\(n)"
            case .gid(let n): return "gid:\(n)"
            case .user(let s): return "user:\(s)"
            case .group(let s): return "group:\(s)"
            }
        }
    }

    /// Principals per role.
    public var rules: [Role: [Principal]]

    /// A policy; `rules` add to the built-in admins (root and the daemon's own user).
    public init(rules: [Role: [Principal]] = [:]) {
        self.rules = rules
    }

    /// Parses a comma- or space-separated list of principals.
    public static func principals(_ text: String) -> Result<[Principal], PrincipalError> {
        var list: [Principal] = []
        for item in text.split(whereSeparator: { $0 == "," || $0 == " " }) where !item.isEmpty {
            guard let p = Principal(String(item)) else { return .failure(PrincipalError(text: String(item))) }
            list.append(p)
        }
        return .success(list)
    }

    /// A principal that does not parse.
    public struct PrincipalError: Error, Sendable {
        /// The offending item.
        public var text: String
    }

    /// The role of a peer, or nil.
    public func role(uid: UInt32, gid: UInt32) -> Role? {
        if uid == 0 || uid == getuid() { return .admin }
        let identity = PeerIdentity(uid: uid, gid: gid)
        for role in Role.allCases.reversed() {
            if let principals = rules[role], principals.contains(where: identity.matches) { return role }
        }
        return nil
    }
}

/// A peer's names and groups, resolved through NSS.
struct PeerIdentity {
    let uid: UInt32
    let gid: UInt32
    let user: String?
    let groups: Set<UInt32>

    init(uid: UInt32, gid: UInt32) {
        self.uid = uid
        self.gid = gid
        var pwd = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 4096)
        var groups: Set<UInt32> = [gid]
        var user: String?
        if getpwuid_r(uid, &pwd, &buffer, buffer.count, &result) == 0, result != nil, let name = pwd.pw_name {
            user = String(cString: name)
            var count: Int32 = 64
            var list = [gid_t](repeating: 0, count: Int(count))
            if getgrouplist(name, pwd.pw_gid, &list, &count) == -1, count > 64 {
                list = [gid_t](repeating: 0, count: Int(count))
                _ = getgrouplist(name, pwd.pw_gid, &list, &count)
            }
            for g in list.prefix(Int(max(count, 0))) { groups.insert(g) }
        }
        self.user = user
        self.groups = groups
    }

    func matches(_ p: AccessPolicy.Principal) -> Bool {
        switch p {
        case .uid(let n): return n == uid
        case .gid(let n): return groups.contains(n)
        case .user(let name): return name == user
        case .group(let name):
            var grp = group()
            var result: UnsafeMutablePointer<group>?
            var buffer = [CChar](repeating: 0, count: 4096)
            guard getgrnam_r(name, &grp, &buffer, buffer.count, &result) == 0, result != nil else { return false }
            return groups.contains(grp.gr_gid)
        }
    }
}
