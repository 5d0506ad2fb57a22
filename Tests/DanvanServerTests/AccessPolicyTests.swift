import DanvanProtocol
import Testing

@testable import DanvanServer

#if canImport(Glibc)
import Glibc
#endif

@Suite struct AccessPolicyTests {
    @Test func principalsParse() throws {
        let list = try AccessPolicy.principals("group:danvan, user:lan uid:1001 gid:50").get()
        #expect(list == [.group("danvan"), .user("lan"), .uid(1001), .gid(50)])
        #expect(throws: AccessPolicy.PrincipalError.self) { try AccessPolicy.principals("people:everyone").get() }
        #expect(throws: AccessPolicy.PrincipalError.self) { try AccessPolicy.principals("uid:abc").get() }
    }

    @Test func rootAndTheDaemonsOwnUserAreAdmins() {
        let policy = AccessPolicy()
        #expect(policy.role(uid: 0, gid: 0) == .admin)
        #expect(policy.role(uid: getuid(), gid: getgid()) == .admin)
        #expect(policy.role(uid: 4_000_000, gid: 4_000_000) == nil)
    }

    @Test func theHighestMatchingRoleWins() {
        let policy = AccessPolicy(rules: [.reader: [.gid(4_000_001)], .writer: [.uid(4_000_002)], .admin: [.uid(4_000_003)]])
        #expect(policy.role(uid: 4_000_009, gid: 4_000_001) == .reader)
        #expect(policy.role(uid: 4_000_002, gid: 4_000_001) == .writer)
        #expect(policy.role(uid: 4_000_003, gid: 4_000_001) == .admin)
        #expect(policy.role(uid: 4_000_004, gid: 4_000_004) == nil)
    }

    @Test func everyOperationNeedsTheDocumentedRole() {
        for op in Operation.allCases {
            switch op {
            case .hello: #expect(Role.needed(for: op) == nil)
            case .append: #expect(Role.needed(for: op) == .writer)
            case .backup: #expect(Role.needed(for: op) == .admin)
            default: #expect(Role.needed(for: op) == .reader)
            }
        }
        #expect(Role.reader < .writer && Role.writer < .admin)
    }
}
