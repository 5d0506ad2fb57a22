import DanvanDomain

/// Finds the unit a sheet's cell names. Sheets record past work, often at units a
/// reorganisation has since merged or ended, which today's boundaries no longer answer for;
/// so every registered unit is looked at first (`UnitDirectory`): the code as written, the
/// code in any case, the name as written, the name without diacritics and case. Only text
/// none of these finds goes to the daemon's own rule (a level word: `xã Bảo Hà`). Each
/// distinct text is resolved once.
struct SheetUnitResolver {
    /// Every registered unit.
    var directory: UnitDirectory
    /// What each text resolved to.
    private var cache: [String: Result<String, CommandFailure>] = [:]

    /// A resolver over `directory`.
    init(directory: UnitDirectory) {
        self.directory = directory
    }

    /// The code of the unit `text` names, or why there is none (a `.server` failure is about
    /// the text; anything else, about the daemon).
    mutating func code(_ text: String, session: Session) -> Result<String, CommandFailure> {
        if let known = cache[text] { return known }
        let found = resolve(text, session: session)
        cache[text] = found
        return found
    }

    /// The lookups in order, then the daemon.
    private func resolve(_ text: String, session: Session) -> Result<String, CommandFailure> {
        let units = directory.units
        let upper = text.uppercased(), folded = Text.fold(text)
        for match in [units.filter { $0.code == text }, units.filter { $0.code.uppercased() == upper },
                      units.filter { $0.name == text }, units.filter { $0.folded == folded }] where !match.isEmpty {
            guard match.count == 1, let only = match.first else {
                let names = match.map { "\($0.code) (\($0.name), \($0.level)\($0.parent.map { " in \(directory.namesByCode[$0] ?? $0)" } ?? ""))" }
                return .failure(CommandFailure(.server, "'\(text)' names \(match.count) units: \(names.joined(separator: ", ")); write the code"))
            }
            return .success(only.code)
        }
        do throws(CommandFailure) {
            let answer = try session.query("summary", ["unit": .string(text)])
            guard let code = answer["unit"]?["code"]?.stringValue else { return .failure(CommandFailure(.connection, "the daemon's summary named no unit code")) }
            return .success(code)
        } catch {
            return .failure(error)
        }
    }
}
