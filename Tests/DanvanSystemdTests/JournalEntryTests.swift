import Logging
import Testing

@testable import DanvanSystemd

/// From a swift-log event to the fields `journalctl` filters on.
@Suite struct JournalEntryTests {
    private func entry(
        _ level: Logger.Level = .info, _ message: String = "appended", metadata: Logger.Metadata = [:], error: (any Error)? = nil
    ) -> [String: String] {
        let fields = JournalEntry(
            level: level, message: message, metadata: metadata, error: error, identifier: "danvand",
            file: "DanvanServer/Socket/SocketServer.swift", line: 42, function: "run()"
        ).fields
        return Dictionary(fields.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    @Test func metadataKeysBecomeDanvanFields() {
        #expect(JournalEntry.fieldName(forMetadataKey: "seq") == "DANVAN_SEQ")
        #expect(JournalEntry.fieldName(forMetadataKey: "op") == "DANVAN_OP")
        #expect(JournalEntry.fieldName(forMetadataKey: "client_uid") == "DANVAN_CLIENT_UID")
        #expect(JournalEntry.fieldName(forMetadataKey: "client.uid") == "DANVAN_CLIENT_UID")
        #expect(JournalEntry.fieldName(forMetadataKey: "Bytes-Dropped") == "DANVAN_BYTES_DROPPED")
        #expect(JournalEntry.fieldName(forMetadataKey: "đơn vị") == "DANVAN___N_V_")
        #expect(JournalEntry.fieldName(forMetadataKey: String(repeating: "x", count: 100)).count == 64)
    }

    @Test func theStandardFieldsAreAlwaysThere() {
        let fields = entry(.warning, "refusing a client")
        #expect(fields["MESSAGE"] == "refusing a client")
        #expect(fields["PRIORITY"] == "4")
        #expect(fields["SYSLOG_IDENTIFIER"] == "danvand")
        #expect(fields["CODE_FILE"] == "DanvanServer/Socket/SocketServer.swift")
        #expect(fields["CODE_LINE"] == "42")
        #expect(fields["CODE_FUNC"] == "run()")
    }

    @Test func metadataIsBothStructuredAndReadable() {
        let fields = entry(metadata: ["seq": "42", "op": "append", "client_uid": "1000"])
        #expect(fields["DANVAN_SEQ"] == "42")
        #expect(fields["DANVAN_OP"] == "append")
        #expect(fields["DANVAN_CLIENT_UID"] == "1000")
        #expect(fields["MESSAGE"] == "appended client_uid=1000 op=append seq=42")
    }

    @Test func nestedMetadataAndErrorsAreFlattened() {
        struct Boom: Error, CustomStringConvertible { var description: String { "disk on fire" } }
        let fields = entry(metadata: ["peer": ["uid": "0", "pid": "12"]], error: Boom())
        #expect(fields["DANVAN_PEER_UID"] == "0")
        #expect(fields["DANVAN_PEER_PID"] == "12")
        #expect(fields["DANVAN_ERROR"] == "disk on fire")
    }

    @Test func levelsMapToSyslogPriorities() {
        let expected: [(Logger.Level, Int)] = [
            (.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
        ]
        for (level, priority) in expected {
            #expect(JournalEntry.priority(level) == priority, "\(level)")
        }
    }

    @Test func journalStreamIsDeviceColonInode() {
        #expect(Journal.streamMatches("8:1234", device: 8, inode: 1234))
        #expect(!Journal.streamMatches("8:1235", device: 8, inode: 1234))
        #expect(!Journal.streamMatches("9:1234", device: 8, inode: 1234))
        #expect(!Journal.streamMatches("8:1234:5", device: 8, inode: 1234))
        #expect(!Journal.streamMatches("", device: 0, inode: 0))
        #expect(!Journal.streamMatches("x:y", device: 0, inode: 0))
    }
}
