import DanvanClient
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Starts that cannot succeed, with the real daemon: each exits at once with the documented
/// code (one systemd does not retry in vain) and one line naming the path and the fix, and
/// creates nothing first: no state directory, no lock file, no segment.
@Suite(.serialized, .timeLimit(.minutes(2))) struct StartupFailureTests {
    /// Runs `danvand arguments` (as nobody when asked); its status and what it wrote to stderr.
    private func start(_ d: Daemon, _ arguments: [String], asNobody: Bool = false) throws -> (status: Int32, stderr: String) {
        let run = try d.tool(arguments, asNobody: asNobody)
        return (run.status, run.stderr)
    }

    private func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    @Test func aSocketPathTooLongForSunPathIsAConfigurationErrorAndCreatesNothing() throws {
        let d = try Daemon()
        let state = d.directory + "/state"
        let socket = d.directory + "/" + String(repeating: "s", count: 120) + ".sock"
        let run = try start(d, ["--state-dir", state, "--socket", socket])
        #expect(run.status == 64, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("\(socket) is \(socket.utf8.count) bytes long"))
        #expect(run.stderr.contains("at most 103 bytes"))
        #expect(run.stderr.contains("pass a shorter --socket PATH"))
        #expect(run.stderr.contains("'socket = PATH'"))
        #expect(!exists(state), "nothing may be created before the checks")
    }

    /// The limit is the one the daemon really binds with (SwiftNIO's 103 bytes, not
    /// Linux's 107): a path of exactly 103 bytes serves, one of 104 is refused before the
    /// state directory is made (104-107 used to fail only after the log was opened).
    @Test func theSocketPathLimitIsTheOneThatBinds() throws {
        let d = try Daemon()
        func path(_ length: Int) -> String {
            let head = d.directory + "/"
            return head + String(repeating: "s", count: length - head.utf8.count - 5) + ".sock"
        }
        let state = d.directory + "/state"
        let long = try start(d, ["--state-dir", state, "--socket", path(104)])
        #expect(long.status == 64, "stderr: \(long.stderr)")
        #expect(long.stderr.contains("is 104 bytes long"), "\(long.stderr)")
        #expect(!exists(state), "nothing may be created before the checks")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Daemon.binary)
        p.arguments = ["--state-dir", state, "--socket", path(103), "--log-level", "warning"]
        p.standardError = FileHandle.nullDevice
        try p.run()
        defer { p.terminate(); p.waitUntilExit() }
        var answered = false
        for _ in 0..<500 where !answered && p.isRunning {
            if let c = try? DanvanConnection(path: path(103)), (try? c.call("hello"))?["server"] == "danvand" { answered = true }
            usleep(20_000)
        }
        #expect(answered, "a 103-byte socket path must serve (exit \(p.isRunning ? "none" : String(p.terminationStatus)))")
    }

    @Test func aLongStateDirectoryWhoseDefaultSocketIsTooLongFailsTheSameWay() throws {
        let d = try Daemon()
        let state = d.directory + "/" + String(repeating: "d", count: 100)
        let run = try start(d, ["--state-dir", state])
        #expect(run.status == 64, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("\(state)/danvand.sock is"))
        #expect(run.stderr.contains("the default is <state-dir>/danvand.sock"))
        #expect(!exists(state))
    }

    @Test func aStateDirectoryThatIsARegularFileIsRefusedWith73() throws {
        let d = try Daemon()
        let file = d.directory + "/state"
        #expect(FileManager.default.createFile(atPath: file, contents: Data("x".utf8)))
        // With the default socket too (<state-dir>/danvand.sock): the state directory is the
        // problem to name, not "a socket in a missing directory".
        for (state, socket) in [(file, [d.directory + "/s.sock"]), (file + "/below", [d.directory + "/s.sock"]), (file, [])] {
            let run = try start(d, ["--state-dir", state] + socket.flatMap { ["--socket", $0] })
            #expect(run.status == 73, "stderr: \(run.stderr)")
            #expect(run.stderr.contains("cannot use \(state) as the state directory: \(file) is not a directory"))
            #expect(run.stderr.contains("pass another --state-dir"))
            #expect(!run.stderr.contains("File exists"))
        }
    }

    @Test func aSocketInAMissingDirectoryIsRefusedWith73BeforeTheStateDirectoryIsMade() throws {
        let d = try Daemon()
        let state = d.directory + "/state"
        let socket = d.directory + "/missing/danvand.sock"
        let run = try start(d, ["--state-dir", state, "--socket", socket])
        #expect(run.status == 73, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("cannot create the socket \(socket): its directory \(d.directory)/missing does not exist"))
        #expect(!run.stderr.contains("bind(descriptor"))
        #expect(!exists(state))
    }

    @Test func aFileThatIsNotASocketAtTheSocketPathIsNeverReplaced() throws {
        let d = try Daemon()
        let socket = d.directory + "/danvand.sock"
        #expect(FileManager.default.createFile(atPath: socket, contents: Data("keep me".utf8)))
        let run = try start(d, ["--state-dir", d.directory + "/state", "--socket", socket])
        #expect(run.status == 73, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("\(socket) exists and is not a socket"))
        #expect(try String(contentsOfFile: socket, encoding: .utf8) == "keep me")
        #expect(!exists(d.directory + "/state"))
    }

    @Test func permissionFailuresExit77NamingThePathAndCreateNothing() throws {
        guard AccessAndLimitsTests.canSwitchUser else {
            print("skipped: needs root and setpriv to start danvand as another user")
            return
        }
        let d = try Daemon()
        chmod(d.directory, 0o755)  // root's: nobody may enter it, not write it
        let open = d.directory + "/open"
        mkdir(open, 0o777)
        chmod(open, 0o777)

        let stateHere = try start(d, ["--state-dir", d.directory + "/state", "--socket", open + "/s.sock"], asNobody: true)
        #expect(stateHere.status == 77, "stderr: \(stateHere.stderr)")
        #expect(stateHere.stderr.contains("uid 65534"))
        #expect(stateHere.stderr.contains("may not write \(d.directory) (for the state directory \(d.directory)/state)"))
        #expect(!exists(d.directory + "/state"))

        let existing = d.directory + "/existing"
        mkdir(existing, 0o755)
        let notWritable = try start(d, ["--state-dir", existing, "--socket", open + "/s.sock"], asNobody: true)
        #expect(notWritable.status == 77, "stderr: \(notWritable.stderr)")
        #expect(notWritable.stderr.contains("may not write \(existing):"))
        #expect(!exists(existing + "/LOCK"))

        let socketHere = try start(d, ["--state-dir", open + "/state", "--socket", d.directory + "/s.sock"], asNobody: true)
        #expect(socketHere.status == 77, "stderr: \(socketHere.stderr)")
        #expect(socketHere.stderr.contains("may not create the socket \(d.directory)/s.sock in \(d.directory)"))
        #expect(!exists(open + "/state"), "the socket is checked before the state directory is made")
    }

    /// The checks refuse what cannot work, not what danvand makes: by hand, the default
    /// socket is in the state directory, which does not exist before the first start.
    @Test func aNewStateDirectoryWithTheDefaultSocketInItStarts() throws {
        let d = try Daemon(fresh: true)
        #expect(!exists(d.stateDirectory))
        try d.start()
        #expect(d.stop() == 0)
        #expect(exists(d.stateDirectory + "/LOCK"))
    }

    /// The offline tools read an existing log: pointed at a directory that is not there, they
    /// say so instead of creating an empty one (export, repair) or calling it clean (verify).
    @Test func theOfflineToolsDoNotCreateAMissingStateDirectory() throws {
        let d = try Daemon()
        let missing = d.directory + "/typo"
        for tool in ["export", "repair", "verify"] {
            let run = try d.tool([tool, "--state-dir", missing])
            #expect(run.status == 64, "\(tool): \(run.stderr)")
            #expect(run.stderr.contains("there is no state directory at \(missing)"), "\(tool): \(run.stderr)")
            #expect(!exists(missing), "\(tool) created \(missing)")
        }
    }
}
