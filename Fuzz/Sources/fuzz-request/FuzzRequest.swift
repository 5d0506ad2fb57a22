import DanvanDomain
import DanvanJSON
import DanvanProtocol

/// libFuzzer entry point: one input is one request line, as a client would send it.
///
/// The line goes through what the daemon does with untrusted request bytes before anything
/// touches the log: `RequestDecoder`, the operation's parameters, and for `append` the
/// admission of its events (envelope, `FieldReader` validation of `data`, the registry's
/// cross-event rules) into a fresh registry, the projection they update and a query on it.
/// None of it may trap, crash or hang; a trap here is a way for one client to stop the
/// daemon. Invariants checked on the way (each a `fatalError`, which libFuzzer reports
/// as a crash with the input):
///
/// - JSON: a parsed value, written and parsed again, is the same value;
/// - a decoded request, re-encoded with `Request.line`, decodes to the same id and op and
///   re-encodes to the same bytes;
/// - an error reply for a refused line parses back with the same error code;
/// - every admitted event survives the binary payload codec: `decode(encode(e)) == e`;
/// - an append read straight from its bytes is the one the general decoding reads.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRequest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let line = UnsafeRawBufferPointer(start: data, count: size)
    checkJSONRoundTrip(line)
    switch RequestDecoder.decode(line) {
    case .failure(let failure):
        checkErrorReply(id: failure.id, failure.error)
    case .success(let request):
        if let parsed = request.parsedEvents { checkSameAsInFull(line, request, parsed) }
        checkRequestRoundTrip(request)
        exerciseOperation(request)
    }
    return 0
}

/// An append read straight from its bytes (`AppendLineDecoder`) must be what the general
/// decoding makes of the same line: the same id and parameters, the same events.
private func checkSameAsInFull(_ line: UnsafeRawBufferPointer, _ request: Request, _ parsed: [BatchAdmission.ParsedEvent]) {
    let text = String(decoding: line, as: UTF8.self)
    guard case .success(let full) = RequestDecoder.decodeInFull(line), full.op == request.op, full.id == request.id,
        full.params["expectedVersion"] == request.params["expectedVersion"],
        case .array(let items)? = full.params["events"]
    else {
        fatalError("an append read from its bytes decodes otherwise in full: \(text)")
    }
    guard let general = try? BatchAdmission.parse(items), general.count == parsed.count else {
        fatalError("an append read from its bytes has other events in full: \(text)")
    }
    for (a, b) in zip(parsed, general) where a.id != b.id || a.stream != b.stream || a.data != b.data || a.index != b.index {
        fatalError("an event read from its bytes differs from the general reading: \(text)")
    }
}

/// Parse → write → parse gives the value back.
private func checkJSONRoundTrip(_ bytes: UnsafeRawBufferPointer) {
    guard let value = try? JSONParser.parse(bytes) else { return }
    var written: [UInt8] = []
    JSONWriter.write(value, into: &written)
    guard let again = try? JSONParser.parse(written) else {
        fatalError("JSONWriter output does not parse: \(String(decoding: written, as: UTF8.self))")
    }
    guard again == value else {
        fatalError("JSON round trip changed the value: \(String(decoding: written, as: UTF8.self))")
    }
}

/// `Request.line` is what clients send: it must decode to the same request (in full: a line
/// re-encoded from a request the general decoding read may be plain enough for the fast reader,
/// whose requests keep their events out of `params`, and so out of `line`; `checkSameAsInFull`
/// covers those).
private func checkRequestRoundTrip(_ request: Request) {
    guard request.parsedEvents == nil else { return }
    let line = request.line
    guard case .success(let again) = line.withUnsafeBytes({ RequestDecoder.decodeInFull($0) }) else {
        fatalError("a re-encoded request does not decode: \(String(decoding: line, as: UTF8.self))")
    }
    guard again.id == request.id, again.op == request.op, again.line == line else {
        fatalError("a re-encoded request decodes differently: \(String(decoding: line, as: UTF8.self))")
    }
}

/// The error reply the daemon would send parses back with the same code.
private func checkErrorReply(id: JSONValue, _ error: ProtocolError) {
    var out: [UInt8] = []
    Reply.error(id: id, error, into: &out)
    guard let parsed = try? Reply.parse(out) else {
        fatalError("an error reply does not parse: \(String(decoding: out, as: UTF8.self))")
    }
    guard case .failure(let back) = parsed.outcome, back.code == error.code, parsed.id == id else {
        fatalError("an error reply parses differently: \(String(decoding: out, as: UTF8.self))")
    }
}

/// The parameter parsing of each operation, and for `append` the whole admission.
private func exerciseOperation(_ request: Request) {
    switch Operation(rawValue: request.op) {
    case .append:
        guard let params = try? AppendParams(request, maxEvents: 1000) else { return }
        admit(params)
    case .read:
        _ = try? ReadParams(request)
    case .subscribe:
        _ = try? SubscribeParams(request)
    case .unsubscribe:
        _ = try? UnsubscribeParams(request)
    case .query:
        var params = request.params
        params["id"] = nil
        params["op"] = nil
        guard let query = try? Query(params: params) else { return }
        _ = try? Projection().answer(query, today: Day(year: 2026, month: 1, day: 1))
    case .hello, .status, .schema, .backup, nil:
        return
    }
}

/// Admits the batch into an empty registry, as the engine would; what is admitted goes
/// through the payload codec and into a projection.
private func admit(_ params: AppendParams) {
    var registry = Registry()
    let outcome: BatchAdmission.Outcome
    do {
        outcome = try BatchAdmission.admit(
            parsed: try params.parsedEvents(), expectedVersion: params.expectedVersion, registry: &registry,
            nextSeq: 1, recordedAtMicros: 1_767_225_600_000_000, recordedOn: Day(year: 2199, month: 12, day: 31), actor: Actor(uid: 1000, user: "fuzz"),
            target: { _ in nil })
    } catch {
        _ = error.protocolError
        return
    }
    var projection = Projection()
    for event in outcome.events {
        var payload: [UInt8] = []
        EventPayloadCodec.encode(event, into: &payload)
        let decoded = payload.withUnsafeBytes { raw in
            Result { () throws(EventCodecError) in
                try EventPayloadCodec.decode(raw, seq: event.seq, recordedAtMicros: event.recordedAtMicros)
            }
        }
        switch decoded {
        case .success(let back) where back == event: break
        case .success: fatalError("an admitted event changed through the payload codec: \(event)")
        case .failure(let error): fatalError("an admitted event's payload does not decode: \(error) (\(event))")
        }
        // As the engine does: an `entry.voided` is applied with the event it voids.
        var target: StoredEvent?
        if case .entryVoided(let voided) = event.data {
            target = outcome.events.first { $0.id == voided.target }
        }
        projection.apply(event, voidedTarget: target)
    }
    for name in ["summary", "units", "campaigns", "opinions", "models"] {
        if let query = try? Query(params: ["projection": .string(name)]) {
            _ = try? projection.answer(query, today: Day(year: 2026, month: 1, day: 1))
        }
    }
}
