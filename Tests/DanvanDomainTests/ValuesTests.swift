import Foundation
import DanvanDomain
import Testing

@Suite struct QuantityTests {
    @Test(arguments: [
        ("649003", "649003"), ("283.75", "283.75"), ("0.5", "0.5"), ("1.2500", "1.25"), ("-3.1", "-3.1"),
        ("1e3", "1000"), ("1.5e1", "15"), ("12.3456", "12.3456"), ("0", "0"), ("2.5E-1", "0.25"),
    ])
    func parsesExactlyAndPrintsCanonically(input: String, output: String) throws {
        let q = try #require(Quantity(exactly: input))
        #expect(q.description == output)
    }

    @Test(arguments: ["1.23456", "1e-5", "99999999999999999999", "abc", "", "-", "1.2.3"])
    func refusesWhatItCannotHoldExactly(input: String) {
        #expect(Quantity(exactly: input) == nil)
    }

    @Test func sumsWithoutBinaryDrift() throws {
        var total = Quantity.zero
        let tenth = try #require(Quantity(exactly: "0.1"))
        for _ in 0..<1000 { total += tenth }
        #expect(total.description == "100")
    }
}

@Suite struct DayTests {
    @Test func parsesRealDates() throws {
        let d = try #require(Day("2024-02-29"))
        #expect(d.year == 2024)
        #expect(d.description == "2024-02-29")
        #expect(Day("1970-01-01")?.daysSinceEpoch == 0)
        #expect(try #require(Day("2023-04-01")).daysSinceEpoch - (try #require(Day("2023-03-01"))).daysSinceEpoch == 31)
    }

    @Test(arguments: ["2023-02-29", "2023-13-01", "2023-00-10", "2023-1-01", "23-01-01", "2023/01/01", "1899-12-31", "2200-01-01", "2023-04-31", ""])
    func refusesInvalidDates(text: String) {
        #expect(Day(text) == nil)
    }

    @Test func roundTripsEveryDayOfALeapYearCycle() {
        var d = Day(year: 2000, month: 1, day: 1).daysSinceEpoch
        let end = Day(year: 2004, month: 12, day: 31).daysSinceEpoch
        while d <= end {
            let day = Day(daysSinceEpoch: d)
            #expect(Day(day.description)?.daysSinceEpoch == d)
            d += 1
        }
    }
}

@Suite struct EventIDTests {
    @Test func parsesAndPrintsLowerCase() throws {
        let id = try #require(EventID("3F2B8C1E-9D4A-4E6B-8F00-1C2D3E4F5A6B"))
        #expect(id.description == "3f2b8c1e-9d4a-4e6b-8f00-1c2d3e4f5a6b")
    }

    @Test(arguments: ["", "3f2b8c1e9d4a4e6b8f001c2d3e4f5a6b", "3f2b8c1e-9d4a-4e6b-8f00-1c2d3e4f5a6", "3f2b8c1e-9d4a-4e6b-8f00-1c2d3e4f5a6bb", "gf2b8c1e-9d4a-4e6b-8f00-1c2d3e4f5a6b"])
    func refusesMalformedIDs(text: String) {
        #expect(EventID(text) == nil)
    }

    /// The parser reads the string's contiguous bytes: compare it with the halves written out
    /// by `description`, for ids of every nibble value, and with a bridged-looking (non-contiguous)
    /// substring copy that takes the other path.
    @Test func parsesEveryNibbleIntoTheRightHalf() throws {
        let text = "01234567-89ab-cdef-fedc-ba9876543210"
        let id = try #require(EventID(text))
        #expect(id.high == 0x0123_4567_89ab_cdef)
        #expect(id.low == 0xfedc_ba98_7654_3210)
        #expect(EventID(String(text.uppercased()[...])) == id)
        for _ in 0..<200 {
            let random = EventID.random()
            #expect(EventID(random.description) == random)
        }
    }

    @Test(arguments: [
        "3f2b8c1e-9d4a-4e6b-8f00-1c2d3e4f5a6-", "3f2b8c1e-9d4a-4e6b-8f0001c2d3e4f5a6b", "3f2b8c1e-9d4a-4e6b-8f00-1c2d3e4f5a6g",
        "3f2b8c1e-9d4a-4e6b-8f00-1c2d3e4f5aé", "3f2b8c1e 9d4a-4e6b-8f00-1c2d3e4f5a6b", "-3f2b8c1e-9d4a-4e6b-8f00-1c2d3e4f5a6",
    ])
    func refusesDashesOutOfPlaceAndNonHexBytes(text: String) {
        #expect(EventID(text) == nil)
    }

    @Test func randomIDsAreVersion4AndDistinct() {
        let a = EventID.random(), b = EventID.random()
        #expect(a != b)
        #expect(Array(a.description)[14] == "4")
    }
}

@Suite struct TextTests {
    @Test func foldsDiacriticsCaseAndSpaces() {
        #expect(Text.fold("Bảo Yên") == "bao yen")
        #expect(Text.fold("BAO  YEN ") == "bao yen")
        #expect(Text.fold("Đồng Văn") == "dong van")
        #expect(Text.fold("Ba\u{0309}o Ye\u{0302}n") == "bao yen")
    }

    @Test func normalisesToNFC() {
        #expect(Text.nfc("Ba\u{0309}o") == "Bảo")
        #expect(Text.nfc("Ba\u{0309}o").unicodeScalars.count == 3)
        // A combining mark after a Latin-1 letter still composes (the fast path must not take it).
        #expect(Text.nfc("Cafe\u{0301}").unicodeScalars.map(\.value) == [0x43, 0x61, 0x66, 0xE9])
    }

    /// The fast path (code points below U+0300 are returned as they are) agrees with
    /// Foundation's normaliser on every such code point, alone and in random strings.
    @Test func fastPathAgreesWithFoundationBelowU0300() {
        let scalars = (0x20..<0x300).compactMap(Unicode.Scalar.init)
        for scalar in scalars {
            let s = String(Character(scalar))
            #expect(Array(Text.nfc(s).unicodeScalars) == Array(s.precomposedStringWithCanonicalMapping.unicodeScalars))
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var view = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...12, using: &generator) {
                view.append(scalars.randomElement(using: &generator) ?? "a")
            }
            let s = String(view)
            #expect(Array(Text.nfc(s).unicodeScalars) == Array(s.precomposedStringWithCanonicalMapping.unicodeScalars))
        }
    }
}
