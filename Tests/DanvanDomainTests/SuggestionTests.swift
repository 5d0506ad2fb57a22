import DanvanDomain
import Testing

@Suite struct SuggestionTests {
    @Test func aSlipFindsTheNameMeant() {
        #expect(Suggestion.closest(to: "land.donatd", among: EventType.allCases.map(\.rawValue)) == "land.donated")
        #expect(Suggestion.closest(to: "Land.Donated", among: EventType.allCases.map(\.rawValue)) == nil)  // equal but for case: nothing to suggest
        #expect(Suggestion.closest(to: "max_conections", among: ["max_connections", "max_in_flight"]) == "max_connections")
        #expect(Suggestion.closest(to: "max_conenctions", among: ["max_connections", "max_in_flight"]) == "max_connections")  // a transposition is one edit
    }

    @Test func aDifferentWordOrATieFindsNothing() {
        #expect(Suggestion.closest(to: "frobnicate", among: EventType.allCases.map(\.rawValue)) == nil)
        #expect(Suggestion.closest(to: "ab", among: ["ac", "ad"]) == nil)
        #expect(Suggestion.closest(to: "x", among: [String]()) == nil)
    }

    @Test func theUnknownTypeMessageRepeatsTheTypeWherever() {
        let message = EventType.unknown("land.donatd")
        #expect(message.hasPrefix("unknown event type 'land.donatd' (did you mean 'land.donated'?); the catalogue has unit.registered"))
    }
}
