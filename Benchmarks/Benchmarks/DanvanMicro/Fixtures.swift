import DanvanDomain
import DanvanJSON

/// Inputs shared by the micro-benchmarks: the issue's realistic 500-byte append request,
/// its event, and a registry and projection holding the units it names.
enum Fixtures {
    /// A single-event `append` line of about 500 bytes.
    static let appendRequest = #"{"id":"req-000000000001","op":"append","events":[{"type":"land.donated","id":"3f2b8c1e-9d4a-4e6b-8f00-1c2d3e4f5a6b","stream":"donations-by-2023","data":{"unit":"BY","campaign":"GTNT-2023","households":12,"areaM2":3450.5,"assetsVnd":86000000,"purpose":"road","donatedOn":"2023-03-02"}}],"note":"Hiến đất làm đường giao thông nông thôn, thôn Bản Cầm, xã Bảo Hà, huyện Bảo Yên, tỉnh Lào Cai; đợt 1 năm 2023, biên bản số 12/BB-UBND"}"#

    /// The bytes of `appendRequest`.
    static let appendBytes = Array(appendRequest.utf8)

    /// One `land.donated` event as its `events` item (no id: admission gives each a new one).
    static let landDonated: JSONValue = try! JSONParser.parse(
        #"{"type":"land.donated","data":{"unit":"BY","households":3,"areaM2":120.5,"assetsVnd":1000000,"purpose":"road","donatedOn":"2023-04-01"}}"#)

    /// Registers LC and BY.
    static let units: [JSONValue] = [
        try! JSONParser.parse(#"{"type":"unit.registered","data":{"code":"LC","name":"Lào Cai","level":"province"}}"#),
        try! JSONParser.parse(#"{"type":"unit.registered","data":{"code":"BY","name":"Bảo Yên","level":"district","parent":"LC"}}"#),
    ]

    static let actor = Actor(uid: 1000, user: "lan")

    /// A registry and projection with LC and BY, and the stored form of one land donation.
    static func state() -> (registry: Registry, projection: Projection, event: StoredEvent) {
        var registry = Registry()
        var projection = Projection()
        let setup = try! BatchAdmission.admit(
            units, expectedVersion: .any, registry: &registry, nextSeq: 1, recordedAtMicros: 1_700_000_000_000_000, recordedOn: Day(year: 2199, month: 12, day: 31),
            actor: actor, target: { _ in nil })
        for event in setup.events { projection.apply(event) }
        let one = try! BatchAdmission.admit(
            [landDonated], expectedVersion: .any, registry: &registry, nextSeq: 3, recordedAtMicros: 1_700_000_000_000_000, recordedOn: Day(year: 2199, month: 12, day: 31),
            actor: actor, target: { _ in nil })
        return (registry, projection, one.events[0])
    }
}
