import DanvanDomain
import DanvanJSON
import DanvanProtocol
import DanvanStorage
import Foundation

/// The CPU of each step a 512-event `append` takes inside danvand, in process and on one
/// thread: decoding the request line and reading and validating each event, both the general
/// way (a `JSONValue` tree, then `BatchAdmission.parse`) and straight from the bytes as
/// `RequestDecoder` does for a plain append (`AppendLineDecoder`); then admitting the batch against the registry, encoding and framing its records, applying them
/// to the projection, and freeing it all. No socket, no disk: what is left of an event's cost
/// once those are taken away, to compare with the ~3 µs of CPU per event that 0.75× the disk's
/// rate allows (BENCHMARKS.md). The batch is `make bench`'s (`b512x1`): land, funds, labour and
/// works events in turn, each with a fresh UUID, in Bảo Yên.
///
/// Usage: `danvan-stages [REQUESTS]` (default 200; prints µs per event for each step).

let kinds = [
    #"{"type":"land.donated","id":"ID","data":{"unit":"BY","households":3,"areaM2":120.5,"assetsVnd":1000000,"purpose":"road","donatedOn":"2023-04-01"}}"#,
    #"{"type":"funds.contributed","id":"ID","data":{"unit":"BY","amountVnd":5000000,"source":"household","contributedOn":"2023-04-02"}}"#,
    #"{"type":"labor.contributed","id":"ID","data":{"unit":"BY","workdays":12.5,"participants":10,"contributedOn":"2023-04-03"}}"#,
    #"{"type":"works.completed","id":"ID","data":{"unit":"BY","kind":"road","count":1,"lengthKm":0.75,"valueVnd":250000000,"completedOn":"2023-06-30"}}"#,
]

/// One request line of 512 events with ids `first`, `first + 1`, ...
func requestLine(firstID first: Int) -> [UInt8] {
    let events = (0..<512).map { i in
        let id = String(format: "%08x-0000-4000-8000-%012x", (first + i) >> 20, first + i)
        return kinds[i % kinds.count].replacingOccurrences(of: #""ID""#, with: "\"\(id)\"")
    }
    return Array((#"{"id":1,"op":"append","events":["# + events.joined(separator: ",") + "]}").utf8)
}

func seconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

let requests = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 200
let lines = (0..<requests).map { requestLine(firstID: $0 * 512) }
let actor = Actor(uid: 1000, user: "bench")
var registry = Registry()
var projection = Projection()
let units: [JSONValue] = [
    try JSONParser.parse(Array(#"{"type":"unit.registered","data":{"code":"LC","name":"Lào Cai","level":"province"}}"#.utf8)),
    try JSONParser.parse(Array(#"{"type":"unit.registered","data":{"code":"BY","name":"Bảo Yên","level":"district","parent":"LC"}}"#.utf8)),
]
for event in try BatchAdmission.admit(
    units, expectedVersion: .any, registry: &registry, nextSeq: 1, recordedAtMicros: 1, recordedOn: Day(year: 2199, month: 12, day: 31), actor: actor, target: { _ in nil }
).events {
    projection.apply(event)
}

var seq: UInt64 = 3
var spent = [Double](repeating: 0, count: 7)
let names = ["general: decode request", "+ parse events", "| read from bytes", "admit", "encode + frame", "apply", "free"]
var payload: [UInt8] = []
payload.reserveCapacity(512)
for line in lines {
    var t0 = seconds()
    func lap(_ step: Int) {
        let t1 = seconds()
        spent[step] += t1 - t0
        t0 = t1
    }
    // The general way (a `JSONValue` tree, then each event read from it), as for any line
    // `AppendLineDecoder` does not take; then the way `RequestDecoder` reads this one.
    guard case .array(let items)? = (try line.withUnsafeBytes { try JSONParser.parse($0) })["events"] else {
        fatalError("the request line has no events")
    }
    lap(0)
    let general = try BatchAdmission.parse(items)
    lap(1)
    _ = consume general
    _ = consume items
    t0 = seconds()
    guard case .success(let request) = RequestDecoder.decode(line), let parsed = request.parsedEvents else {
        fatalError("the request line is not read from its bytes")
    }
    lap(2)
    let outcome = try BatchAdmission.admit(
        parsed: parsed, expectedVersion: .any, registry: &registry, nextSeq: seq, recordedAtMicros: 5, recordedOn: Day(year: 2199, month: 12, day: 31), actor: actor,
        target: { _ in nil })
    seq += UInt64(outcome.events.count)
    lap(3)
    var records = RecordBatch(reservingCapacity: outcome.events.count * 256)
    for event in outcome.events {
        payload.removeAll(keepingCapacity: true)
        EventPayloadCodec.encode(event, into: &payload)
        records.append(seq: event.seq, recordedAtMicros: event.recordedAtMicros, payload: payload)
    }
    lap(4)
    for event in outcome.events { projection.apply(event) }
    lap(5)
    _ = consume outcome
    _ = consume parsed
    _ = consume request
    _ = consume records
    lap(6)
}
let events = Double(requests * 512)
var line = ""
for (step, name) in names.enumerated() { line += String(format: "%@ %.3f  ", name, spent[step] / events * 1e6) }
let total = spent.reduce(0, +) - spent[0] - spent[1]
print(line + String(format: "total (read from bytes) %.3f µs per event", total / events * 1e6))
