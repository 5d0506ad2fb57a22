import DanvanDomain
import Foundation
import Testing

@testable import DanvanProtocol

/// protocol.md is the contract for tools: it must name every operation, error code and event
/// type the code knows, and show each operation in an example line (`ProtocolDocTests` sends
/// those examples to a live daemon).
@Suite struct ProtocolDocCoverageTests {
    static func protocolText() throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("protocol.md"), encoding: .utf8)
    }

    @Test func everyOperationHasAnExample() throws {
        let text = try Self.protocolText()
        for op in Operation.allCases {
            #expect(text.contains(#""op":"\#(op.rawValue)""#), "no example of '\(op.rawValue)' in protocol.md")
        }
    }

    @Test func everyErrorCodeIsDocumented() throws {
        let text = try Self.protocolText()
        for code in ErrorCode.all {
            #expect(text.contains("`\(code.name)`"), "error code '\(code.name)' is not in protocol.md")
        }
    }

    @Test func everyEventTypeIsDocumented() throws {
        let text = try Self.protocolText()
        for type in EventType.allCases {
            #expect(text.contains("`\(type.rawValue)`"), "event type '\(type.rawValue)' is not in protocol.md")
        }
    }
}
