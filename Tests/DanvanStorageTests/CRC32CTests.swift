import Testing

@testable import DanvanStorage

/// The slicing-by-8 CRC32C against published vectors and a bit-by-bit
/// reference implementation.
@Suite struct CRC32CTests {
    /// The bitwise definition of CRC-32C, one bit at a time: slow and
    /// obviously right.
    static func reference(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1
            }
        }
        return ~crc
    }

    @Test func checkValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    @Test func emptyInputIsZero() {
        #expect(CRC32C.checksum([UInt8]()) == 0)
    }

    /// RFC 3720 (iSCSI), appendix B.4.
    @Test func rfc3720Vectors() {
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).reversed().map { UInt8($0) }) == 0x113F_DB5C)
    }

    /// Every length from 0 to 300 at every start alignment, so both the
    /// 8-byte loop and the byte tail are exercised with every remainder.
    @Test func matchesBitwiseReference() {
        let data = payload(seq: 42, length: 308)
        for start in 0..<8 {
            for length in 0...300 {
                let slice = Array(data[start..<(start + length)])
                #expect(CRC32C.checksum(slice) == Self.reference(slice), "start \(start) length \(length)")
            }
        }
    }

    @Test func updateComposes() {
        let data = payload(seq: 7, length: 100)
        let whole = CRC32C.checksum(data)
        for split in 0...data.count {
            let first = CRC32C.checksum(Array(data[..<split]))
            #expect(CRC32C.update(first, Array(data[split...])) == whole, "split \(split)")
        }
    }
}
