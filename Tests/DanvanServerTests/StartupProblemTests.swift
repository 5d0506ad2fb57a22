import DanvanServer
import DanvanStorage
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Which start-up failure gets which exit code and message (`StartupProblem`), case by
/// case, and what `StartupChecks` finds on real paths without creating anything.
@Suite struct StartupProblemTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A fresh empty directory, removed by the caller.
    private func scratch() throws -> String {
        let path = NSTemporaryDirectory() + "danvan-startup-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        return path
    }

    @Test(arguments: [
        (StartupProblem.socketPathTooLong(path: "/p/s.sock"), Int32(64), ["/p/s.sock is 9 bytes", "at most 103", "--socket PATH", "'socket = PATH'"]),
        (.noStateDirectory(path: "/p/typo"), 64, ["/p/typo", "nothing was created", "--state-dir"]),
        (.socketDirectoryMissing(socket: "/p/m/s.sock", directory: "/p/m"), 73, ["/p/m/s.sock", "/p/m does not exist", "create it", "--socket"]),
        (.notASocket(path: "/p/s.sock"), 73, ["/p/s.sock exists and is not a socket", "move that file away"]),
        (.stateDirectoryBlocked(directory: "/p/f/d", blocker: "/p/f"), 73, ["cannot use /p/f/d", "/p/f is not a directory", "--state-dir"]),
        (.readOnlyFileSystem(path: "/p"), 73, ["/p is on a read-only file system", "remount"]),
        (.stateDirectoryNotWritable(directory: "/p/d", denied: "/p"), 77, ["may not write /p (for the state directory /p/d)", "chown or chmod", "--state-dir"]),
        (.socketDirectoryNotWritable(socket: "/p/s.sock", directory: "/p"), 77, ["may not create the socket /p/s.sock in /p", "write access to /p"]),
        (.socketInUse(path: "/p/s.sock"), 69, ["another process is listening on /p/s.sock"]),
    ] as [(StartupProblem, Int32, [String])])
    func eachProblemHasItsExitCodeAndAMessageNamingThePathAndTheFix(_ problem: StartupProblem, _ code: Int32, _ phrases: [String]) {
        #expect(problem.exitCode == code)
        for phrase in phrases { #expect(problem.message.contains(phrase), "\(problem.message)") }
        #expect(!problem.message.contains("\n"))
        #expect(StartupError(problem).exitCode == code)
    }

    @Test func storageErrorsAtStartMapByWhatARestartCanFix() {
        func code(_ error: StorageError) -> Int32 { StartupProblem.storage(error, directory: "/var/lib/danvan").exitCode }
        #expect(code(.locked(path: "/var/lib/danvan/LOCK")) == 75)
        #expect(code(.corrupted(segment: "s", offset: 8, reason: "crc")) == 65)
        #expect(code(.badHeader(segment: "s", reason: "magic")) == 65)
        #expect(code(.ioError("opening lock file", path: "/var/lib/danvan/LOCK", errno: .permissionDenied)) == 77)
        #expect(code(.ioError("creating state directory", path: "/var/lib/danvan", errno: .notPermitted)) == 77)
        #expect(code(.ioError("creating state directory", path: "/var/lib/danvan", errno: .readOnlyFileSystem)) == 73)
        #expect(code(.ioError("creating state directory", path: "/var/lib/danvan", errno: .fileExists)) == 73)
        #expect(code(.ioError("reading", path: "/var/lib/danvan/00000001.dvlog", errno: .ioError)) == 71)
        let denied = StartupProblem.storage(.ioError("opening lock file", path: "/var/lib/danvan/LOCK", errno: .permissionDenied), directory: "/var/lib/danvan")
        #expect(denied.message.contains("may not write /var/lib/danvan/LOCK (for the state directory /var/lib/danvan)"))
        let corrupt = StartupProblem.storage(.corrupted(segment: "s", offset: 8, reason: "crc"), directory: "/d")
        #expect(corrupt.message.contains("run 'danvand verify --state-dir /d'"))
    }

    @Test func bindErrorsMapLikeTheChecks() {
        func code(_ errno: Int32) -> Int32 { StartupProblem.bindFailed(path: "/p/s.sock", errno: errno).exitCode }
        #expect(code(EACCES) == 77)
        #expect(code(ENOENT) == 73)
        #expect(code(EROFS) == 73)
        #expect(code(EADDRINUSE) == 69)
        #expect(code(ENAMETOOLONG) == 64)
        #expect(code(EIO) == 69)
    }

    @Test func theSocketChecksFindEachProblemAndCreateNothing() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fits = dir + "/" + String(repeating: "s", count: StartupProblem.socketPathLimit - dir.utf8.count - 1)
        #expect(fits.utf8.count == 103)
        #expect(StartupChecks.socket(fits, stateDirectory: dir) == nil)
        #expect(StartupChecks.socket(fits + "x", stateDirectory: dir) == .socketPathTooLong(path: fits + "x"))
        #expect(StartupChecks.socket(dir + "/no/s.sock", stateDirectory: dir) == .socketDirectoryMissing(socket: dir + "/no/s.sock", directory: dir + "/no"))
        #expect(FileManager.default.createFile(atPath: dir + "/file", contents: nil))
        #expect(StartupChecks.socket(dir + "/file", stateDirectory: dir) == .notASocket(path: dir + "/file"))
        #expect(StartupChecks.socket(dir + "/file/s.sock", stateDirectory: dir) == .socketDirectoryMissing(socket: dir + "/file/s.sock", directory: dir + "/file"))
        // By hand the socket is <state-dir>/danvand.sock, in a directory danvand is about to make.
        #expect(StartupChecks.socket(dir + "/new/danvand.sock", stateDirectory: dir + "/new/") == nil)
        #expect(StartupChecks.socket(dir + "/new/sub/danvand.sock", stateDirectory: dir + "/new") != nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["file"])
    }

    @Test func theStateDirectoryChecksFindEachProblemAndCreateNothing() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(StartupChecks.stateDirectory(dir, create: false) == nil)
        #expect(StartupChecks.stateDirectory(dir + "/a/b/c", create: true) == nil)
        #expect(StartupChecks.stateDirectory(dir + "/a", create: false) == .noStateDirectory(path: dir + "/a"))
        #expect(FileManager.default.createFile(atPath: dir + "/file", contents: nil))
        #expect(StartupChecks.stateDirectory(dir + "/file", create: true) == .stateDirectoryBlocked(directory: dir + "/file", blocker: dir + "/file"))
        #expect(StartupChecks.stateDirectory(dir + "/file/x/y", create: true) == .stateDirectoryBlocked(directory: dir + "/file/x/y", blocker: dir + "/file"))
        #expect(StartupChecks.stateDirectoryToRead(dir + "/none") == .noStateDirectory(path: dir + "/none"))
        #expect(StartupChecks.stateDirectoryToRead(dir + "/file") == .stateDirectoryBlocked(directory: dir + "/file", blocker: dir + "/file"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["file"])
        #expect(StartupChecks.parent(of: "danvand.sock") == ".")
        #expect(StartupChecks.parent(of: "/danvand.sock") == "/")
        #expect(StartupChecks.parent(of: "/run/danvan/") == "/run")
    }

    /// The codes systemd must not retry are the same in the unit, README and danvand(8).
    @Test func theUnitReadmeAndManualAgreeOnTheCodesNotRetried() throws {
        let notRetried: [Int32] = [ExitCode.usage, ExitCode.corrupted, ExitCode.cannotCreate, ExitCode.locked, ExitCode.noPermission]
        let list = notRetried.map(String.init).joined(separator: " ")
        let unit = try String(contentsOfFile: Self.root + "/deploy/danvand.service", encoding: .utf8)
        #expect(unit.contains("\nRestartPreventExitStatus=\(list)\n"))
        let readme = try String(contentsOfFile: Self.root + "/README.md", encoding: .utf8)
        #expect(readme.contains("codes 64 (configuration), 65 (corrupted log), 73 (cannot create), 75 (state directory locked) and 77 (permission) are not retried"))
        let manual = try String(contentsOfFile: Self.root + "/deploy/man/danvand.8", encoding: .utf8)
        #expect(manual.contains("Under systemd, 64, 65, 73, 75 and 77 are not retried; other failures are."))
    }
}
