import DanvanDomain
import DanvanJSON
import DanvanProtocol
import DanvanStorage

extension Engine {
    /// The reply line to `query` at `asOf`: the answer a daemon holding only the log up to
    /// that point would give, with `"asOf": {"seq", "recordedAt"}` (the last event included)
    /// added to the answer object.
    ///
    /// The point is resolved against the durable log as it is now: a seq beyond its end is
    /// refused (`bad_params`); a time is the last event recorded at or before it. At the end
    /// of the log the live projection answers; before it, a rebuilt one (`HistoricalStates`).
    /// `today` stays today, as for the fresh daemon the answer equals (opinions' ages).
    public func queryReply(_ query: Query, asOf: AsOf, today: Day, id: JSONValue) async -> Result<[UInt8], ProtocolError> {
        let log = readSnapshot()
        let end = log.lastSeq
        let point: UInt64
        do {
            point = try await resolve(asOf, in: log)
        } catch let error as ProtocolError {
            return .failure(error)
        } catch {
            return .failure(ProtocolError(.internal, "reading the log to find asOf failed: \(error)"))
        }
        let recordedAt: Int64?
        do {
            recordedAt = try RecordTimes.recordedAt(seq: point, in: log)
        } catch {
            return .failure(ProtocolError(.internal, "reading the record at seq \(point) failed: \(error)"))
        }
        let echo = Self.asOfEcho(seq: point, recordedAt: recordedAt)
        if point == end {
            // The live projection, when it is still at that point (it may have moved on since
            // `log` was taken: then the point is in the past, like any other).
            let live = Result { () throws(QueryError) -> [UInt8]? in
                try durableView.read { (p: borrowing Projection) throws(QueryError) -> [UInt8]? in
                    guard p.lastSeq == point else { return nil }
                    return try Self.replyLine(p, query, today: today, id: id, echo: echo)
                }
            }
            switch live {
            case .success(let line?): return .success(line)
            case .success(nil): break
            case .failure(let error): return .failure(error.protocolError)
            }
        }
        let projection: Projection
        do {
            projection = try await history.projection(at: point, log: log)
        } catch {
            return .failure(ProtocolError(.internal, "rebuilding the state as of seq \(point) failed: \(error)"))
        }
        do throws(QueryError) {
            return .success(try Self.replyLine(projection, query, today: today, id: id, echo: echo))
        } catch {
            return .failure(error.protocolError)
        }
    }

    /// The seq `asOf` stands for in `log`.
    private func resolve(_ asOf: AsOf, in log: LogSnapshot) async throws -> UInt64 {
        let end = log.lastSeq
        let micros: Int64
        switch asOf {
        case .seq(let seq):
            guard seq <= end else {
                throw Self.asOfRefusal(
                    "asOf seq \(seq) is beyond the end of the log (its last seq is \(end) now); asOf takes \(AsOf.forms)",
                    lastSeq: end)
            }
            return seq
        case .time(let t):
            micros = t
        case .endOfDay(let day):
            micros = calendar.endMicros(of: day)
        }
        guard end > 0 else { return 0 }
        // The last event is the answer whenever it was recorded by then, however the times
        // before it run: no index needed for "now" or later.
        if let last = try RecordTimes.recordedAt(seq: end, in: log), last <= micros { return end }
        return try await history.lastSeq(recordedAtOrBefore: micros, log: log)
    }

    /// `bad_params` for `asOf`, with the log's last seq (`lastSeq`) so a client can correct it.
    static func asOfRefusal(_ message: String, lastSeq: UInt64) -> ProtocolError {
        ProtocolError(.badParams, message, details: ["path": "asOf", "reason": "invalid_value", "lastSeq": .int(lastSeq)])
    }

    /// `,"asOf":{"seq":N,"recordedAt":"…"}` (null before the first event).
    static func asOfEcho(seq: UInt64, recordedAt: Int64?) -> [UInt8] {
        var out = Array(#","asOf":{"seq":"#.utf8)
        out.append(contentsOf: String(seq).utf8)
        out.append(contentsOf: #","recordedAt":"#.utf8)
        if let recordedAt {
            JSONWriter.write(.string(Timestamp.iso8601(micros: recordedAt)), into: &out)
        } else {
            out.append(contentsOf: "null".utf8)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    /// The reply line of `query` on `p`, with `echo` as the answer object's last member.
    private static func replyLine(
        _ p: borrowing Projection, _ query: Query, today: Day, id: JSONValue, echo: [UInt8]
    ) throws(QueryError) -> [UInt8] {
        var answer: [UInt8] = []
        answer.reserveCapacity(1024)
        try p.writeAnswer(query, today: today, into: &answer)
        // Every answer is an object; `{}` would take the member without the comma.
        if answer.last == UInt8(ascii: "}") {
            answer.removeLast()
            answer.append(contentsOf: answer.count == 1 ? echo.dropFirst() : echo[...])
            answer.append(UInt8(ascii: "}"))
        }
        var out: [UInt8] = []
        Reply.ok(id: id, into: &out) { (out: inout [UInt8]) in out.append(contentsOf: answer) }
        return out
    }
}
