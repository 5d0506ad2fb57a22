import DanvanDomain
import DanvanJSON
import Testing

/// `BatchAdmission.parseConcurrently` splits a large batch over two tasks: it must give the
/// same events, and refuse with the same (first) error, as the plain `parse`.
@Suite struct BatchParseTests {
    static func events(_ count: Int, badAt bad: Set<Int> = []) throws -> [JSONValue] {
        try (0..<count).map { i in
            let area = bad.contains(i) ? "-1" : "\(i + 1)"
            return try JSONParser.parse(Array(#"""
                {"type":"land.donated","data":{"unit":"BY","households":1,"areaM2":\#(area),"purpose":"road","donatedOn":"2023-04-01"}}
                """#.utf8))
        }
    }

    static func path(_ body: () async throws(AppendRefusal) -> [BatchAdmission.ParsedEvent]) async -> String? {
        do {
            _ = try await body()
            return nil
        } catch {
            return error.validation?.path
        }
    }

    @Test(arguments: [1, 63, 64, 65, 512])
    func sameEventsAsParse(count: Int) async throws {
        let items = try Self.events(count)
        let plain = try BatchAdmission.parse(items)
        let split = try await BatchAdmission.parseConcurrently(items)
        #expect(split.map(\.path) == plain.map(\.path))
        #expect(split.map(\.path) == (0..<count).map { "events[\($0)]" })
        #expect(split.map(\.data) == plain.map(\.data))
    }

    @Test(arguments: [[10, 300], [300], [255, 256], [256], [511], [0, 511]])
    func sameFirstErrorAsParse(bad: [Int]) async throws {
        let items = try Self.events(512, badAt: Set(bad))
        let plain = await Self.path { () throws(AppendRefusal) in try BatchAdmission.parse(items) }
        let split = await Self.path { () throws(AppendRefusal) in try await BatchAdmission.parseConcurrently(items) }
        #expect(plain == "events[\(bad.min() ?? -1)].data.areaM2")
        #expect(split == plain)
    }
}
