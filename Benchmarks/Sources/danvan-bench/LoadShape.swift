/// What one load run sends: how many connections, how many requests each keeps in
/// flight, and the request.
struct LoadShape: Sendable {
    /// Connections, one thread each.
    var clients: Int
    /// Requests each connection keeps outstanding (1 = wait for each reply).
    var inFlight: Int
    /// Events per request (0 for queries).
    var eventsPerRequest: Int
    /// A short name for the report, e.g. `16x16`.
    var label: String
    /// Builds the request a thread sends (its ids are stamped per request).
    var request: @Sendable () -> RequestTemplate
}

/// The outcome of one load run, merged over its threads.
struct LoadResult {
    /// Successful requests in the measured window.
    var requests: UInt64 = 0
    /// Events those requests carried.
    var events: UInt64 = 0
    /// Replies that were not `"ok":true`.
    var failures: UInt64 = 0
    /// The first failed reply, for the report.
    var firstFailure: String?
    /// Round-trip latency of each measured request, in nanoseconds.
    var latency = LatencyHistogram()
    /// Length of the measured window.
    var seconds: Double = 0
    /// CPU the load generator used in the window, in cores (1.0 = one core busy).
    var clientCores: Double = 0
    /// CPU the daemon used in the window, in cores, when its pid is known.
    var serverCores: Double?

    /// Requests per second.
    var requestRate: Double { seconds > 0 ? Double(requests) / seconds : 0 }
    /// Events per second.
    var eventRate: Double { seconds > 0 ? Double(events) / seconds : 0 }
}
