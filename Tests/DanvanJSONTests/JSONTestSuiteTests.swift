import DanvanJSON
import Foundation
import Testing

/// The public JSONTestSuite (nst/JSONTestSuite, MIT; copied beside this file with its licence),
/// the standard conformance corpus for JSON parsers.
///
/// The corpus is read from the copy in the repository, located through `#filePath`, so the tests
/// need nothing outside the checkout. The file counts are asserted so that a missing or partial
/// copy fails instead of passing vacuously.
@Suite struct JSONTestSuiteTests {
    struct Case {
        let name: String
        let bytes: [UInt8]
    }

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("JSONTestSuite/test_parsing")

    static func cases(prefix: String) throws -> [Case] {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }
            .sorted()
        return try names.map { name in
            let data = try Data(contentsOf: directory.appendingPathComponent(name))
            return Case(name: name, bytes: [UInt8](data))
        }
    }

    /// The `i_` (implementation-defined) files this parser accepts; every other `i_` file is
    /// rejected. Accepted: numbers whose magnitude no `Double` holds (kept as exact text, which is
    /// the point of `.number(String)`). Rejected: lone or malformed UTF-16 surrogate escapes (a
    /// Swift `String` cannot hold them), any ill-formed UTF-8, UTF-16 documents, byte order
    /// marks, and 500 nested arrays (over the depth limit of 64).
    static let acceptedImplementationDefined: Set<String> = [
        "i_number_double_huge_neg_exp.json",
        "i_number_huge_exp.json",
        "i_number_neg_int_huge_exp.json",
        "i_number_pos_double_huge_exp.json",
        "i_number_real_neg_overflow.json",
        "i_number_real_pos_overflow.json",
        "i_number_real_underflow.json",
        "i_number_too_big_neg_int.json",
        "i_number_too_big_pos_int.json",
        "i_number_very_big_negative_int.json",
    ]

    @Test func corpusIsComplete() throws {
        #expect(try Self.cases(prefix: "y_").count == 95)
        #expect(try Self.cases(prefix: "n_").count == 188)
        #expect(try Self.cases(prefix: "i_").count == 35)
        let licence = try String(contentsOf: Self.directory.deletingLastPathComponent().appendingPathComponent("LICENSE"), encoding: .utf8)
        #expect(licence.contains("MIT License"))
    }

    @Test func acceptsEveryValidDocument() throws {
        let cases = try Self.cases(prefix: "y_")
        #expect(cases.count == 95)
        var rejected: [String] = []
        for item in cases {
            do {
                let value = try JSONParser.parse(item.bytes)
                // What we accept must survive our own writer and binary form unchanged.
                let rewritten = try JSONParser.parse(JSONWriter.bytes(value))
                #expect(rewritten == value, "\(item.name): writer round trip")
                #expect(identical(try JSONBinary.decode(JSONBinary.encode(value)), value), "\(item.name): binary round trip")
            } catch {
                rejected.append("\(item.name): \(error)")
            }
        }
        #expect(rejected.isEmpty, "valid documents rejected: \(rejected)")
    }

    @Test func rejectsEveryInvalidDocument() throws {
        let cases = try Self.cases(prefix: "n_")
        #expect(cases.count == 188)
        let accepted = cases.filter { parseError($0.bytes) == nil }.map(\.name)
        #expect(accepted.isEmpty, "invalid documents accepted: \(accepted)")
    }

    @Test func implementationDefinedDocumentsGetTheDocumentedAnswer() throws {
        let cases = try Self.cases(prefix: "i_")
        #expect(cases.count == 35)
        for item in cases {
            let accepted = parseError(item.bytes) == nil
            #expect(accepted == Self.acceptedImplementationDefined.contains(item.name), "\(item.name)")
        }
    }
}
