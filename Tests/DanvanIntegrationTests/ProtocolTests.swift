import DanvanClient
import DanvanJSON
import DanvanProtocol
import Foundation
import Testing

/// The protocol over the real socket of a real daemon.
@Suite(.serialized, .timeLimit(.minutes(5))) struct ProtocolTests {
    @Test func appendQueryReadRoundTrip() throws {
        let d = try Daemon()
        try d.start()
        let replies = try d.exchange(lines: [
            unitsBatch,
            #"{"id":2,"op":"append","events":[\#(landEvent(area: "120.5")),\#(landEvent(unit: "TT1", area: "0.25"))]}"#,
            #"{"id":3,"op":"query","projection":"summary","unit":"bảo yên"}"#,
            #"{"id":"r","op":"read","fromSeq":6,"limit":1}"#,
            #"{"id":5,"op":"status"}"#,
            #"{"id":6,"op":"hello"}"#,
            #"{"id":7,"op":"schema"}"#,
        ])
        #expect(replies.count == 7)
        #expect(replies[0]["result"]?["firstSeq"] == .number("1"))
        #expect(replies[1]["result"]?["lastSeq"] == .number("7"))
        #expect(replies[2]["result"]?["landDonatedM2"] == .number("120.75"))
        let events = replies[3]["result"]?["events"]?.arrayValue ?? []
        #expect(events.count == 1)
        #expect(events.first?["seq"] == .number("6"))
        #expect(events.first?["type"] == .string("land.donated"))
        #expect(events.first?["actor"]?["uid"] == .number(String(getuid())))
        #expect(replies[3]["id"] == .string("r"))
        #expect(replies[4]["result"]?["seq"] == .number("7"))
        #expect(replies[5]["result"]?["protocol"] == .number("1"))
        #expect(replies[6]["result"]?["types"]?.arrayValue?.count == 16)
        #expect(d.stop() == 0)
    }

    @Test func pipelinedRepliesComeInRequestOrder() throws {
        let d = try Daemon()
        try d.start()
        var lines = [unitsBatch]
        for i in 0..<200 {
            lines.append(i % 3 == 0
                ? #"{"id":\#(i),"op":"append","events":[\#(landEvent())]}"#
                : #"{"id":\#(i),"op":"query","projection":"summary","unit":"BY"}"#)
        }
        let replies = try d.exchange(lines: lines)
        #expect(replies.count == 201)
        for i in 0..<200 { #expect(replies[i + 1]["id"] == .number(String(i))) }
        // Each query sees the appends sent before it on the connection.
        let last = try #require(replies.last)
        #expect(last["result"]?["landDonatedM2"] == .number("670"))
        d.stop()
    }

    /// Small appends are admitted on the event loop and large batches on the connection's
    /// task; pipelined together with requests that only the task serves (`status`, `read`),
    /// replies still come in request order and every request sees the appends before it.
    @Test func smallAppendsLargeBatchesAndTaskRequestsKeepTheirOrder() throws {
        let d = try Daemon()
        try d.start()
        let batch = Array(repeating: landEvent(area: "1"), count: 64).joined(separator: ",")
        let lines = [
            unitsBatch,
            #"{"id":1,"op":"append","events":[\#(landEvent(area: "1000"))]}"#,
            #"{"id":2,"op":"append","events":[\#(batch)]}"#,
            #"{"id":3,"op":"status"}"#,
            #"{"id":4,"op":"append","events":[\#(landEvent(area: "100"))]}"#,
            #"{"id":5,"op":"query","projection":"summary","unit":"BY"}"#,
            #"{"id":6,"op":"read","fromSeq":1,"limit":1000}"#,
            #"{"id":7,"op":"append","events":[\#(landEvent(area: "10"))]}"#,
            #"{"id":8,"op":"append","events":[\#(landEvent(unit: "NOPE"))]}"#,
            #"{"id":9,"op":"query","projection":"summary","unit":"BY"}"#,
        ]
        let replies = try d.exchange(lines: lines)
        #expect(replies.count == lines.count)
        for i in 1..<lines.count { #expect(replies[i]["id"] == .number(String(i))) }
        #expect(replies[3]["result"]?["seq"] == .number("70"))  // 5 units, 1, then 64
        #expect(replies[5]["result"]?["landDonatedM2"] == .number("1164"))
        if case .array(let events)? = replies[6]["result"]?["events"] { #expect(events.count == 71) } else { Issue.record("no events") }
        #expect(replies[8]["error"]?["code"] == .string("validation_failed"))
        #expect(replies[9]["result"]?["landDonatedM2"] == .number("1174"))
        d.stop()
    }

    @Test func everyErrorCodeOverTheSocket() throws {
        let d = try Daemon()
        try d.start()
        _ = try d.exchange(lines: [unitsBatch])
        let cases: [(String, String)] = [
            ("{not json", "bad_json"),
            ("[1,2]", "bad_request"),
            (#"{"op":"hello"}"#, "bad_request"),
            (#"{"id":1}"#, "bad_request"),
            (#"{"id":{"a":1},"op":"hello"}"#, "bad_request"),
            (#"{"id":1,"op":"frobnicate"}"#, "unknown_op"),
            (#"{"id":1,"op":"read","limit":0}"#, "bad_params"),
            (#"{"id":1,"op":"append"}"#, "bad_params"),
            (#"{"id":1,"op":"append","events":[]}"#, "bad_params"),
            (#"{"id":1,"op":"query","projection":"nope"}"#, "bad_params"),
            (#"{"id":1,"op":"query","projection":"summary","year":"2023"}"#, "bad_params"),
            (#"{"id":1,"op":"append","events":[\#(landEvent(area: "-1"))]}"#, "validation_failed"),
            (#"{"id":1,"op":"append","events":[\#(landEvent(unit: "NOPE"))]}"#, "validation_failed"),
            (#"{"id":1,"op":"query","projection":"summary","unit":"Hà Nội"}"#, "not_found"),
            (#"{"id":1,"op":"query","projection":"summary","unit":"tan tien"}"#, "ambiguous"),
            (#"{"id":1,"op":"query","projection":"campaign","campaign":"X"}"#, "not_found"),
            (#"{"id":1,"op":"append","expectedVersion":5,"events":[{"type":"land.donated","stream":"s","data":{"unit":"BY","households":1,"areaM2":1,"purpose":"road","donatedOn":"2023-04-01"}}]}"#, "conflict"),
        ]
        let replies = try d.exchange(lines: cases.map(\.0))
        #expect(replies.count == cases.count)
        for (reply, c) in zip(replies, cases) {
            #expect(reply["ok"] == .bool(false), "\(c.0)")
            #expect(reply["error"]?["code"] == .string(c.1), "\(c.0) → \(JSONWriter.string(reply))")
            #expect((reply["error"]?["message"]?.stringValue ?? "").count > 10)
        }
        #expect(replies[11]["error"]?["path"] == .string("events[0].data.areaM2"))
        #expect(replies[14]["error"]?["candidates"]?.arrayValue?.count == 2)
        #expect(replies[16]["error"]?["actual"] == .number("0"))
        // Nothing was stored by any of them.
        let status = try d.connect().call("status")
        #expect(status["seq"] == .number("5"))
        d.stop()
    }

    @Test func invalidUTF8IsBadJSONAndTheConnectionStaysOpen() throws {
        let d = try Daemon()
        try d.start()
        var bytes: [UInt8] = Array(#"{"id":1,"op":"hello","x":""#.utf8) + [0xC3, 0x28] + Array("\"}\n".utf8)
        bytes += [0x00, 0xFF, 0x0A]
        bytes += Array(#"{"id":2,"op":"hello"}"#.utf8) + [0x0A]
        let replies = try d.exchange(bytes)
        #expect(replies.count == 3)
        #expect(replies[0]["error"]?["code"] == .string("bad_json"))
        #expect(replies[1]["error"]?["code"] == .string("bad_json"))
        #expect(replies[2]["ok"] == .bool(true))
        d.stop()
    }

    @Test func anOverlongLineIsTooLargeAndClosesTheConnection() throws {
        let d = try Daemon()
        try d.start()
        let c = try d.connect()
        var big = Array(#"{"id":1,"op":"hello","pad":""#.utf8)
        big += [UInt8](repeating: UInt8(ascii: "a"), count: (1 << 20) + 10)
        big += Array("\"}\n{\"id\":2,\"op\":\"hello\"}\n".utf8)
        try? c.send(big)
        let line = try #require(try c.readLine())
        let reply = try JSONParser.parse(line)
        #expect(reply["error"]?["code"] == .string("too_large"))
        #expect(try c.readLine() == nil)
        // The daemon itself is fine.
        #expect(try d.connect().call("hello")["server"] == .string("danvand"))
        d.stop()
    }

    @Test func duplicatesAreAcknowledgedOnce() throws {
        let d = try Daemon()
        try d.start()
        let id = "11111111-2222-4333-8444-555555555555"
        let append = #"{"id":1,"op":"append","events":[\#(landEvent(id: id))]}"#
        let replies = try d.exchange(lines: [unitsBatch, append, append])
        #expect(replies[1]["result"]?["firstSeq"] == .number("6"))
        #expect(replies[2]["result"]?["duplicates"] == .number("1"))
        #expect(replies[2]["result"]?["firstSeq"] == .null)
        let read = try d.connect().call("read", ["fromSeq": 1, "limit": 100])
        #expect(read["events"]?.arrayValue?.count == 6)
        d.stop()
    }

    @Test func theStateSurvivesARestartAndExportImportRoundTrips() throws {
        let d = try Daemon()
        try d.start()
        _ = try d.exchange(lines: [unitsBatch, #"{"id":1,"op":"append","events":[\#(landEvent(area: "3.5"))]}"#])
        #expect(d.stop() == 0)
        try d.start()
        #expect(try d.connect().call("query", ["projection": "summary", "unit": "BY"])["landDonatedM2"] == .number("3.5"))
        // A second daemon on the same directory is refused at once.
        let second = try d.tool(["--state-dir", d.directory, "--socket", d.directory + "/other.sock"])
        #expect(second.status == 75)
        #expect(second.stderr.contains("LOCK"))
        #expect(d.stop() == 0)
        let export = try d.tool(["export", "--state-dir", d.directory])
        #expect(export.status == 0)
        let lines = export.stdout.split(separator: "\n")
        #expect(lines.count == 6)
        let other = try Daemon()
        let file = other.directory + ".ndjson"
        try export.stdout.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let imported = try other.tool(["import", "--state-dir", other.directory, file])
        #expect(imported.status == 0, "\(imported.stderr)")
        let again = try other.tool(["import", "--state-dir", other.directory, file])
        #expect(again.stdout.contains("6 duplicates"))
        let reexport = try other.tool(["export", "--state-dir", other.directory])
        #expect(reexport.stdout == export.stdout)
    }

    @Test func importRefusesABadFileWhole() throws {
        let d = try Daemon()
        let file = d.directory + ".bad.ndjson"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try """
            {"type":"unit.registered","data":{"code":"LC","name":"Lào Cai","level":"province"}}
            {"type":"land.donated","data":{"unit":"LC","households":1,"areaM2":-4,"purpose":"road","donatedOn":"2023-01-01"}}
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try d.tool(["import", "--state-dir", d.directory, file])
        #expect(result.status == 1)
        #expect(result.stderr.contains(":2: data.areaM2"))
        #expect(result.stderr.contains("nothing was imported"))
        let verify = try d.tool(["verify", "--state-dir", d.directory])
        #expect(verify.status == 0)
        let export = try d.tool(["export", "--state-dir", d.directory])
        #expect(export.stdout.isEmpty)
    }

    @Test func theSampleProvinceThroughTheDaemon() throws {
        let d = try Daemon()
        let imported = try d.tool(["import", "--state-dir", d.directory, Daemon.packageRoot.appendingPathComponent("Samples/lao-cai.ndjson").path])
        #expect(imported.status == 0, "\(imported.stderr)")
        try d.start()
        let c = try d.connect()
        let by = try c.call("query", ["projection": "summary", "unit": "Bảo Yên"])
        #expect(by["donorHouseholds"] == .number("2180"))
        #expect(by["landDonatedM2"] == .number("649003"))
        #expect(by["works"]?["road"]?["lengthKm"] == .number("283.75"))
        let lc = try c.call("query", ["projection": "summary", "unit": "LC"])
        #expect(lc["opinions"]?["received"] == .number("6351"))
        #expect(lc["opinions"]?["answered"] == .number("6274"))
        d.stop()
    }
}
