/// The append load shapes by name: `CxD` is C clients each keeping D single-event
/// requests in flight; `bNxC` is C clients sending N-event batches one at a time.
enum AppendShapes {
    /// The shape called `name`.
    static func shape(_ name: String) throws(BenchError) -> LoadShape {
        if name.hasPrefix("b") {
            let parts = name.dropFirst().split(separator: "x")
            guard parts.count == 2, let batch = Int(parts[0]), batch > 0 else { throw BenchError("bad shape '\(name)'") }
            let clients = Int(parts[1]) ?? 0
            guard clients > 0 else { throw BenchError("bad shape '\(name)'") }
            return LoadShape(clients: clients, inFlight: 1, eventsPerRequest: batch, label: name) { Requests.append(events: batch) }
        }
        let parts = name.split(separator: "x")
        guard parts.count == 2, let clients = Int(parts[0]), let depth = Int(parts[1]), clients > 0, depth > 0 else {
            throw BenchError("bad shape '\(name)'")
        }
        return LoadShape(clients: clients, inFlight: depth, eventsPerRequest: 1, label: name) { Requests.append(events: 1) }
    }

    /// A query shape: `clients` connections sending `request` one at a time.
    static func query(_ label: String, clients: Int, _ request: @escaping @Sendable () -> RequestTemplate) -> LoadShape {
        LoadShape(clients: clients, inFlight: 1, eventsPerRequest: 0, label: label, request: request)
    }
}
