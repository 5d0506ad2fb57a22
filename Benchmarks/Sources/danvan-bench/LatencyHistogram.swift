import Histogram

/// Round-trip times in nanoseconds, in an HdrHistogram (3 significant digits, up to a minute).
struct LatencyHistogram {
    private(set) var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)

    /// Records one round trip.
    @inline(__always)
    mutating func record(nanoseconds: UInt64) {
        _ = histogram.record(max(nanoseconds, 1))
    }

    /// Adds another thread's histogram.
    mutating func add(_ other: LatencyHistogram) {
        histogram.add(other.histogram)
    }

    /// Recorded values.
    var count: UInt64 { histogram.totalCount }

    /// The value at `percentile` (0–100), in microseconds.
    func microseconds(at percentile: Double) -> Double {
        count == 0 ? 0 : Double(histogram.valueAtPercentile(percentile)) / 1000
    }
}
