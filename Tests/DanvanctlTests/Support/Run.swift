import Foundation

/// A finished process: its exit status and what it wrote.
struct Finished {
    var status: Int32
    var stdout: String
    var stderr: String
    /// stdout as bytes, for checks a `String` would hide (a byte order mark).
    var stdoutBytes: [UInt8] = []
    /// Whether the process was killed for running past its time limit.
    var timedOut = false
}

/// Runs a program to completion with stdin from `input`, stdout and stderr into files
/// (so a chatty child can never block on a full pipe), killing it after `timeout` s.
func run(_ program: String, _ arguments: [String], input: String? = nil, environment: [String: String]? = nil,
         timeout: Double = 60) throws -> Finished {
    let dir = try Paths.temporaryDirectory("run")
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let outPath = dir + "/stdout", errPath = dir + "/stderr", inPath = dir + "/stdin"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    _ = FileManager.default.createFile(atPath: inPath, contents: Data((input ?? "").utf8))
    let child = try Child(program, arguments, stdin: inPath, stdout: outPath, stderr: errPath, environment: environment)
    var timedOut = false
    var status = child.wait(timeout: timeout)
    if status == nil {
        child.signal(SIGKILL)
        timedOut = true
        status = child.wait(timeout: 10)
    }
    let bytes = [UInt8](FileManager.default.contents(atPath: outPath) ?? Data())
    let out = String(decoding: bytes, as: UTF8.self)
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return Finished(status: status ?? -1, stdout: out, stderr: err, stdoutBytes: bytes, timedOut: timedOut)
}

/// Polls `condition` every 20 ms until it holds or `timeout` seconds pass.
func eventually(timeout: Double = 30, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        usleep(20_000)
    }
    return try condition()
}
