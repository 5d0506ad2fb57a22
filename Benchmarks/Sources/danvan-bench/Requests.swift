/// The request lines of the scenarios, as NDJSON text (see protocol.md).
enum Requests {
    /// `hello`: the readiness probe.
    static let hello = #"{"id":0,"op":"hello"}"# + "\n"

    /// Registers the province and district every append scenario writes to.
    static let registerUnits = #"{"id":1,"op":"append","events":[{"type":"unit.registered","data":{"code":"LC","name":"Lào Cai","level":"province"}},{"type":"unit.registered","data":{"code":"BY","name":"Bảo Yên","level":"district","parent":"LC"}}]}"#
        + "\n"

    /// The realistic single event of the issue: a land donation in Bảo Yên.
    static let landDonated = #"{"type":"land.donated","id":"\#(RequestTemplate.placeholder)","data":{"unit":"BY","households":3,"areaM2":120.5,"assetsVnd":1000000,"purpose":"road","donatedOn":"2023-04-01"}}"#

    /// The events of a batch rotate through these four kinds of contribution.
    static let contributions = [
        landDonated,
        #"{"type":"funds.contributed","id":"\#(RequestTemplate.placeholder)","data":{"unit":"BY","amountVnd":5000000,"source":"household","contributedOn":"2023-04-02"}}"#,
        #"{"type":"labor.contributed","id":"\#(RequestTemplate.placeholder)","data":{"unit":"BY","workdays":12.5,"participants":10,"contributedOn":"2023-04-03"}}"#,
        #"{"type":"works.completed","id":"\#(RequestTemplate.placeholder)","data":{"unit":"BY","kind":"road","count":1,"lengthKm":0.75,"valueVnd":250000000,"completedOn":"2023-06-30"}}"#,
    ]

    /// An `append` of `count` events (one land donation when `count` is 1).
    static func append(events count: Int) -> RequestTemplate {
        let events = (0..<count).map { count == 1 ? landDonated : contributions[$0 % contributions.count] }
        return RequestTemplate(#"{"id":1,"op":"append","events":["# + events.joined(separator: ",") + "]}")
    }

    /// `query summary` of a unit; `period` is more members (`"period":"2023-Q2"`).
    static func summary(unit: String, period: String? = nil) -> RequestTemplate {
        RequestTemplate(#"{"id":2,"op":"query","projection":"summary","unit":"\#(unit)""# + (period.map { "," + $0 } ?? "") + "}")
    }

    /// `query units` under a parent, over a period when given.
    static func units(parent: String, period: String? = nil) -> RequestTemplate {
        RequestTemplate(#"{"id":3,"op":"query","projection":"units","parent":"\#(parent)""# + (period.map { "," + $0 } ?? "") + "}")
    }
}
