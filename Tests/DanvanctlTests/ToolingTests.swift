@testable import DanvanShell
import Foundation
import Testing

/// The progress bar, the bash completion script and the manual pages.
@Suite struct ToolingTests {
    @Test func progressBarShowsRateDoneTotalAndETA() {
        let line = ProgressBar.line(label: "import", done: 4200, total: 8684, seconds: 2, width: 80)
        #expect(line.hasPrefix("import ["))
        #expect(line.hasSuffix("] 4,200/8,684 events  2,100 events/s  ETA 0:03"))
        #expect(line.count == 79)  // one column spare, so the terminal never wraps the bar
        #expect(ProgressBar.line(label: "import", done: 10, total: 10, seconds: 1, width: 60).hasSuffix("done"))
        #expect(ProgressBar.clockText(3723) == "1:02:03")
    }

    /// bash completes commands, flags and formats offline, and unit codes from the daemon.
    @Test func bashCompletion() throws {
        let script = Paths.root + "/deploy/danvanctl.bash-completion"
        let daemon = try Daemon()
        func complete(_ words: [String]) throws -> [String] {
            let quoted = words.map { "'\($0)'" }.joined(separator: " ")
            let program = """
                export PATH='\(Paths.bin)':"$PATH"
                source '\(script)'
                COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1)
                _danvanctl
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let r = try run("/bin/bash", ["-c", program])
            #expect(r.status == 0, "\(r.stderr)")
            return r.stdout.split(separator: "\n").map(String.init)
        }
        #expect(try complete(["danvanctl", "su"]) == ["summary"])
        #expect(try complete(["danvanctl", "summary", "LC", "--y"]) == ["--year"])
        #expect(try complete(["danvanctl", "campaign", "NTM-2021", "--as"]) == ["--as-of"])
        #expect(try complete(["danvanctl", "opinions", "--as"]) == ["--as-of"])
        #expect(try complete(["danvanctl", "-o", "nd"]) == ["ndjson"])
        #expect(try complete(["danvanctl", "--numbers", ""]) == ["plain", "vi", "en"])
        #expect(try complete(["danvanctl", "--numbers", "vi", "su"]) == ["summary"])
        #expect(try complete(["danvanctl", "read", "--type", "land."]) == ["land.donated"])
        #expect(try complete(["danvanctl", "--socket", daemon.socket, "units", "BY-BAO"]).contains("BY-BAOHA"))
        #expect(try complete(["danvanctl", "--socket", daemon.socket, "campaign", "NT"]) == ["NTM-2021"])
        #expect(try complete(["danvanctl", "rep"]) == ["report"])
        #expect(try complete(["danvanctl", "import-sheet", "x.csv", "--dr"]) == ["--dry-run"])
        #expect(try complete(["danvanctl", "import-sheet", "x.csv", "--type", "land."]) == ["land.donated"])
        #expect(try complete(["danvanctl", "report", "LC", "--fo"]) == ["--format"])
        #expect(try complete(["danvanctl", "report", "LC", "--format", "x"]) == ["xlsx"])
        #expect(try complete(["danvanctl", "report", "LC", "--lang", ""]) == ["vi", "en"])
        #expect(try complete(["danvanctl", "report", "--co"]) == ["--compare"])
        #expect(try complete(["danvanctl", "--socket", daemon.socket, "report", "BY-BAO"]).contains("BY-BAOHA"))
    }

    /// The manual pages render without a warning from man/groff.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/man")),
          arguments: ["deploy/man/danvanctl.1", "deploy/man/danvand.8", "deploy/man/danvand.conf.5"])
    func manualPagesRenderCleanly(page: String) throws {
        let r = try run("/usr/bin/man", ["--warnings", "-l", Paths.root + "/" + page],
                        environment: ["PATH": "/usr/bin:/bin", "MANWIDTH": "80", "LANG": "C.UTF-8"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty, "\(r.stderr)")
        #expect(r.stdout.contains("SEE ALSO"))
    }
}
