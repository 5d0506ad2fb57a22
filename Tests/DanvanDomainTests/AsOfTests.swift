import DanvanJSON
import Testing

@testable import DanvanDomain

/// `asOf` as queries take it: each accepted form, and each refusal with what to write.
@Suite struct AsOfTests {
    static func parse(_ value: JSONValue) throws(ValidationError) -> AsOf? { try AsOf.parse(value) }

    static func micros(_ day: String, _ h: Int64, _ m: Int64, _ s: Int64) -> Int64 {
        (Int64(Day(day)?.daysSinceEpoch ?? 0) * 86_400 + h * 3600 + m * 60 + s) * 1_000_000
    }

    @Test func aSeqIsAWholeNumberFromZero() throws {
        #expect(try Self.parse(.number("8684")) == .seq(8684))
        #expect(try Self.parse(.number("0")) == .seq(0))
        #expect(try Self.parse(.number("1e3")) == .seq(1000))
        for bad in ["-1", "1.5", "99999999999999999999999"] {
            #expect(throws: ValidationError.self) { try Self.parse(.number(bad)) }
        }
    }

    @Test func aTimeNeedsItsZoneOffset() throws {
        let end = Self.micros("2026-03-31", 23, 59, 59)
        #expect(try Self.parse(.string("2026-03-31T23:59:59Z")) == .time(end))
        #expect(try Self.parse(.string("2026-03-31t23:59:59z")) == .time(end))
        #expect(try Self.parse(.string("2026-03-31 23:59:59Z")) == .time(end))
        #expect(try Self.parse(.string("2026-04-01T06:59:59+07:00")) == .time(end))
        #expect(try Self.parse(.string("2026-03-31T20:59:59-03:00")) == .time(end))
        // Fractions are cut to microseconds: recordedAt has no finer ones.
        #expect(try Self.parse(.string("2026-03-31T23:59:59.1234567Z")) == .time(end + 123_456))
        #expect(try Self.parse(.string("2026-03-31T23:59:59.5Z")) == .time(end + 500_000))
        do {
            _ = try Self.parse(.string("2026-03-31T23:59:59"))
            Issue.record("a time without an offset was read")
        } catch {
            #expect(error.path == "asOf")
            #expect(error.code == .invalidValue)
            #expect(error.message.contains("no zone offset"))
            #expect(error.message.contains("2026-03-31T23:59:59+07:00"))
        }
    }

    @Test func aDateIsTheEndOfThatDayLeftToTheServer() throws {
        #expect(try Self.parse(.string("2026-03-31")) == .endOfDay(Day("2026-03-31") ?? Day(year: 1970, month: 1, day: 1)))
    }

    @Test func whatIsRefusedSaysTheForms() {
        let cases: [(JSONValue, String)] = [
            (.string("8684"), "send a seq as a JSON number"),
            (.string("31/03/2026"), "not an RFC 3339 time"),
            (.string("2026-02-30T00:00:00Z"), "not an RFC 3339 time"),
            (.string("2026-03-31T24:00:00Z"), "not an RFC 3339 time"),
            (.string("2026-03-31T23:59:59+7"), "not an RFC 3339 time"),
            (.string("2026-03-31T23:59:59.Z"), "not an RFC 3339 time"),
            (.string("1850-01-01T00:00:00Z"), "outside 1900-2199"),
            (.string("yesterday"), "not an RFC 3339 time"),
            (.bool(true), "got boolean"),
        ]
        for (value, says) in cases {
            do {
                _ = try Self.parse(value)
                Issue.record("\(value) was read")
            } catch {
                #expect(error.path == "asOf")
                #expect(error.message.contains(says), "\(error.message)")
                #expect(error.message.contains("asOf takes a seq") || error.message.contains("asOf must be a seq"), "\(error.message)")
            }
        }
    }

    @Test func takeRemovesTheKeyAndLeavesTheRestToQuery() throws {
        var params: JSONObject = ["projection": "summary", "asOf": .number("12"), "unit": "BY"]
        #expect(try AsOf.take(from: &params) == .seq(12))
        #expect(params.keys == ["projection", "unit"])
        #expect(try Query(params: params) == .summary(unit: "BY", scope: .year(nil)))
        var null: JSONObject = ["projection": "summary", "asOf": .null]
        #expect(try AsOf.take(from: &null) == nil)
        #expect(null.keys == ["projection"])
        var none: JSONObject = ["projection": "summary"]
        #expect(try AsOf.take(from: &none) == nil)
    }
}
