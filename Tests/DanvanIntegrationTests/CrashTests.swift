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
        // CI runs 20 cycles; DANVAN_CRASH_CYCLES=500 for the long run.
        let cycles = Int(ProcessInfo.processInfo.environment["DANVAN_CRASH_CYCLES"] ?? "") ?? 20
        var lostTotal = 0
        for cycle in 0..<cycles {
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
                    var version: Int64 = 0
                    var rng = SystemRandomNumberGenerator()
                    while !stop.load(ordering: .relaxed) {
                        // Random batch sizes; every other client guards its own stream with expectedVersion.
                        let ids = (0..<Int.random(in: 1...8, using: &rng)).map { _ in EventID.random().description }
                        let guarded = client % 2 == 0
                        let stream = guarded ? #","stream":"client-\#(client)-\#(cycle)""# : ""
                        let events = ids.map { id in
                            #"{"id":"\#(id)","type":"land.donated"\#(stream),"data":{"unit":"BY","households":1,"areaM2":1,"purpose":"road","donatedOn":"2023-04-01"}}"#
                        }.joined(separator: ",")
                        let expected = guarded ? #","expectedVersion":\#(version == 0 ? "\"none\"" : String(version))"# : ""
                        let line = Array(#"{"id":\#(n),"op":"append"\#(expected),"events":[\#(events)]}"#.utf8) + [10]
                        guard (try? c.send(line)) != nil, let reply = try? c.readLine(),
                              let value = try? JSONParser.parse(reply), value["ok"] == .bool(true) else { return }
                        acked.withLock { $0.append(contentsOf: ids) }
                        version += Int64(ids.count)
                        n += 1
                    }
                }
            }
            usleep(UInt32.random(in: 100_000...600_000))
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
            lostTotal += missing.count
            // The figures after the crash are those of a replay of what is stored: every
            // stored land donation is 1 m² in BY.
            let landEvents = seen.count - 5
            let summary = try c.call("query", ["projection": "summary", "unit": "BY"])
            #expect(summary["landDonatedM2"] == .number(String(landEvents)), "cycle \(cycle)")
        }
        print("crash torture: \(cycles) cycles, \(everAcked.count) acknowledged events, \(lostTotal) lost")
        #expect(d.stop() == 0)
        let verify = try d.tool(["verify", "--state-dir", d.directory])
        #expect(verify.status == 0, "\(verify.stdout)")
    }
}
