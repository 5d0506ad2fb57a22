import Foundation
import Testing

/// The interactive shell in a real pseudo-terminal (tmux): typing, Tab completion,
/// history across restarts, Ctrl-C, Ctrl-D and exit statuses.
@Suite(.enabled(if: Tmux.available, "tmux is not installed; run Scripts/install-deps.sh"))
struct ShellTests {
    static let prompt = "danvan> "

    /// A shell on `daemon` with its own HOME, so history starts empty.
    func shell(_ daemon: Daemon, home: String) throws -> Tmux {
        let t = try Tmux([Paths.danvanctl, "--socket", daemon.socket], environment: ["HOME": home])
        try t.waitFor(Self.prompt)
        return t
    }

    @Test func typingACommandShowsATable() throws {
        let daemon = try Daemon()
        let home = try Paths.temporaryDirectory("home")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let t = try shell(daemon, home: home)
        let banner = try t.screen()
        #expect(banner.contains("connected to danvand"))
        try t.type("summary LC --year 2023")
        try t.press("Enter")
        let screen = try t.waitFor("adoption rate")
        #expect(screen.contains("Lào Cai (LC), province, 2023"))
        #expect(screen.contains("land donated (m²)                460,696.3"))
        try t.waitForLine("danvan>")
    }

    @Test func tabCompletesADiacriticFreeUnitName() throws {
        let daemon = try Daemon()
        let home = try Paths.temporaryDirectory("home")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let t = try shell(daemon, home: home)
        try t.type("summary bao y")
        try t.press("Tab")
        try t.waitForLine("danvan> summary Bảo Yên")
        try t.press("Enter")
        try t.waitFor("Bảo Yên (BY), district, all years")

        // Tab on an empty line shows the commands.
        try t.press("Tab")
        try t.waitFor("the command list") { $0.contains("campaigns") && $0.contains("opinions") && $0.contains("import") }
        // An ambiguous name completes, then a second Tab lists the units with their codes.
        try t.type("units thanh b")
        try t.press("Tab")
        try t.waitForLine("danvan> units Thanh Bình")
        try t.press("Tab")
        try t.waitFor("MK-THANHBINH")
        #expect(try t.screen().contains("SP-THANHBINH  Thanh Bình (commune in Sa Pa)"))
    }

    @Test func historyIsRecalledWithUpAcrossRestarts() throws {
        let daemon = try Daemon()
        let home = try Paths.temporaryDirectory("home")
        defer { try? FileManager.default.removeItem(atPath: home) }
        do {
            let t = try shell(daemon, home: home)
            try t.type("units BY --year 2022")
            try t.press("Enter")
            try t.waitFor("units under Bảo Yên (BY), district, 2022")
            try t.type("\\q")
            try t.press("Enter")
            #expect(try t.waitForExit() == 0)
        }
        let file = home + "/.local/state/danvan/history"
        #expect(FileManager.default.fileExists(atPath: file))

        let t = try shell(daemon, home: home)
        try t.press("Up")
        try t.waitForLine("danvan> units BY --year 2022")
        try t.press("Enter")
        try t.waitFor("units under Bảo Yên (BY), district, 2022")
    }

    @Test func ctrlCStopsWatchNotTheShell() throws {
        let daemon = try Daemon()
        let home = try Paths.temporaryDirectory("home")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let t = try shell(daemon, home: home)
        try t.type("\\watch 0.2 status")
        try t.press("Enter")
        try t.waitFor("three rounds") { $0.components(separatedBy: "every 0.2 s: status").count > 3 }
        try t.press("C-c")
        try t.waitForLine("danvan>")
        // The watch stopped: no new round appears.
        let rounds = try t.screen().components(separatedBy: "every 0.2 s: status").count
        usleep(600_000)
        #expect(try t.screen().components(separatedBy: "every 0.2 s: status").count == rounds)
        // The shell still works.
        try t.type("hello")
        try t.press("Enter")
        try t.waitFor("catalogue")
        #expect(try t.exitStatus() == nil)

        // Ctrl-C on a half-typed line abandons it; Ctrl-D on an empty line exits with 0.
        try t.type("summary L")
        try t.press("C-c")
        try t.waitForLine("danvan>")
        try t.press("C-d")
        #expect(try t.waitForExit() == 0)
    }

    /// A failing command keeps the shell going; the exit status stays 0 at \q.
    @Test func errorsDoNotEndTheShell() throws {
        let daemon = try Daemon()
        let home = try Paths.temporaryDirectory("home")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let t = try shell(daemon, home: home)
        try t.type("summary thanh binh")
        try t.press("Enter")
        try t.waitFor("MK-THANHBINH  Thanh Bình (commune in Mường Khương)")
        try t.type("\\output json")
        try t.press("Enter")
        try t.waitFor("output format is json")
        try t.type("summary SP --year 2023")
        try t.press("Enter")
        try t.waitFor("\"landDonatedM2\": 19712.88")
        try t.type("\\q")
        try t.press("Enter")
        #expect(try t.waitForExit() == 0)
    }

    /// A daemon restarted under an open shell: the next command reconnects by itself.
    @Test func shellSurvivesADaemonRestart() throws {
        let daemon = try Daemon()
        let home = try Paths.temporaryDirectory("home")
        defer { try? FileManager.default.removeItem(atPath: home) }
        let t = try shell(daemon, home: home)
        try t.type("summary BY --year 2021")
        try t.press("Enter")
        try t.waitFor("Bảo Yên (BY), district, 2021")
        daemon.stop()
        try daemon.start()
        try t.type("summary SP --year 2021")
        try t.press("Enter")
        try t.waitFor("Sa Pa (SP), district, 2021")
        #expect(try !t.screen().contains("error:"))
    }

    /// One-shot mode in a terminal prints a table; the exit status is the command's.
    @Test func oneShotOnATerminal() throws {
        let daemon = try Daemon()
        let t = try Tmux([Paths.danvanctl, "--socket", daemon.socket, "summary", "nowhere"])
        #expect(try t.waitForExit() == 1)
        #expect(try t.screen().contains("not_found"))
        let ok = try Tmux([Paths.danvanctl, "--socket", daemon.socket, "campaigns"])
        #expect(try ok.waitForExit() == 0)
        #expect(try ok.screen().contains("XNT-2023      special_drive"))
    }
}

/// The import progress bar, seen on a terminal while the import runs.
@Suite(.enabled(if: Tmux.available, "tmux is not installed; run Scripts/install-deps.sh"))
struct ImportProgressTests {
    @Test func progressBarOnATerminal() throws {
        let daemon = try Daemon(empty: true)
        // Small batches make the import last long enough to watch.
        let t = try Tmux([Paths.danvanctl, "--socket", daemon.socket, "import", Paths.sample, "--batch", "2"])
        let bar = try t.waitFor("the progress bar", timeout: 60) { screen in
            screen.contains("/8,684 events") && screen.contains("events/s") && screen.contains("ETA")
        }
        #expect(bar.contains("import ["))
        #expect(try t.waitForExit(timeout: 300) == 0)
        let done = try t.screen()
        #expect(done.contains("imported 8,684 events from"))
        #expect(done.contains("8,684 stored"))
    }
}
