import DanvanClient
import DanvanDomain
import DanvanJSON
import Foundation
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// kill -9 while 8 clients append: every acknowledged event must be there exactly once, the
/// log must verify, and the figures must be those computed independently from the stored events.
/// The limit fits the long run (`DANVAN_CRASH_CYCLES=500`, about 2 s per cycle); CI's 20 cycles take about a minute.
@Suite(.serialized, .timeLimit(.minutes(60))) struct CrashTests {
    @Test func acknowledgedEventsSurviveKillNine() throws {
        let d = try Daemon()
        try d.start()
        _ = try d.exchange(lines: [unitsBatch])
        var everAcked = Set<String>()
        // CI runs 20 cycles; DANVAN_CRASH_CYCLES=500 for the long run.
        let cycles = Int(ProcessInfo.processInfo.environment["DANVAN_CRASH_CYCLES"] ?? "") ?? 20
        var lostTotal = 0
        // What every event sent carries (households, m²), acknowledged or not: a stored event
        // may be one whose reply the crash cut off.
        let sent = Mutex<[String: (households: Int, area: Int)]>([:])
        for cycle in 0..<cycles {
            let acked = Mutex<[String]>([])
            let stop = Atomic<Bool>(false)
            let clients = 8
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
                        let amounts = ids.map { _ in (households: Int.random(in: 1...5, using: &rng), area: Int.random(in: 1...900, using: &rng)) }
                        sent.withLock { for (id, a) in zip(ids, amounts) { $0[id] = a } }
                        let events = zip(ids, amounts).map { id, a in
                            #"{"id":"\#(id)","type":"land.donated"\#(stream),"data":{"unit":"BY","households":\#(a.households),"areaM2":\#(a.area),"purpose":"road","donatedOn":"2023-04-01"}}"#
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
            let verifyCrashed = try d.tool(["verify", "--state-dir", d.directory])
            #expect(verifyCrashed.status == 0, "cycle \(cycle): the crashed log must verify: \(verifyCrashed.stdout) \(verifyCrashed.stderr)")

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
            // The figures after the crash are those computed here from the stored events,
            // for the district and rolled up to the province.
            let amounts = sent.withLock { table in seen.keys.compactMap { table[$0] } }
            let area = amounts.reduce(0) { $0 + $1.area }
            let households = amounts.reduce(0) { $0 + $1.households }
            for unit in ["BY", "LC"] {
                let summary = try c.call("query", ["projection": "summary", "unit": .string(unit), "year": 2023])
                #expect(summary["landDonatedM2"] == .number(String(area)), "cycle \(cycle) \(unit)")
                #expect(summary["donorHouseholds"] == .number(String(households)), "cycle \(cycle) \(unit)")
            }
        }
        // The projection kept up to date while serving equals that of a fresh replay.
        let c = try d.connect()
        _ = try c.call("append", ["events": .array([try JSONParser.parse(Array(landEvent(area: "7.5").utf8))])])
        let live = try c.call("query", ["projection": "summary", "unit": "LC"])
        c.close()
        #expect(d.stop() == 0)
        try d.start()
        #expect(try d.connect().call("query", ["projection": "summary", "unit": "LC"]) == live)
        print("crash torture: \(cycles) cycles, \(everAcked.count) acknowledged events, \(lostTotal) lost")
        #expect(d.stop() == 0)
        let verify = try d.tool(["verify", "--state-dir", d.directory])
        #expect(verify.status == 0, "\(verify.stdout)")
    }
}
