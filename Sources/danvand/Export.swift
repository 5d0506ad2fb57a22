import ArgumentParser
import DanvanDomain
import DanvanJSON
import DanvanServer
import Foundation
import Logging

/// `danvand export`: the whole log as NDJSON on stdout.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write every event of a stopped state directory to stdout as NDJSON (the protocol's event objects).",
        discussion: "While danvand runs, use 'danvanctl export' instead.")

    @OptionGroup var options: CommonOptions

    func run() throws {
        let configuration = try ConfigurationLoader.loadOrExit(options)
        let logger = Logger(label: "danvand.export")
        let state: OpenedState
        do {
            state = try OpenedState.open(directory: configuration.stateDirectory, segmentSize: configuration.segmentSize, logger: logger, create: false)
        } catch {
            FileHandle.standardError.write(Data("danvand export: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode)
        }
        var out: [UInt8] = []
        out.reserveCapacity(1 << 20)
        let stdout = FileHandle.standardOutput
        try state.log.snapshot().forEach(from: 1) { record in
            let event = try EventPayloadCodec.decode(record.payload, seq: record.seq, recordedAtMicros: record.recordedAtMicros)
            JSONWriter.write(event.json, into: &out)
            out.append(UInt8(ascii: "\n"))
            if out.count > 1 << 20 {
                stdout.write(Data(out))
                out.removeAll(keepingCapacity: true)
            }
            return true
        }
        stdout.write(Data(out))
    }
}
