import DanvanClient
import DanvanJSON
import Foundation
import Synchronization
import Testing

/// `asOf` on the real daemon: every projection at a past point answers what a fresh daemon
/// fed only the log up to that point answers (`danvand import` of the prefix), whether the
/// point is before, at or after a state snapshot; times select the last event recorded by
/// then; later voids are ignored; each refusal has its code and says what to send.
@Suite(.serialized, .timeLimit(.minutes(10))) struct AsOfTests {
    /// Every projection, with parameters, as (params) of `query`.
    static func questions(campaign: String) -> [JSONObject] {
        [
            ["projection": "summary"],
            ["projection": "summary", "unit": "LC", "year": 2023],
            ["projection": "summary", "unit": "bao yen"],
            ["projection": "units"],
            ["projection": "units", "parent": "LC"],
            ["projection": "units", "parent": "BY", "year": 2024],
            ["projection": "campaigns"],
            ["projection": "campaigns", "unit": "BY", "status": "closed"],
            ["projection": "campaign", "campaign": .string(campaign)],
            ["projection": "opinions"],
            ["projection": "opinions", "status": "answered", "limit": 40],
            ["projection": "models"],
            ["projection": "models", "field": "economy"],
            ["projection": "tree"],
            ["projection": "tree", "unit": "BY", "depth": 1],
        ]
    }

    /// The replies to `questions` (at `asOf` when given), without their ids and with the
    /// answer's `asOf` echo taken out (returned beside).
    static func answers(_ d: Daemon, _ questions: [JSONObject], asOf: JSONValue? = nil) throws -> (replies: [JSONValue], echoes: [JSONValue?]) {
        let lines = questions.enumerated().map { i, q -> String in
            var request: JSONObject = ["id": .int(i), "op": "query"]
            request.members.append(contentsOf: q.members)
            if let asOf { request["asOf"] = asOf }
            return JSONWriter.string(.object(request))
        }
        let replies = try d.exchange(lines: lines)
        #expect(replies.count == questions.count)
        var out: [JSONValue] = []
        var echoes: [JSONValue?] = []
        for reply in replies {
            guard var o = reply.objectValue else { continue }
            o["id"] = nil
            if var result = o["result"]?.objectValue {
                echoes.append(result["asOf"])
                result["asOf"] = nil
                o["result"] = .object(result)
            } else {
                echoes.append(nil)
            }
            out.append(.object(o))
        }
        return (out, echoes)
    }

    /// Every stored event, as `read` gives them (and `danvand import` takes them back).
    static func readAll(_ d: Daemon) throws -> [JSONValue] {
        var events: [JSONValue] = []
        var from: Int64 = 1
        let c = try d.connect()
        while true {
            let r = try c.call("read", ["fromSeq": .int(from), "limit": 10000])
            let page = r["events"]?.arrayValue ?? []
            events += page
            from = r["nextSeq"]?.int64Value ?? from
            if page.isEmpty || from > (r["lastSeq"]?.int64Value ?? 0) { break }
        }
        return events
    }

    /// A fresh daemon holding exactly `events` (recordedAt and all, through `danvand import`).
    static func fresh(with events: ArraySlice<JSONValue>) throws -> Daemon {
        let d = try Daemon()
        let file = d.directory + "/prefix.ndjson"
        try Data(events.map { JSONWriter.string($0) + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: file))
        if !events.isEmpty {
            let imported = try d.tool(["import", "--state-dir", d.directory, file])
            #expect(imported.status == 0, "\(imported.stderr)")
        }
        try FileManager.default.removeItem(atPath: file)
        try d.start(config: "snapshot_every_events = 0\n")
        return d
    }

    static func sampleEvents() throws -> [JSONValue] {
        let text = try String(contentsOf: Daemon.packageRoot.appendingPathComponent("Samples/lao-cai.ndjson"), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONParser.parse(Array($0.utf8)) }
    }

    /// The key test of the issue: for points spread over a log (the sample province, then
    /// random appends with voids of old and new events, snapshots written meanwhile), every
    /// projection at `asOf` equals the answer of a fresh daemon fed only the log's prefix.
    @Test func everyProjectionAtAPointIsWhatADaemonHoldingThePrefixAnswers() throws {
        let sample = try Self.sampleEvents()
        let campaign = sample.first { $0["type"]?.stringValue == "campaign.launched" }?["data"]?["campaign"]?.stringValue ?? "NONE"
        let d = try Daemon()
        let file = Daemon.packageRoot.appendingPathComponent("Samples/lao-cai.ndjson").path
        #expect(try d.tool(["import", "--state-dir", d.directory, file]).status == 0)
        let config = "snapshot_every_events = 150\n"
        try d.start(config: config)
        #expect(d.stop() == 0)  // a snapshot at 8684
        // At info, the rebuilds are logged (checked at the end).
        try d.start(arguments: ["--config", d.configPath, "--log-level", "info"])

        var random = SeededRandom(seed: 20)
        var voidable = sample.filter { ["land.donated", "funds.contributed", "works.completed", "opinion.answered", "campaign.closed", "model.registered"].contains($0["type"]?.stringValue ?? "") }
            .compactMap { $0["id"]?.stringValue }
        var batch = 0
        while batch < 12 {
            var events: [String] = []
            for _ in 0..<Int.random(in: 10...40, using: &random) {
                if Int.random(in: 0..<5, using: &random) == 0, !voidable.isEmpty {
                    let target = voidable.remove(at: Int.random(in: 0..<voidable.count, using: &random))
                    events.append(#"{"type":"entry.voided","data":{"target":"\#(target)","reason":"test"}}"#)
                } else {
                    let id = UUID().uuidString.lowercased()
                    let unit = ["BY", "BY-BAOHA", "LC", "SP"][Int.random(in: 0..<4, using: &random)]
                    let area = String(Int.random(in: 1...5000, using: &random))
                    events.append(landEvent(unit: unit, area: area, id: id))
                    voidable.append(id)
                }
            }
            let reply = try d.exchange(lines: [#"{"id":1,"op":"append","events":[\#(events.joined(separator: ","))]}"#])
            #expect(reply.first?["ok"] == .bool(true), "\(reply)")
            batch += 1
        }
        let log = try Self.readAll(d)
        let end = log.count
        #expect(end > 8684 + 12 * 10)
        // Snapshots written while serving, older ones kept beside the newest.
        let snapshotSeqs = try FileManager.default.contentsOfDirectory(atPath: d.directory)
            .compactMap { name -> Int? in name.hasSuffix(".dvsnap") ? Int(name.dropFirst("snapshot-".count).prefix(20)) : nil }.sorted()
        #expect(snapshotSeqs.count >= 2, "\(snapshotSeqs)")
        #expect(snapshotSeqs.contains(8684), "\(snapshotSeqs)")

        var points: Set<Int> = [0, 1, 3000, 8683, 8684, 8685, end - 1, end]
        for s in snapshotSeqs where s > 8684 { points.formUnion([s - 1, s, s + 1].filter { $0 <= end }) }
        for _ in 0..<3 { points.insert(Int.random(in: 1...end, using: &random)) }
        let questions = Self.questions(campaign: campaign)
        for point in points.sorted() {
            let (asOf, echoes) = try Self.answers(d, questions, asOf: .int(point))
            let reference = try Self.fresh(with: log.prefix(point))
            let (expected, _) = try Self.answers(reference, questions)
            #expect(reference.stop() == 0)
            for (i, (got, want)) in zip(asOf, expected).enumerated() where got != want {
                Issue.record("asOf \(point), \(JSONWriter.string(.object(questions[i]))): \(JSONWriter.string(got)) != \(JSONWriter.string(want))")
            }
            let recordedAt: JSONValue = point == 0 ? .null : log[point - 1]["recordedAt"] ?? .null
            for (i, echo) in echoes.enumerated() where expected[i]["ok"] == .bool(true) {
                #expect(echo == ["seq": .int(point), "recordedAt": recordedAt], "asOf \(point)")
            }
            // A time: the last event recorded at or before it (the log's own recordedAt).
            if point > 0, let time = log[point - 1]["recordedAt"] {
                let last = log.lastIndex { ($0["recordedAt"]?.stringValue ?? "") <= (time.stringValue ?? "") }.map { $0 + 1 } ?? 0
                let (_, timeEchoes) = try Self.answers(d, [["projection": "summary"]], asOf: time)
                #expect(timeEchoes.first??["seq"]?.int64Value == Int64(last), "asOf \(time)")
            }
        }
        // The points differ (the test compares something), and those after a snapshot were
        // rebuilt from it, those before the first from nothing.
        #expect(try Self.answers(d, questions, asOf: 3000).replies != Self.answers(d, questions, asOf: .int(end)).replies)
        let rebuilt = d.stderr.split(separator: "\n").filter { $0.contains("rebuilt the state as of a past seq") }
        #expect(rebuilt.contains { $0.contains("seq=8683 ") && $0.contains("snapshot_seq=none") }, "\(rebuilt)")
        #expect(rebuilt.contains { $0.contains("seq=8685 ") && $0.contains("snapshot_seq=8684") }, "\(rebuilt)")
        if let last = snapshotSeqs.last, last < end {
            #expect(rebuilt.contains { $0.contains("seq=\(last + 1) ") && $0.contains("snapshot_seq=\(last)") }, "\(rebuilt)")
        }
        // The live answer is the asOf answer at the end.
        #expect(try Self.answers(d, questions).replies == Self.answers(d, questions, asOf: .int(end)).replies)
        d.stop()
    }

    /// A log whose `recordedAt` the test chose (through `danvand import`), two events sharing
    /// one time and one recorded out of order: a time selects the last event recorded at or
    /// before it, exactly equal included; a date is the end of that day in Asia/Ho_Chi_Minh.
    @Test func aTimeIsTheLastEventRecordedAtOrBeforeIt() throws {
        let d = try Daemon()
        func unit(_ code: String, _ name: String, _ level: String, _ parent: String?) -> String {
            let p = parent.map { #","parent":"\#($0)""# } ?? ""
            return #"{"type":"unit.registered","recordedAt":"2026-03-01T00:00:00.000000Z","data":{"code":"\#(code)","name":"\#(name)","level":"\#(level)"\#(p)}}"#
        }
        func land(_ area: Int, _ at: String) -> String {
            #"{"type":"land.donated","recordedAt":"\#(at)","data":{"unit":"BY","households":1,"areaM2":\#(area),"purpose":"road","donatedOn":"2026-03-01"}}"#
        }
        let lines = [
            unit("LC", "Lào Cai", "province", nil), unit("BY", "Bảo Yên", "district", "LC"), unit("BX", "Bát Xát", "district", "LC"),
            land(1, "2026-03-31T16:59:59.999999Z"),  // 4: the last µs of 31/3 in Vietnam
            land(2, "2026-03-31T17:00:00.000000Z"),  // 5: 1/4 00:00 in Vietnam
            land(4, "2026-03-31T17:00:00.000000Z"),  // 6: the same time
            land(8, "2026-04-02T00:00:00.000000Z"),  // 7
            land(16, "2026-04-01T12:00:00.000000Z"),  // 8: recorded before 7 (a restored history)
            land(32, "2026-04-03T00:00:00.000000Z"),  // 9
        ]
        let file = d.directory + "/times.ndjson"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
        let imported = try d.tool(["import", "--state-dir", d.directory, file])
        #expect(imported.status == 0, "\(imported.stderr)")
        try d.start()
        let cases: [(String, Int64, Int)] = [
            ("2026-02-28T23:59:59Z", 0, 0),
            ("2026-03-01T00:00:00Z", 3, 0),
            ("2026-03-31T16:59:59.999998Z", 3, 0),
            ("2026-03-31T16:59:59.999999Z", 4, 1),
            ("2026-03-31T23:59:59.999999+07:00", 4, 1),
            ("2026-03-31", 4, 1),
            ("2026-04-01T00:00:00+07:00", 6, 7),
            ("2026-04-01T11:59:59.999999Z", 6, 7),
            ("2026-04-01T12:00:00Z", 8, 31),
            ("2026-04-02", 8, 31),
            ("2026-04-03T00:00:00Z", 9, 63),
            ("2199-12-31T23:59:59Z", 9, 63),
        ]
        let times = try Self.readAll(d).map { $0["recordedAt"] ?? .null }
        for (time, seq, area) in cases {
            let reply = try d.exchange(lines: [#"{"id":1,"op":"query","projection":"summary","asOf":"\#(time)"}"#]).first
            #expect(reply?["result"]?["asOf"]?["seq"]?.int64Value == seq, "\(time): \(String(describing: reply))")
            #expect(reply?["result"]?["asOf"]?["recordedAt"] == (seq == 0 ? .null : times[Int(seq) - 1]), "\(time)")
            #expect(reply?["result"]?["landDonatedM2"]?.int64Value == Int64(area), "\(time)")
        }
        d.stop()
    }

    /// A void recorded after the point does not reach it; before the point it does.
    @Test func aVoidRecordedLaterIsIgnoredAtAnEarlierPoint() throws {
        let d = try Daemon()
        try d.start()
        let target = "5e1c7a1e-0000-4000-8000-000000000001"
        _ = try d.exchange(lines: [unitsBatch])  // seqs 1-5
        _ = try d.exchange(lines: [#"{"id":1,"op":"append","events":[\#(landEvent(area: "100", id: target)),\#(landEvent(area: "7"))]}"#])
        _ = try d.exchange(lines: [#"{"id":2,"op":"append","events":[{"type":"entry.voided","data":{"target":"\#(target)","reason":"typed twice"}}]}"#])
        func land(_ asOf: String?) throws -> Int64? {
            let a = asOf.map { #","asOf":\#($0)"# } ?? ""
            return try d.exchange(lines: [#"{"id":1,"op":"query","projection":"summary","unit":"BY"\#(a)}"#]).first?["result"]?["landDonatedM2"]?.int64Value
        }
        #expect(try land("5") == 0)
        #expect(try land("6") == 100)
        #expect(try land("7") == 107)
        #expect(try land("8") == 7)
        #expect(try land(nil) == 7)
        #expect(try land("null") == 7)
        d.stop()
    }

    /// Several questions at one point rebuild it once (the cache); a unit registered after the
    /// point is unknown there.
    @Test func questionsAtOnePointRebuildItOnce() throws {
        let d = try Daemon()
        try d.start(arguments: ["--log-level", "info"])
        _ = try d.exchange(lines: [unitsBatch])
        for i in 0..<3 { _ = try d.exchange(lines: [#"{"id":\#(i),"op":"append","events":[\#(landEvent())]}"#]) }
        let replies = try d.exchange(lines: [
            #"{"id":1,"op":"query","projection":"summary","asOf":6}"#,
            #"{"id":2,"op":"query","projection":"units","parent":"LC","asOf":6}"#,
            #"{"id":3,"op":"query","projection":"tree","asOf":6}"#,
            #"{"id":4,"op":"query","projection":"summary","unit":"BY","asOf":1}"#,
        ])
        #expect(replies.prefix(3).allSatisfy { $0["ok"] == .bool(true) && $0["result"]?["asOf"]?["seq"] == .int(6) }, "\(replies)")
        #expect(replies.last?["error"]?["code"] == "not_found", "\(replies)")
        let rebuilt = d.stderr.split(separator: "\n").filter { $0.contains("rebuilt the state as of a past seq") }
        #expect(rebuilt.filter { $0.contains(" seq=6 ") }.count == 1, "\(rebuilt)")
        d.stop()
    }

    /// Each refusal: `bad_params`, `path` asOf, the log's `lastSeq`, and a message with the
    /// accepted forms or the way to write it.
    @Test func aBadAsOfIsRefusedWithTheFormsAndTheLastSeq() throws {
        let d = try Daemon()
        try d.start()
        _ = try d.exchange(lines: [unitsBatch])
        let cases: [(String, String)] = [
            ("6", "asOf seq 6 is beyond the end of the log (its last seq is 5 now)"),
            (#""2026-03-31T23:59:59""#, "add Z for UTC or +07:00 for Vietnam (2026-03-31T23:59:59+07:00)"),
            (#""5""#, "send a seq as a JSON number"),
            (#""31/03/2026""#, "not an RFC 3339 time"),
            ("-1", "a seq is a whole number from 0 up"),
            ("1.5", "a seq is a whole number from 0 up"),
            ("true", "got boolean"),
            (#"{"seq":1}"#, "got object"),
        ]
        for (value, says) in cases {
            let reply = try d.exchange(lines: [#"{"id":1,"op":"query","projection":"summary","asOf":\#(value)}"#]).first
            let error = reply?["error"]
            #expect(error?["code"] == "bad_params", "\(value): \(String(describing: reply))")
            #expect(error?["path"] == "asOf", "\(value)")
            #expect(error?["lastSeq"] == .int(5), "\(value)")
            let message = error?["message"]?.stringValue ?? ""
            #expect(message.contains(says), "\(value): \(message)")
            #expect(message.contains("RFC 3339 time with its zone offset"), "\(value): \(message)")
        }
        // The projection's own parameters are still checked.
        let reply = try d.exchange(lines: [#"{"id":1,"op":"query","projection":"summary","asOf":1,"yaer":2023}"#]).first
        #expect(reply?["error"]?["code"] == "bad_params", "\(String(describing: reply))")
        d.stop()
    }

    /// Clients asking at different points at once, while another appends: every answer is
    /// the one asked alone afterwards (rebuilds one at a time, shared through the cache, never
    /// mixing points), and every append is acknowledged meanwhile.
    @Test func manyClientsAtManyPointsWhileAppending() throws {
        let d = try Daemon()
        let file = Daemon.packageRoot.appendingPathComponent("Samples/lao-cai.ndjson").path
        #expect(try d.tool(["import", "--state-dir", d.directory, file]).status == 0)
        try d.start()
        let points = [0, 1, 500, 2000, 4321, 8000, 8684]
        let questions = Self.questions(campaign: "NTM-2021")
        let answers = Mutex<[Int: [[JSONValue]]]>([:])
        let failures = Mutex<[String]>([])
        let group = DispatchGroup()
        for client in 0..<4 {
            group.enter()
            Thread {
                defer { group.leave() }
                for round in 0..<points.count {
                    let point = points[(client * 3 + round) % points.count]
                    do {
                        let got = try Self.answers(d, questions, asOf: .int(point)).replies
                        answers.withLock { $0[point, default: []].append(got) }
                    } catch {
                        failures.withLock { $0.append("client \(client) at \(point): \(error)") }
                    }
                }
            }.start()
        }
        var acknowledged = 0
        for batch in 0..<40 {
            let events = (0..<5).map { _ in landEvent(unit: "BY-BAOHA", area: "3") }.joined(separator: ",")
            let reply = try d.exchange(lines: [#"{"id":\#(batch),"op":"append","events":[\#(events)]}"#])
            if reply.first?["ok"] == .bool(true) { acknowledged += 1 }
        }
        group.wait()
        #expect(acknowledged == 40)
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        for (point, seen) in answers.withLock({ $0 }) {
            let alone = try Self.answers(d, questions, asOf: .int(point)).replies
            for got in seen { #expect(got == alone, "asOf \(point)") }
        }
        #expect(answers.withLock { $0.values.reduce(0) { $0 + $1.count } } == 4 * points.count)
        d.stop()
    }
}

/// SplitMix64: the same random log on every run.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
