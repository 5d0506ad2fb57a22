import Testing

@testable import DanvanStorage

/// The CPU's CRC-32C instruction (when `update` uses it) against the portable tables:
/// same results at every length and alignment, and in pieces.
@Suite struct CRC32CHardwareTests {
    static let data: [UInt8] = (0..<1100).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }

    @Test func agreesWithTheTablesAtEveryLengthAndAlignment() {
        Self.data.withUnsafeBytes { all in
            for start in 0..<9 {
                for length in [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 63, 64, 65, 255, 256, 257, 1024] {
                    let part = UnsafeRawBufferPointer(rebasing: all[start..<(start + length)])
                    #expect(CRC32C.update(0x1234_5678, part) == CRC32C.softwareUpdate(0x1234_5678, part))
                    #expect(CRC32C.checksum(part) == CRC32C.softwareUpdate(0, part))
                }
            }
        }
    }

    @Test func checkValueAndPieces() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        let whole = CRC32C.checksum(Self.data)
        let pieces = CRC32C.update(CRC32C.checksum(Self.data[0..<333]), Self.data[333...])
        #expect(whole == pieces)
    }
}
