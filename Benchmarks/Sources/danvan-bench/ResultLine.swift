import Foundation

/// One measured figure, printed as a JSON line on standard output for
/// `Benchmarks/run-bench.py`, which merges the runs and the peers into the table.
struct ResultLine {
    /// `danvand`.
    var system = "danvand"
    /// Scenario key, e.g. `append 16x1` (the table's row).
    var scenario: String
    /// The figure's name, e.g. `events/s`.
    var metric: String
    /// The figure.
    var value: Double
    /// Extra figures: latency percentiles, CPU, sizes.
    var extra: [String: Double] = [:]
    /// A note (first failure, settings).
    var note: String?

    /// Prints the line.
    func emit() {
        var object: [String: Any] = ["system": system, "scenario": scenario, "metric": metric, "value": value]
        for (k, v) in extra where v.isFinite { object[k] = v }
        if let note { object["note"] = note }
        if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
    }

    /// The latency and CPU figures of a load run.
    static func figures(of result: LoadResult) -> [String: Double] {
        var extra: [String: Double] = [
            "p50_us": result.latency.microseconds(at: 50), "p99_us": result.latency.microseconds(at: 99),
            "p999_us": result.latency.microseconds(at: 99.9), "requests_per_s": result.requestRate,
            "client_cores": result.clientCores, "failures": Double(result.failures),
        ]
        if let s = result.serverCores { extra["server_cores"] = s }
        return extra
    }
}

/// Progress for the person watching, on standard error.
func progress(_ text: String) {
    FileHandle.standardError.write(Data("danvan-bench: \(text)\n".utf8))
}
