import DanvanDomain
import Testing

/// "did you mean": the edit distance and the similarity floor of swift-argument-parser's flags.
@Suite struct NameSuggestionTests {
    @Test func editDistanceIsLevenshtein() {
        #expect(NameSuggestion.editDistance("kitten", "sitting") == 3)
        #expect(NameSuggestion.editDistance("bar", "baz") == 1)
        #expect(NameSuggestion.editDistance("", "abc") == 3)
        #expect(NameSuggestion.editDistance("max_conections", "max_connections") == 1)
        #expect(NameSuggestion.editDistance("Bảo Yên", "Bao Yen") == 2)
    }

    @Test func theClosestNameBelowTheFloorIsSuggested() {
        let keys = ["max_connections", "max_in_flight", "max_line_bytes", "socket", "socket_mode"]
        #expect(NameSuggestion.closest(to: "max_conections", among: keys) == "max_connections")
        #expect(NameSuggestion.closest(to: "socket_mod", among: keys) == "socket_mode")
        #expect(NameSuggestion.closest(to: "colour", among: keys) == nil)
        #expect(NameSuggestion.closest(to: "socket", among: keys) == nil)
        #expect(NameSuggestion.hint(for: "sockte", among: keys) == " (did you mean 'socket'?)")
        #expect(NameSuggestion.hint(for: "verbosity", among: keys) == "")
    }
}
