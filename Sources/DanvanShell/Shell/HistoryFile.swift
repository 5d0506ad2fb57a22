#if canImport(Glibc)
import Glibc
#endif

/// Where the shell keeps its history: `$XDG_STATE_HOME/danvan/history`, by default
/// `~/.local/state/danvan/history` (state, not configuration, in XDG terms).
enum HistoryFile {
    /// The path, creating its directory (mode 0700) when missing; nil without a home.
    static func path(environment: [String: String]) -> String? {
        let base: String
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = state
        } else if let home = environment["HOME"], !home.isEmpty {
            base = home + "/.local/state"
        } else {
            return nil
        }
        let dir = base + "/danvan"
        var partial = ""
        for part in dir.split(separator: "/") {
            partial += "/" + part
            if mkdir(partial, 0o700) != 0, errno != EEXIST { return nil }
        }
        return dir + "/history"
    }
}
