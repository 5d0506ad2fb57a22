import DanvanJSON
import Foundation
import Testing

/// A flipped bit in the log: verify names it, the daemon refuses to start, repair cuts
/// the log after the last good record and says how many events were lost.
@Suite(.serialized, .timeLimit(.minutes(5))) struct CorruptionTests {
    static func segment(_ d: Daemon) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: d.directory).filter { $0.hasSuffix(".dvlog") }.sorted()
        return d.directory + "/" + (names.first ?? "")
    }

    @Test(arguments: [0.25, 0.5, 0.9])
    func aFlippedBitIsFoundRefusedAndRepairedExplicitly(position: Double) throws {
        let d = try Daemon()
        let sample = Daemon.packageRoot.appendingPathComponent("Samples/lao-cai.ndjson").path
        #expect(try d.tool(["import", "--state-dir", d.directory, sample]).status == 0)
        let path = try Self.segment(d)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let offset = Int(Double(bytes.count) * position)
        bytes[offset] ^= 0x08
        try Data(bytes).write(to: URL(fileURLWithPath: path))

        let verify = try d.tool(["verify", "--state-dir", d.directory])
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("corruption"))
        #expect(verify.stdout.contains(".dvlog@"))

        let start = try d.tool(["--state-dir", d.directory, "--socket", d.socket])
        #expect(start.status == 65)
        #expect(start.stderr.contains("corrupted"))
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == bytes, "a refused start must not touch the log")

        let repair = try d.tool(["repair", "--state-dir", d.directory])
        #expect(repair.status == 0, "\(repair.stderr)")
        #expect(repair.stdout.contains("event(s) lost"))
        #expect(FileManager.default.fileExists(atPath: path + ".broken"))
        #expect(try d.tool(["verify", "--state-dir", d.directory]).status == 0)
        try d.start()
        let status = try d.connect().call("status")
        let kept = status["seq"]?.int64Value ?? 0
        #expect(kept > 0 && kept < 8684)
        #expect(repair.stdout.contains("after seq \(kept);"))
        #expect(repair.stdout.contains("\(8684 - kept) event(s) lost"))
        d.stop()
        #expect(try d.tool(["repair", "--state-dir", d.directory]).stdout.contains("nothing to repair"))
    }
}
