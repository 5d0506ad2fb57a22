import DanvanDomain
import DanvanJSON
import Testing

/// The reader's bookkeeping of used members (a bit mask, with the asked keys kept only for
/// the slow path) and its paths kept in parts: each case where the fast answer and the
/// slow one could part.
@Suite struct FieldReaderTests {
    static func object(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test func aRepeatedKeyCountsAsKnownAndTheLastOccurrenceWins() throws {
        var ledger = try TestLedger.withUnits()
        let stored = try ledger.append("""
            [{"type":"land.donated","data":{"unit":"ZZ","households":9,"unit":"BY","households":2,"areaM2":10,"purpose":"road","donatedOn":"2023-01-01"}}]
            """)
        guard case .landDonated(let land) = try #require(stored.first).data else {
            Issue.record("not a land donation")
            return
        }
        #expect(land.unit == "BY")
        #expect(land.households == 2)
    }

    @Test func anUnknownFieldNamesTheAllowedOnesInTheOrderTheyWereAsked() throws {
        var reader = try FieldReader(Self.object(#"{"unit":"BY","colour":"red"}"#), path: "data")
        _ = try reader.code("unit")
        _ = try reader.optionalCode("campaign")
        #expect(throws: ValidationError.self) { try reader.finish() }
        do {
            try reader.finish()
        } catch {
            #expect(error.code == .unknownField)
            #expect(error.path == "data.colour")
            #expect(error.message == "unknown field 'colour'; allowed: unit, campaign")
        }
    }

    @Test func aMemberLeftUnreadIsFoundBeyondSixtyFourMembers() throws {
        // 70 members, all read but the 67th: past the mask, the asked keys decide.
        let keys = (0..<70).map { "k\($0)" }
        let text = "{" + keys.map { "\"\($0)\":1" }.joined(separator: ",") + "}"
        var reader = try FieldReader(Self.object(text), path: "")
        for key in keys where key != "k66" { _ = try reader.optionalInteger(Self.staticKey(key), in: 0...9) }
        do {
            try reader.finish()
            Issue.record("k66 was never read, yet finish() accepted the object")
        } catch {
            #expect(error.code == .unknownField)
            #expect(error.path == "k66")
            #expect(error.message.hasPrefix("unknown field 'k66'; allowed: k0, k1, "))
        }
        // Every member read: accepted, past the mask as well.
        var all = try FieldReader(Self.object(text), path: "")
        for key in keys { _ = try all.optionalInteger(Self.staticKey(key), in: 0...9) }
        try all.finish()
    }

    @Test func aMissingRequiredFieldIsNamedAtItsPath() throws {
        var reader = try FieldReader(Self.object(#"{"a":1}"#), path: "events[123].data")
        do {
            _ = try reader.code("unit")
            Issue.record("a missing field was accepted")
        } catch {
            #expect(error.code == .missingField)
            #expect(error.path == "events[123].data.unit")
        }
    }

    @Test func pathsOfEventsPastTheHundredthAreWrittenOutWhole() throws {
        var ledger = try TestLedger.withUnits()
        let good = #"{"type":"funds.contributed","data":{"unit":"BY","amountVnd":5,"source":"household","contributedOn":"2023-01-01"}}"#
        let unknownUnit = #"{"type":"funds.contributed","data":{"unit":"QQ","amountVnd":5,"source":"household","contributedOn":"2023-01-01"}}"#
        let badAmount = #"{"type":"funds.contributed","data":{"unit":"BY","amountVnd":-5,"source":"household","contributedOn":"2023-01-01"}}"#
        let first = ledger.refusal("[" + Array(repeating: good, count: 130).joined(separator: ",") + "," + badAmount + "]")
        #expect(first?.validation?.path == "events[130].data.amountVnd")
        let second = ledger.refusal("[" + Array(repeating: good, count: 1234).joined(separator: ",") + "," + unknownUnit + "]")
        #expect(second?.validation?.path == "events[1234].data.unit")
    }

    @Test(arguments: [
        ("a", true), ("A-z_0.9", true), (String(repeating: "x", count: 64), true), (String(repeating: "x", count: 65), false),
        ("", false), ("a b", false), ("Bảo", false), ("a/b", false), ("a\u{0}", false),
    ])
    func identifiersAreOneToSixtyFourSafeASCIIBytes(text: String, valid: Bool) {
        #expect(Identifier.isValid(text) == valid)
    }

    /// A static string for a key made at run time (the reader takes literals; the test needs 70).
    static func staticKey(_ key: String) -> StaticString {
        let table: [StaticString] = [
            "k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10", "k11", "k12", "k13", "k14", "k15", "k16", "k17",
            "k18", "k19", "k20", "k21", "k22", "k23", "k24", "k25", "k26", "k27", "k28", "k29", "k30", "k31", "k32", "k33", "k34",
            "k35", "k36", "k37", "k38", "k39", "k40", "k41", "k42", "k43", "k44", "k45", "k46", "k47", "k48", "k49", "k50", "k51",
            "k52", "k53", "k54", "k55", "k56", "k57", "k58", "k59", "k60", "k61", "k62", "k63", "k64", "k65", "k66", "k67", "k68",
            "k69",
        ]
        return table[Int(key.dropFirst()) ?? 0]
    }
}
