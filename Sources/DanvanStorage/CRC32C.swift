import CDanvanCRC

/// CRC-32C (Castagnoli), the checksum of every log record.
///
/// CRC-32C is what iSCSI, ext4, LevelDB and etcd use for the same job: it
/// detects all burst errors up to 32 bits and has better Hamming distance than
/// the zlib CRC at record sizes. This is a portable software implementation,
/// slicing-by-8: eight 256-entry tables let the loop fold eight input bytes
/// per step with eight table look-ups (roughly 1 byte per cycle), instead of
/// one byte per step.
///
/// Parameters: reflected polynomial 0x82F63B78, initial value 0xFFFFFFFF,
/// final xor 0xFFFFFFFF. Check value: `checksum("123456789") == 0xE3069283`.
///
/// `update(_:_:)` takes and returns finished checksums, so a checksum can be
/// computed in pieces: `update(checksum(a), b) == checksum(a + b)`.
///
/// Where the CPU has a CRC-32C instruction (x86-64 SSE4.2, AArch64 CRC), `update`
/// uses it through the small C target `CDanvanCRC` (about 5× faster on a 256-byte
/// record here; see BENCHMARKS.md); `softwareUpdate` is the portable loop, used
/// otherwise and kept for tests.
public enum CRC32C {
    /// The reflected Castagnoli polynomial.
    public static let polynomial: UInt32 = 0x82F6_3B78

    /// Eight tables of 256 entries, one after the other. Table 0 is the
    /// classic byte-at-a-time table; table k gives the CRC of a byte followed
    /// by k zero bytes. Built once, on first use.
    static let table: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for index in 0..<256 {
            var crc = UInt32(index)
            for _ in 0..<8 {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ polynomial : crc >> 1
            }
            table[index] = crc
        }
        for slice in 1..<8 {
            for index in 0..<256 {
                let previous = table[(slice - 1) * 256 + index]
                table[slice * 256 + index] = (previous >> 8) ^ table[Int(previous & 0xFF)]
            }
        }
        return table
    }()

    /// The CRC-32C of `bytes`.
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        update(0, bytes)
    }

    /// The CRC-32C of `bytes`.
    public static func checksum(_ bytes: some Sequence<UInt8>) -> UInt32 {
        update(0, bytes)
    }

    /// The CRC-32C of the data whose checksum is `crc`, followed by `bytes`.
    public static func update(_ crc: UInt32, _ bytes: some Sequence<UInt8>) -> UInt32 {
        if let result = bytes.withContiguousStorageIfAvailable({ update(crc, UnsafeRawBufferPointer($0)) }) {
            return result
        }
        let copy = Array(bytes)
        return copy.withUnsafeBytes { update(crc, $0) }
    }

    /// Whether `update` uses the CPU's CRC-32C instruction.
    public static let usesHardware: Bool = danvan_crc32c_hardware_available() != 0

    /// The CRC-32C of the data whose checksum is `crc`, followed by `bytes`.
    ///
    /// This is the hot loop of framing, recovery and replay: the CPU's instruction
    /// where there is one, else `softwareUpdate`.
    @inline(__always)
    public static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
        if usesHardware { return danvan_crc32c_hardware_update(crc, base, bytes.count) }
        return softwareUpdate(crc, bytes)
    }

    /// The CRC-32C of the data whose checksum is `crc`, followed by `bytes`,
    /// computed with the tables (slicing-by-8) whatever the CPU.
    ///
    /// It reads the input with unaligned 8-byte loads and the tables through a
    /// raw pointer, so it has no bounds checks and no retain/release.
    public static func softwareUpdate(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard var pointer = bytes.baseAddress, !bytes.isEmpty else { return crc }
        var remaining = bytes.count
        return table.withUnsafeBufferPointer { buffer -> UInt32 in
            guard let t = buffer.baseAddress else { return crc }
            var c = ~crc
            while remaining >= 8 {
                let word = pointer.loadUnaligned(as: UInt64.self).littleEndian
                let low = UInt32(truncatingIfNeeded: word) ^ c
                let high = UInt32(truncatingIfNeeded: word &>> 32)
                c = t[7 * 256 + Int(low & 0xFF)]
                    ^ t[6 * 256 + Int((low &>> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((low &>> 16) & 0xFF)]
                    ^ t[4 * 256 + Int(low &>> 24)]
                    ^ t[3 * 256 + Int(high & 0xFF)]
                    ^ t[2 * 256 + Int((high &>> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((high &>> 16) & 0xFF)]
                    ^ t[Int(high &>> 24)]
                pointer += 8
                remaining &-= 8
            }
            while remaining > 0 {
                let byte = pointer.load(as: UInt8.self)
                c = t[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c &>> 8)
                pointer += 1
                remaining &-= 1
            }
            return ~c
        }
    }
}
