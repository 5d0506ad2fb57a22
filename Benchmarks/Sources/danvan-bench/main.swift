import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `danvan-bench`: the end-to-end load generator. See `usage` and BENCHMARKS.md.
let usage = """
    usage: danvan-bench COMMAND [options]; results as JSON lines on stdout, progress on stderr

      appends  --danvand PATH [--shapes 1x1,16x1,16x16,b512x1] [--seconds 4] [--warmup 0.5] [--work-dir DIR]
               durable appends on a fresh daemon; CxD = C clients with D single-event requests in
               flight, bNxC = C clients sending N-event batches
      growth   --danvand PATH [--sizes 10000,100000,1000000] [--starts 3] [--query-seconds 2]
               [--load-seconds 4] [--work-dir DIR]
               grows one log with 'danvand import'; per size: time to ready, replay rate, RSS,
               summary/units latency and rate idle, and under 16-client appends at the largest size
      drive    --socket PATH --shape 1x1|summary|units [--clients N] [--seconds 10] [--register]
               load an already running daemon (e.g. one under valgrind)
      asof     --danvand PATH [--events 1000000] [--steps 10] [--work-dir DIR]
               asOf queries near the start, in the middle and near the end of a log grown in steps
               (a snapshot at each), cached, and appends while a past state is rebuilt
      make-log --events N --out FILE
               write the synthetic NDJSON log (units first) for 'danvand import'
    """

func main() -> Int32 {
    do {
        let options = try Options(Array(CommandLine.arguments.dropFirst()))
        let work = options.string("work-dir", default: "/tmp/danvan-bench.\(getpid())")
        switch options.command {
        case "appends":
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            defer { if !options.flag("keep") { try? FileTree.remove(work) } }
            try AppendScenario(
                danvand: try options.required("danvand"), workDirectory: work,
                shapes: options.list("shapes", default: ["1x1", "16x1", "16x16", "b512x1"]),
                seconds: try options.double("seconds", default: 4), warmup: try options.double("warmup", default: 0.5)
            ).run()
        case "growth":
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            defer { if !options.flag("keep") { try? FileTree.remove(work) } }
            let sizes = try options.list("sizes", default: ["10000", "100000", "1000000"]).map { (text) throws(BenchError) -> Int in
                guard let n = Int(text), n > SyntheticLog.unitCount else { throw BenchError("bad size '\(text)'") }
                return n
            }
            try GrowthScenario(
                danvand: try options.required("danvand"), workDirectory: work, sizes: sizes,
                starts: Int(try options.double("starts", default: 3)),
                querySeconds: try options.double("query-seconds", default: 2),
                loadSeconds: try options.double("load-seconds", default: 4)
            ).run()
        case "drive":
            let socketPath = try options.required("socket")
            if options.flag("register") {
                let client = try UnixLineClient(path: socketPath)
                try client.send(Array(Requests.registerUnits.utf8))
                _ = try client.receiveReply()
            }
            let name = options.string("shape", default: "1x1")
            let clients = Int(try options.double("clients", default: 1))
            let shape: LoadShape
            switch name {
            case "summary": shape = AppendShapes.query(name, clients: clients) { Requests.summary(unit: "BY") }
            case "units": shape = AppendShapes.query(name, clients: clients) { Requests.units(parent: "LC") }
            default: shape = try AppendShapes.shape(name)
            }
            let result = try LoadRunner(socketPath: socketPath, serverPID: nil, warmup: 0, seconds: try options.double("seconds", default: 10)).run(shape)
            ResultLine(scenario: "drive \(name)", metric: "requests", value: Double(result.requests),
                       extra: ResultLine.figures(of: result).merging(["events": Double(result.events)]) { $1 },
                       note: result.firstFailure).emit()
        case "asof":
            try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
            defer { if !options.flag("keep") { try? FileTree.remove(work) } }
            try AsOfScenario(
                danvand: try options.required("danvand"), workDirectory: work,
                events: Int(try options.double("events", default: 1_000_000)), steps: Int(try options.double("steps", default: 10))
            ).run()
        case "make-log":
            let count = Int(try options.double("events", default: 100_000))
            try SyntheticLog.write(path: try options.required("out"), events: 0..<max(0, count - SyntheticLog.unitCount), withUnits: true)
        default:
            FileHandle.standardError.write(Data(usage.utf8))
            return options.command == "help" ? 0 : 2
        }
        return 0
    } catch {
        progress("error: \(error)")
        return 1
    }
}

exit(main())
