import DanvanDomain
import Testing

@Suite struct UnknownTypeMessageTests {
    /// Wherever a type is named (an event's `type`, a `types` filter), the message repeats it
    /// and suggests the type meant.
    @Test func theMessageRepeatsTheTypeAndSuggests() {
        #expect(EventType.unknown("land.donatd").hasPrefix("unknown event type 'land.donatd' (did you mean 'land.donated'?); the catalogue has unit.registered"))
        #expect(EventType.unknown("Land.Donated").contains("(did you mean 'land.donated'?)"))
        #expect(!EventType.unknown("frobnicate").contains("did you mean"))
    }
}
