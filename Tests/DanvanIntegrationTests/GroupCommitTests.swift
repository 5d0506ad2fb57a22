import DanvanClient
import DanvanJSON
import Foundation
import Synchronization
import Testing

/// Group commit over the real socket: `status.commits` counts the log's syncs, so these tests
/// see how appends share them (see `GroupGather`).
@Suite(.serialized, .timeLimit(.minutes(5))) struct GroupCommitTests {
    static func figures(_ c: DanvanConnection) throws -> (seq: Int64, commits: Int64) {
        let status = try c.call("status", [:])
        return (status["seq"]?.int64Value ?? -1, status["commits"]?.int64Value ?? -1)
    }

    /// A running daemon with the sample units, a connection to it and its figures now.
    static func started() throws -> (daemon: Daemon, connection: DanvanConnection, before: (seq: Int64, commits: Int64)) {
        let d = try Daemon()
        try d.start()
        _ = try d.exchange(lines: [unitsBatch])
        let c = try d.connect()
        return (d, c, try figures(c))
    }

    /// A lone client waits for nobody: each of its appends is a commit of its own.
    @Test func aLoneClientCommitsEachAppend() throws {
        let (d, c, before) = try Self.started()
        for i in 0..<20 {
            let reply = try c.call("append", ["events": try JSONParser.parse(Array("[\(landEvent(area: String(i + 1)))]".utf8))])
            #expect(reply["lastSeq"] != nil)
        }
        let after = try Self.figures(c)
        #expect(after.seq - before.seq == 20)
        #expect(after.commits - before.commits == 20)
        #expect(d.stop() == 0)
    }

    /// 16 clients appending one event at a time share syncs: far fewer commits than events,
    /// and every event acknowledged is stored.
    @Test func sixteenClientsShareTheirSyncs() throws {
        let (d, observer, before) = try Self.started()
        let acknowledged = Atomic<Int>(0)
        let group = DispatchGroup()
        for _ in 0..<16 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                guard let c = try? d.connect() else { return }
                for i in 0..<25 {
                    let line = Array(#"{"id":\#(i),"op":"append","events":[\#(landEvent())]}"#.utf8) + [10]
                    guard (try? c.send(line)) != nil, let reply = try? c.readLine(),
                        let value = try? JSONParser.parse(reply), value["ok"] == .bool(true)
                    else { return }
                    acknowledged.add(1, ordering: .relaxed)
                }
            }
        }
        group.wait()
        let after = try Self.figures(observer)
        #expect(acknowledged.load(ordering: .relaxed) == 400)
        #expect(after.seq - before.seq == 400)
        let commits = after.commits - before.commits
        #expect(commits >= 1 && commits <= 200, "\(commits) commits for 400 events from 16 clients")
        print("group commit: 16 clients, 400 events in \(commits) commits")
        #expect(d.stop() == 0)
    }
}
