import Foundation

/// A program running in a real pseudo-terminal, driven like a person would: tmux
/// types keys into it and reads the screen back. Each instance has its own tmux server
/// (its own socket), so tests run in parallel without seeing each other.
final class Tmux: @unchecked Sendable {
    private let dir: String
    private var socket: String { dir + "/tmux.sock" }
    private var statusPath: String { dir + "/status" }

    /// Whether tmux is installed (Scripts/install-deps.sh installs it).
    static let available: Bool = FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux")

    /// Starts `command` in a 160×50 terminal. The pane stays after the program exits so
    /// its exit status and last screen can be read.
    init(_ command: [String], environment: [String: String] = [:]) throws {
        dir = try Paths.temporaryDirectory("tmux")
        let config = dir + "/tmux.conf"
        try "set -g remain-on-exit on\nset -g history-limit 10000\nset -g status off\n".write(toFile: config, atomically: true, encoding: .utf8)
        var env = ["env", "-u", "XDG_STATE_HOME", "-u", "DANVAN_SOCKET", "LANG=C.UTF-8", "LC_ALL=C.UTF-8"]
        env += environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        var tmuxEnv = ProcessInfo.processInfo.environment
        tmuxEnv["TMUX"] = nil
        // A small sh records the exit status in a file (tmux 3.3's pane_dead_status is not
        // reliable for a program that exits some time after it started). `trap : INT` keeps
        // sh alive through the Ctrl-C sent to the program; the program itself gets default
        // signal actions, as exec resets caught signals.
        let wrapper = ["/bin/sh", "-c", "trap : INT; \"$@\"; echo $? > '\(statusPath)'", "sh"]
        let r = try run("/usr/bin/tmux", ["-S", socket, "-f", config, "new-session", "-d", "-x", "160", "-y", "50", "-s", "t"] + wrapper + env + command,
                        environment: tmuxEnv, timeout: 30)
        guard r.status == 0 else { throw TestFailure("tmux new-session failed (\(r.status)): \(r.stderr)") }
    }

    deinit {
        _ = try? run("/usr/bin/tmux", ["-S", socket, "kill-server"], timeout: 10)
        try? FileManager.default.removeItem(atPath: dir)
    }

    private func tmux(_ arguments: [String]) throws -> String {
        let r = try run("/usr/bin/tmux", ["-S", socket] + arguments, timeout: 30)
        guard r.status == 0 else { throw TestFailure("tmux \(arguments.joined(separator: " ")) failed (\(r.status)): \(r.stderr)") }
        return r.stdout
    }

    /// Types text literally.
    func type(_ text: String) throws { _ = try tmux(["send-keys", "-t", "t", "-l", text]) }

    /// Presses keys by tmux name: Enter, Tab, Up, C-c, C-d.
    func press(_ keys: String...) throws { _ = try tmux(["send-keys", "-t", "t"] + keys) }

    /// The screen and its scrollback, wrapped lines joined, trailing blank lines dropped.
    func screen() throws -> String {
        var text = try tmux(["capture-pane", "-p", "-J", "-t", "t", "-S", "-"])
        while text.hasSuffix("\n\n") { text.removeLast() }
        return text
    }

    /// The last non-blank line of the screen (where the prompt and the typed line are).
    func currentLine() throws -> String {
        try screen().split(separator: "\n", omittingEmptySubsequences: true).last.map(String.init) ?? ""
    }

    /// Waits until `condition` holds on the screen; fails with the screen if it never does.
    @discardableResult
    func waitFor(_ what: String, timeout: Double = 30, _ condition: (String) -> Bool) throws -> String {
        var last = ""
        let ok = try eventually(timeout: timeout) {
            last = try screen()
            return condition(last)
        }
        guard ok else { throw TestFailure("timed out waiting for \(what); the screen was:\n\(last)") }
        return last
    }

    /// Waits until the screen shows `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 30) throws -> String {
        try waitFor("'\(text)'", timeout: timeout) { $0.contains(text) }
    }

    /// Waits until the line with the cursor (the last non-blank one) reads `expected`.
    func waitForLine(_ expected: String, timeout: Double = 30) throws {
        var last = ""
        let ok = try eventually(timeout: timeout) {
            last = try currentLine()
            while last.hasSuffix(" ") { last.removeLast() }
            return last == expected
        }
        guard ok else { throw TestFailure("timed out waiting for the line '\(expected)'; it was '\(last)'; the screen:\n\(try screen())") }
    }

    /// The program's exit status once it has exited, else nil.
    func exitStatus() throws -> Int32? {
        guard let text = try? String(contentsOfFile: statusPath, encoding: .utf8) else { return nil }
        return Int32(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Waits for the program to exit and returns its status.
    func waitForExit(timeout: Double = 30) throws -> Int32 {
        var status: Int32?
        _ = try eventually(timeout: timeout) {
            status = try exitStatus()
            return status != nil
        }
        guard let status else { throw TestFailure("the program did not exit; the screen was:\n\(try screen())") }
        return status
    }
}
