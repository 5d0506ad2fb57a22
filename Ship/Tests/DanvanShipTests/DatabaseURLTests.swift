import DanvanShip
import Testing

@Suite struct DatabaseURLTests {
    @Test func severalHostsWithTargetSessionAttributes() throws {
        let url = try DatabaseURL("postgresql://ship:s%40cret@10.0.0.1:5433,db2.example:5434/danvan?target_session_attrs=read-write&connect_timeout=3")
        #expect(url.endpoints == [.init(host: "10.0.0.1", port: 5433), .init(host: "db2.example", port: 5434)])
        #expect(url.user == "ship")
        #expect(url.password == "s@cret")
        #expect(url.database == "danvan")
        #expect(url.targetSessionAttributes == .readWrite)
        #expect(url.connectTimeoutSeconds == 3)
        #expect(!url.description.contains("cret"))
    }

    @Test func defaultsAreLibpqs() throws {
        let url = try DatabaseURL("postgres://localhost")
        #expect(url.endpoints == [.init(host: "localhost", port: 5432)])
        #expect(url.user == "postgres")
        #expect(url.database == "postgres")
        #expect(url.targetSessionAttributes == .any)
        #expect(url.sslMode == .disable)
        let bare = try DatabaseURL("postgresql:///national")
        #expect(bare.endpoints.first?.unixSocketPath == "/run/postgresql/.s.PGSQL.5432")
        #expect(bare.database == "national")
    }

    @Test func ipv6AndSocketDirectories() throws {
        let v6 = try DatabaseURL("postgresql://u@[::1]:6000,[fe80::2]/d")
        #expect(v6.endpoints == [.init(host: "::1", port: 6000), .init(host: "fe80::2", port: 5432)])
        let empty = try DatabaseURL("postgresql://u@h1,:5433/d")
        #expect(empty.endpoints.last?.unixSocketPath == "/run/postgresql/.s.PGSQL.5433")
        let socket = try DatabaseURL("postgresql://u@:5433/d?host=/tmp/pg")
        #expect(socket.endpoints.first?.unixSocketPath == "/tmp/pg/.s.PGSQL.5433")
    }

    @Test func mistakesAreRefusedWithTheForm() {
        for bad in ["mysql://h/d", "postgresql://h:0/d", "postgresql://h:x/d", "postgresql://h/d?target_session_attrs=standby",
                    "postgresql://h/d?sslmode=verify", "postgresql://h/d?targetsessionattrs=read-write",
                    "postgresql://[::1/d"] {
            #expect(throws: DatabaseURLError.self, "\(bad)") { try DatabaseURL(bad) }
        }
        do {
            _ = try DatabaseURL("postgresql://h/d?tsa=1")
        } catch {
            #expect(error.description.contains("unknown key 'tsa'"))
            #expect(error.description.contains("postgresql://USER"))
        }
    }
}
