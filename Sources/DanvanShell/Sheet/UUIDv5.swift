/// Name-based UUIDs, version 5 (RFC 9562 §5.5: SHA-1 of a namespace and a name), which make
/// an imported row's event id: the same row of the same sheet always has the same id, so the
/// daemon stores it once however often the sheet is imported.
enum UUIDv5 {
    /// The namespace of danvan's sheet rows (itself a v5 UUID of "danvan import-sheet" in the URL namespace).
    static let sheetRows: [UInt8] = [0x5b, 0x2e, 0x6f, 0x4a, 0x1c, 0x3d, 0x5e, 0x8f, 0x9a, 0x0b, 0x7c, 0x6d, 0x5e, 0x4f, 0x3a, 0x2b]

    /// The UUID of `name` in `namespace`, as lower-case text with dashes.
    static func make(namespace: [UInt8] = sheetRows, name: String) -> String {
        var digest = SHA1.hash(namespace + Array(name.utf8))
        digest[6] = (digest[6] & 0x0F) | 0x50
        digest[8] = (digest[8] & 0x3F) | 0x80
        let hex = digest.prefix(16).map { b in String(b, radix: 16).count == 1 ? "0" + String(b, radix: 16) : String(b, radix: 16) }.joined()
        let h = Array(hex)
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-" + String(h[16..<20]) + "-" + String(h[20..<32])
    }
}
