#if canImport(Glibc)
import Glibc
#endif

/// Writes NDJSON event files for `danvand import`: a province (`LC`) with 9 districts
/// (`BY` Bảo Yên among them), 15 communes each and 5 villages per commune (819 units),
/// then contributions spread over the communes and villages in 2021–2024, each with an id.
/// Deterministic: event `n` is the same in every run.
enum SyntheticLog {
    static let districts = ["TPLC", "SP", "BX", "BT", "BY", "BH", "MK", "SM", "VB"]
    static let communesPerDistrict = 15
    static let villagesPerCommune = 5

    /// The unit registrations (819 lines).
    static func unitLines() -> [String] {
        var lines = [#"{"type":"unit.registered","id":"\#(id(0, 0))","data":{"code":"LC","name":"Lào Cai","level":"province"}}"#]
        var n: UInt64 = 1
        for (d, district) in districts.enumerated() {
            let name = district == "BY" ? "Bảo Yên" : "Huyện \(district)"
            lines.append(#"{"type":"unit.registered","id":"\#(id(0, n))","data":{"code":"\#(district)","name":"\#(name)","level":"district","parent":"LC"}}"#)
            n += 1
            for c in 0..<communesPerDistrict {
                let commune = "\(district)-C\(c)"
                lines.append(#"{"type":"unit.registered","id":"\#(id(0, n))","data":{"code":"\#(commune)","name":"Xã \#(d)-\#(c)","level":"commune","parent":"\#(district)"}}"#)
                n += 1
                for v in 0..<villagesPerCommune {
                    lines.append(#"{"type":"unit.registered","id":"\#(id(0, n))","data":{"code":"\#(commune)-V\#(v)","name":"Thôn \#(d)-\#(c)-\#(v)","level":"village","parent":"\#(commune)"}}"#)
                    n += 1
                }
            }
        }
        return lines
    }

    /// Contribution event number `n` (0-based).
    static func eventLine(_ n: Int) -> String {
        var rng = SplitMix(seed: UInt64(n))
        let district = districts[Int(rng.next() % UInt64(districts.count))]
        let commune = Int(rng.next() % UInt64(communesPerDistrict))
        let village = Int(rng.next() % UInt64(villagesPerCommune + 1))
        let unit = village == villagesPerCommune ? "\(district)-C\(commune)" : "\(district)-C\(commune)-V\(village)"
        let year = 2021 + Int(rng.next() % 4)
        let month = 1 + Int(rng.next() % 12)
        let day = 1 + Int(rng.next() % 28)
        let date = "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
        let eventID = id(1, UInt64(n))
        let small = 1 + Int(rng.next() % 20)
        switch rng.next() % 4 {
        case 0:
            let area = "\(10 + rng.next() % 5000).\(rng.next() % 10)"
            return #"{"type":"land.donated","id":"\#(eventID)","data":{"unit":"\#(unit)","households":\#(small),"areaM2":\#(area),"assetsVnd":\#(1000 * (rng.next() % 100_000)),"purpose":"road","donatedOn":"\#(date)"}}"#
        case 1:
            return #"{"type":"funds.contributed","id":"\#(eventID)","data":{"unit":"\#(unit)","amountVnd":\#(1000 * (1 + rng.next() % 50_000)),"source":"household","contributedOn":"\#(date)"}}"#
        case 2:
            return #"{"type":"labor.contributed","id":"\#(eventID)","data":{"unit":"\#(unit)","workdays":\#(small).5,"participants":\#(small * 3),"contributedOn":"\#(date)"}}"#
        default:
            return #"{"type":"works.completed","id":"\#(eventID)","data":{"unit":"\#(unit)","kind":"road","count":1,"lengthKm":0.\#(1 + rng.next() % 99),"valueVnd":\#(1_000_000 * (1 + rng.next() % 900)),"completedOn":"\#(date)"}}"#
        }
    }

    /// Writes events `range` (plus the units first when `withUnits`) to `path`.
    static func write(path: String, events range: Range<Int>, withUnits: Bool) throws(BenchError) {
        guard let file = fopen(path, "w") else { throw .system("fopen \(path)") }
        defer { fclose(file) }
        var chunk: [UInt8] = []
        chunk.reserveCapacity(1 << 20)
        func flush() {
            _ = chunk.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            chunk.removeAll(keepingCapacity: true)
        }
        if withUnits {
            for line in unitLines() { chunk.append(contentsOf: line.utf8); chunk.append(0x0A) }
        }
        for n in range {
            chunk.append(contentsOf: eventLine(n).utf8)
            chunk.append(0x0A)
            if chunk.count > 1 << 20 - 1024 { flush() }
        }
        flush()
    }

    /// Number of unit registrations `unitLines()` writes.
    static var unitCount: Int { 1 + districts.count * (1 + communesPerDistrict * (1 + villagesPerCommune)) }

    private static func id(_ high: UInt64, _ low: UInt64) -> String {
        UUIDText.string(high: 0xB0_0000_0000_0000 | high, low: low)
    }
}

/// A tiny deterministic generator (SplitMix64).
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
