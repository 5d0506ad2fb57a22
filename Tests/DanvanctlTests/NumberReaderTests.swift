import DanvanJSON
import DanvanShell
import Testing

/// The number reader form by form: what each style reads, and what it refuses rather
/// than misread (issue 19: `1,5` was stored as 15, `1.200` as 1.2).
@Suite struct NumberReaderTests {
    func read(_ text: String, _ style: NumberStyle, _ kind: NumberReader.Kind = .decimal) -> String? {
        try? NumberReader(style).read(text, kind, label: "areaM2")
    }

    func refusal(_ text: String, _ style: NumberStyle, _ kind: NumberReader.Kind = .decimal) -> String {
        do {
            _ = try NumberReader(style).read(text, kind, label: "areaM2")
            return ""
        } catch {
            return error.message
        }
    }

    @Test(arguments: [
        ("1200", "1200"), ("1200.5", "1200.5"), ("-3", "-3"), ("1_200.5", "1200.5"), ("1_200_000", "1200000"),
        ("0.125", "0.125"), ("1234.567", "1234.567"), ("12.5", "12.5"), ("1.25", "1.25"), ("1.2345", "1.2345"),
        ("007", "7"), ("0", "0"),
    ])
    func plainReadsUnmistakableForms(text: String, number: String) {
        #expect(read(text, .plain) == number)
    }

    /// Any comma, and a point followed by exactly three digits after a 1–3 digit whole
    /// part, could be misread: refused with the readings and the ways out. The message says
    /// "two things" only when there are two: `1,5` is a number only the Vietnamese way.
    @Test(arguments: [
        ("1,200", "could mean two things"), ("1.200", "could mean two things"), ("12.500", "could mean two things"),
        ("999.999", "could mean two things"), ("-1.200", "could mean two things"),
        ("1,5", "is a number only the Vietnamese way"), ("2,5", "is a number only the Vietnamese way"),
        ("0,5", "is a number only the Vietnamese way"), ("1,200.5", "is a number only the English way"),
        ("1.200,5", "is a number only the Vietnamese way"), (",5", "is not a number in any way"), ("5,", "is not a number in any way"),
    ])
    func plainRefusesWhatCouldBeMisread(text: String, what: String) {
        #expect(read(text, .plain) == nil)
        let message = refusal(text, .plain)
        #expect(message.contains("areaM2 '\(text)' \(what)"), "\(message)")
        #expect(message.contains("nothing is guessed"))
        #expect(message.contains("--numbers vi"))
        #expect(message.contains("--numbers en"))
        #expect(message.contains("1200.5"))
    }

    @Test func plainRefusalShowsBothReadings() {
        #expect(refusal("1.200", .plain).contains("1200 read the Vietnamese way"))
        #expect(refusal("1.200", .plain).contains("1.2 read the English way"))
        #expect(refusal("1,200", .plain).contains("1.2 read the Vietnamese way"))
        #expect(refusal("1,200", .plain).contains("1200 read the English way"))
        #expect(refusal("1,5", .plain).contains("is a number only the Vietnamese way (1.5: ',' is the decimal separator)"))
    }

    @Test(arguments: ["", "-", "abc", "1.2.3", "12_00", "1__200", "+5", ".5", "5.", "1e3", "1 200", "0x10", "١٢"])
    func plainRefusesWhatIsNoNumber(text: String) {
        #expect(read(text, .plain) == nil)
    }

    @Test(arguments: [
        ("1200", "1200"), ("1.200", "1200"), ("1.200,5", "1200.5"), ("1,5", "1.5"), ("2,5", "2.5"),
        ("1.200.000", "1200000"), ("-3", "-3"), ("0,125", "0.125"), ("1,200", "1.2"), ("2,50", "2.5"),
    ])
    func vietnameseReadsItsOwnForms(text: String, number: String) {
        #expect(read(text, .vi) == number)
    }

    /// A form invalid in Vietnamese style is refused, never read the English way.
    @Test(arguments: ["1.5", "12.50", "1.2345", "1,200.5", "1.200,5,5", "0.500", "1.20.000"])
    func vietnameseRefusesOtherForms(text: String) {
        #expect(read(text, .vi) == nil)
        #expect(refusal(text, .vi).contains("is not a number in the vi style"))
    }

    @Test func vietnameseRefusalSaysWhatOtherStylesRead() {
        let message = refusal("1.5", .vi)
        #expect(message.contains("1,5"), "\(message)")
        #expect(message.contains("1.5 with --numbers plain or en"), "\(message)")
    }

    @Test(arguments: [
        ("1200", "1200"), ("1,200", "1200"), ("1,200.5", "1200.5"), ("1.5", "1.5"), ("1.200", "1.2"),
        ("1,200,000", "1200000"),
    ])
    func englishReadsItsOwnForms(text: String, number: String) {
        #expect(read(text, .en) == number)
    }

    @Test(arguments: ["1,5", "12,00", "1.200,5", "1,20,000"])
    func englishRefusesOtherForms(text: String) {
        #expect(read(text, .en) == nil)
    }

    /// Whole numbers (counts, money in whole VND, flags) refuse a fraction in every style.
    @Test func wholeNumbersRefuseFractions() {
        #expect(read("3", .plain, .whole) == "3")
        #expect(read("2.5", .plain, .whole) == nil)
        #expect(read("2.0", .plain, .whole) == "2")
        #expect(refusal("2.5", .plain, .whole).contains("must be a whole number"))
        #expect(read("1.500.000", .vi, .whole) == "1500000")
        #expect(read("2,5", .vi, .whole) == nil)
        #expect(read("1,500,000", .en, .whole) == "1500000")
        #expect(read("1.200", .plain, .whole) == nil)
        #expect(refusal("1.200", .plain, .whole).contains("could mean two things"))
    }

    @Test func integersFitIn64Bits() throws {
        #expect(try NumberReader(.plain).integer("1_000", label: "--limit") == 1000)
        #expect(throws: NumberRefusal.self) { try NumberReader(.plain).integer("99999999999999999999", label: "--limit") }
        #expect(throws: NumberRefusal.self) { try NumberReader(.plain).integer("1.000", label: "--limit") }
    }

    /// JSON typed after `FIELD:=` (or for an object field such as `targets`) is held to the
    /// same care: `{"landM2":50.000}` is 50 to JSON and 50000 to a Vietnamese typist.
    @Test func aThousandsPointInTypedJSONIsRefusedUnlessEnglish() throws {
        let value = try JSONParser.parse(#"{"landM2":50.000,"roadsKm":[12.5, 1.250]}"#)
        for style in [NumberStyle.plain, .vi] {
            do {
                try NumberReader(style).checkTypedJSON(value, label: "targets")
                Issue.record("\(style) accepted 50.000")
            } catch {
                #expect(error.message.contains("targets.landM2 has the number 50.000, which JSON reads as 50 and Vietnamese writing as 50000"), "\(error.message)")
            }
        }
        try NumberReader(.en).checkTypedJSON(value, label: "targets")
        try NumberReader(.plain).checkTypedJSON(try JSONParser.parse(#"{"landM2":50000,"roadsKm":12.5}"#), label: "targets")
    }
}
