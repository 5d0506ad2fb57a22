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
        // Old and new tone placement are one name (the sample registers "Vạn Hòa").
        ("Vạn Hoà", "TPLC-VANHOA"), ("VẠN HÒA", "TPLC-VANHOA"),
        // The usual abbreviations of the level words.
        ("TP Lào Cai", "TPLC"), ("tp. lào cai", "TPLC"), ("H. Bảo Yên", "BY"), ("TX Sa Pa", "SP"), ("x. Sa Pả", "SP-SAPA2"),
        // A village registered as "Thôn Khe Bàn", named without its level word or with another.
        ("Khe Bàn", "BY-BAOHA-01"), ("khe ban", "BY-BAOHA-01"), ("bản Khe Bàn", "BY-BAOHA-01"), ("Bản Hốc", "BY-NGHIADO-01"),
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

    /// Two units whose names differ only in tone placement are still two units; a name typed
    /// with diacritics finds the one spelt like it, whichever placement it was typed in.
    @Test func tonePlacementReadsAsOneSpelling() throws {
        var ledger = try TestLedger.withUnits()
        try ledger.add("unit.registered", #"{"code":"HA1","name":"Hòa An","level":"commune","parent":"BY"}"#)
        try ledger.add("unit.registered", #"{"code":"HA2","name":"Hoa An","level":"commune","parent":"BX"}"#)
        let p = ledger.projection
        for typed in ["Hoà An", "Hòa An", "xã HOÀ AN"] {
            #expect(p.units[Int(try p.resolveUnit(typed))].code == "HA1", "\(typed)")
        }
        #expect(throws: QueryError.self) { try p.resolveUnit("hoa an") }  // typed without diacritics: both
        #expect(UnitNameQuery.caseless("Thuỷ Khỏe") == UnitNameQuery.caseless("Thủy Khoẻ"))
        #expect(UnitNameQuery.caseless("mùa Quý") == "mùa quý")
    }
}
