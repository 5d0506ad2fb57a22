import DanvanDomain
import DanvanJSON
import Testing

/// How a typed unit name resolves on the sample province (issue: names that should resolve
/// were `ambiguous`): an exact name beats a folded one, a level word narrows the level, and
/// only a real tie is ambiguous, with a way to say each candidate.
@Suite struct UnitResolutionTests {
    static let sample: Projection? = try? SampleFiguresTests.loadSample().projection

    static func code(_ text: String) throws -> String {
        let p = try #require(sample)
        return p.units[Int(try p.resolveUnit(text))].code
    }

    @Test(arguments: [
        ("tỉnh Lào Cai", "LC"), ("tinh lao cai", "LC"), ("Tỉnh Lào Cai", "LC"),
        ("Thành phố Lào Cai", "TPLC"), ("thanh pho lao cai", "TPLC"),
        ("phường Lào Cai", "TPLC-LAOCAI"), ("xã Lào Cai", "TPLC-LAOCAI"), ("xa lao cai", "TPLC-LAOCAI"),
        ("Sa Pả", "SP-SAPA2"), ("sa pả", "SP-SAPA2"), ("xã Sa Pả", "SP-SAPA2"),
        ("huyện Sa Pa", "SP"), ("huyen sa pa", "SP"), ("thị xã Sa Pa", "SP"),
        ("xã Sa Pa", "SP-SAPA"),
        ("bao yen", "BY"), ("BẢO  YÊN", "BY"), ("by", "BY"), ("SP-SAPA2", "SP-SAPA2"),
    ])
    func resolves(text: String, code: String) throws {
        #expect(try Self.code(text) == code, "\(text)")
    }

    /// Real ties: the same exact name at two levels, or a folded text several names share.
    @Test(arguments: [
        ("Lào Cai", ["LC", "TPLC-LAOCAI"]),
        ("lao cai", ["LC", "TPLC-LAOCAI"]),
        ("Sa Pa", ["SP", "SP-SAPA", "SP-SAPA2"]),
        ("sa pa", ["SP", "SP-SAPA", "SP-SAPA2"]),
        ("xa sa pa", ["SP-SAPA", "SP-SAPA2"]),
    ])
    func aRealTieIsAmbiguousAndSaysHowToNameEach(text: String, codes: [String]) throws {
        let p = try #require(Self.sample)
        do {
            _ = try p.resolveUnit(text)
            Issue.record("'\(text)' resolved")
        } catch {
            #expect(error.code == "ambiguous")
            let found = error.candidates.compactMap { $0["code"]?.stringValue }
            #expect(found.sorted() == codes, "\(text): \(found)")
            // Each candidate's `say` names it alone.
            for candidate in error.candidates {
                let say = try #require(candidate["say"]?.stringValue)
                #expect(try Self.code(say) == candidate["code"]?.stringValue, "\(say)")
                #expect(error.message.contains(say))
            }
        }
    }

    @Test func laoCaiTieSaysTheLevelWords() throws {
        let p = try #require(Self.sample)
        #expect(throws: QueryError.self) { try p.resolveUnit("Lào Cai") }
        do {
            _ = try p.resolveUnit("Lào Cai")
        } catch {
            #expect(error.message.contains("'tỉnh Lào Cai' or LC"), "\(error.message)")
            #expect(error.message.contains("'xã Lào Cai' or TPLC-LAOCAI"), "\(error.message)")
        }
    }

    @Test func anUnknownNameIsNotFound() throws {
        let p = try #require(Self.sample)
        do {
            _ = try p.resolveUnit("Hà Nội")
            Issue.record("resolved")
        } catch {
            #expect(error.code == "not_found")
        }
    }
}
