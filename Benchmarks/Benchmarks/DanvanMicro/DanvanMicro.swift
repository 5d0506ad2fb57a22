import Benchmark
import DanvanDomain
import DanvanJSON
import DanvanStorage

/// Micro-benchmarks of the hot paths, one `Benchmark` per step a record goes through.
/// Run from `Benchmarks/`: `swift package --disable-sandbox benchmark` (see BENCHMARKS.md).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .mallocCountTotal],
        warmupIterations: 10, scalingFactor: .kilo, maxDuration: .seconds(2), maxIterations: 1_000_000)

    // Storage: frame 512 records of 256-byte payloads (CRC included), and CRC alone.
    let payload = [UInt8](repeating: 0x5A, count: 256)
    Benchmark("RecordBatch.append 512 × 256 B (framing + CRC32C)", configuration: .init(scalingFactor: .one)) { benchmark in
        var batch = RecordBatch(reservingCapacity: 512 * 300)
        for _ in benchmark.scaledIterations {
            batch.removeAll()
            for i in 0..<512 { batch.append(seq: UInt64(i + 1), recordedAtMicros: 1, payload: payload) }
            blackHole(batch.byteCount)
        }
    }
    let block = [UInt8](repeating: 0xA5, count: 4096)
    Benchmark("CRC32C 4 KiB") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(CRC32C.checksum(block)) }
    }
    Benchmark("CRC32C 256 B") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(CRC32C.checksum(payload)) }
    }
    // The portable table-driven loop, to compare with the CPU instruction `checksum` uses.
    Benchmark("CRC32C.softwareUpdate 4 KiB") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(block.withUnsafeBytes { CRC32C.softwareUpdate(0, $0) }) }
    }
    Benchmark("CRC32C.softwareUpdate 256 B") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(payload.withUnsafeBytes { CRC32C.softwareUpdate(0, $0) }) }
    }

    // JSON: parse and write the issue's ~500-byte request.
    let request = Fixtures.appendBytes
    let parsed = try! JSONParser.parse(request)
    Benchmark("JSONParser.parse 500 B append request") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try! JSONParser.parse(request)) }
    }
    Benchmark("JSONWriter.write 500 B append request") { benchmark in
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        for _ in benchmark.scaledIterations {
            out.removeAll(keepingCapacity: true)
            JSONWriter.write(parsed, into: &out)
            blackHole(out.count)
        }
    }

    // Domain: the event's record payload, admission, projection, query.
    let (registry, projection, event) = Fixtures.state()
    var encoded: [UInt8] = []
    EventPayloadCodec.encode(event, into: &encoded)
    Benchmark("EventPayloadCodec.encode land.donated") { benchmark in
        var out: [UInt8] = []
        out.reserveCapacity(512)
        for _ in benchmark.scaledIterations {
            out.removeAll(keepingCapacity: true)
            EventPayloadCodec.encode(event, into: &out)
            blackHole(out.count)
        }
    }
    Benchmark("EventPayloadCodec.decode land.donated") { benchmark in
        for _ in benchmark.scaledIterations {
            encoded.withUnsafeBytes { blackHole(try! EventPayloadCodec.decode($0, seq: 3, recordedAtMicros: 1)) }
        }
    }
    Benchmark("BatchAdmission.admit 1 land.donated (validation + id index)") { benchmark in
        var state = registry
        var seq: UInt64 = 4
        let items = [Fixtures.landDonated]
        for _ in benchmark.scaledIterations {
            let outcome = try! BatchAdmission.admit(
                items, expectedVersion: .any, registry: &state, nextSeq: seq, recordedAtMicros: 1, recordedOn: Day(year: 2199, month: 12, day: 31), actor: Fixtures.actor,
                target: { _ in nil })
            seq += 1
            blackHole(outcome.events.count)
        }
    }
    Benchmark("Projection.apply land.donated") { benchmark in
        var state = projection
        for _ in benchmark.scaledIterations { state.apply(event) }
        blackHole(state)
    }
    let summary = try! Query(params: JSONObject([("projection", "summary"), ("unit", "BY")]))
    let units = try! Query(params: JSONObject([("projection", "units"), ("parent", "LC")]))
    let today = Day(year: 2024, month: 6, day: 1)
    Benchmark("Projection.answer summary BY") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try! projection.answer(summary, today: today)) }
    }
    Benchmark("Projection.answer units LC") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(try! projection.answer(units, today: today)) }
    }
    Benchmark("answer summary BY + JSONWriter (a query's CPU)") { benchmark in
        var out: [UInt8] = []
        for _ in benchmark.scaledIterations {
            out.removeAll(keepingCapacity: true)
            JSONWriter.write(try! projection.answer(summary, today: today), into: &out)
            blackHole(out.count)
        }
    }
}
