import DanvanClient
import DanvanDomain
import DanvanJSON
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// kill -9 while clients append: every acknowledged event must be there exactly once.
@Suite(.serialized, .timeLimit(.minutes(5))) struct CrashTests {
    @Test func acknowledgedEventsSurviveKillNine() throws {
        let d = try Daemon()
        try d.start()
        _ = try d.exchange(lines: [unitsBatch])
        var everAcked = Set<String>()
        for cycle in 0..<3 {
            let acked = Mutex<[String]>([])
            let stop = Atomic<Bool>(false)
            let clients = 4
            let group = DispatchGroup()
            for client in 0..<clients {
                group.enter()
                Thread.detachNewThread {
                    defer { group.leave() }
                    guard let c = try? d.connect() else { return }
                    var n = 0
                    while !stop.load(ordering: .relaxed) {
                        let ids = (0..<(1 + n % 3)).map { _ in EventID.random().description }
                        let events = ids.map { landEvent(area: "1", id: $0) }.joined(separator: ",")
                        let line = Array(#"{"id":\#(n),"op":"append","events":[\#(events)]}"#.utf8) + [10]
                        guard (try? c.send(line)) != nil, let reply = try? c.readLine(),
                              let value = try? JSONParser.parse(reply), value["ok"] == .bool(true) else { return }
                        acked.withLock { $0.append(contentsOf: ids) }
                        n += 1
                        _ = client
                    }
                }
            }
            usleep(UInt32(300_000 + cycle * 150_000))
            d.crash()
            stop.store(true, ordering: .relaxed)
            group.wait()
            let ackedNow = acked.withLock { $0 }
            #expect(!ackedNow.isEmpty, "cycle \(cycle): the clients must have appended something before the crash")
            everAcked.formUnion(ackedNow)

            try d.start()
            var seen: [String: Int] = [:]
            var seqs: [UInt64] = []
            var from: UInt64 = 1
            let c = try d.connect()
            while true {
                let page = try c.call("read", ["fromSeq": .int(from), "limit": 10_000])
                let events = page["events"]?.arrayValue ?? []
                for e in events {
                    if let id = e["id"]?.stringValue { seen[id, default: 0] += 1 }
                    if let s = e["seq"]?.int64Value { seqs.append(UInt64(s)) }
                }
                guard let next = page["nextSeq"]?.int64Value, !events.isEmpty else { break }
                from = UInt64(next)
            }
            #expect(seqs == Array(1...UInt64(seqs.count)), "sequence numbers must be gap-free from 1")
            let missing = everAcked.filter { seen[$0] == nil }
            let doubled = seen.filter { $0.value > 1 }
            #expect(missing.isEmpty, "cycle \(cycle): \(missing.count) acknowledged events lost")
            #expect(doubled.isEmpty, "cycle \(cycle): events stored twice")
        }
        #expect(d.stop() == 0)
        let verify = try d.tool(["verify", "--state-dir", d.directory])
        #expect(verify.status == 0, "\(verify.stdout)")
    }
}
