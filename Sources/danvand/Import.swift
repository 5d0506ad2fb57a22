import ArgumentParser
import DanvanDomain
import DanvanJSON
import DanvanProtocol
import DanvanServer
import DanvanStorage
import Foundation
import Logging

/// `danvand import FILE`: append an NDJSON file into a stopped state directory.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Append the events of an NDJSON file (as 'export' writes it) to a stopped state directory.",
        discussion: """
            Each line is an event object: {type, data, id?, stream?} and, as export writes them, seq, version, \
            recordedAt and actor. seq and version are assigned anew; recordedAt and actor are kept when present \
            (this is a restore of history), else set to now and the importing user. The whole file is validated \
            first: one bad line stores nothing. Events whose id is already stored are skipped as duplicates, \
            so an interrupted import can be run again.
            """)

    @OptionGroup var options: CommonOptions

    @Argument(help: "NDJSON file to import ('-' for stdin).")
    var file: String

    func run() throws {
        let configuration = try ConfigurationLoader.loadOrExit(options)
        let data: Data
        do {
            data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            FileHandle.standardError.write(Data("danvand import: cannot read \(file): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        // A spreadsheet is named as such, before anything is opened (SpreadsheetFile).
        let bytes = Array(data)
        let firstLine = bytes.split(separator: UInt8(ascii: "\n")).first { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0D || $0 == 0x09 } }
        if let firstLine, (try? JSONParser.parse(Array(firstLine))) == nil,
            let reason = SpreadsheetFile.reason(path: file, bytes: bytes, firstLine: firstLine)
        {
            FileHandle.standardError.write(Data("""
                danvand import: \(file) is not NDJSON (\(reason)); danvand import reads NDJSON, one JSON event per line \
                as 'danvand export' and 'danvanctl export' write it. Importing spreadsheets (CSV, XLSX, ODS) is not yet \
                supported; nothing was imported

                """.utf8))
            throw ExitCode(1)
        }
        let logger = Logger(label: "danvand.import")
        // A restore may make a new state directory; a refused file must not leave one behind.
        let createdHere = !FileManager.default.fileExists(atPath: configuration.stateDirectory)
        let state: OpenedState
        do {
            state = try OpenedState.open(directory: configuration.stateDirectory, segmentSize: configuration.segmentSize, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("danvand import: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode)
        }
        let importer = NDJSONImporter(registry: state.replayed.registry, nextSeq: state.log.lastSeq + 1, snapshot: state.log.snapshot(),
            calendar: ProvinceCalendar(identifier: configuration.timeZone) ?? .vietnam())
        let result: NDJSONImporter.Result
        do {
            result = try importer.run(bytes)
        } catch {
            if createdHere { try? FileManager.default.removeItem(atPath: configuration.stateDirectory) }
            let removed = createdHere ? " (the new state directory \(configuration.stateDirectory) was removed)" : ""
            FileHandle.standardError.write(Data("danvand import: \(file):\(error.description); nothing was imported\(removed)\n".utf8))
            throw ExitCode(1)
        }
        do {
            for batch in result.batches { try state.log.append(batch) }
            try state.log.sync()
        } catch {
            FileHandle.standardError.write(Data("danvand import: writing the log failed: \(error)\n".utf8))
            throw ExitCode(ExitCode.storageFailed)
        }
        print("imported \(result.imported) events (\(result.duplicates) duplicates skipped); log now at seq \(state.log.durableSeq)")
    }
}
