/// A small reader of the XML a workbook holds (SpreadsheetML parts): start tags with their
/// attributes, end tags and text, in order, entities decoded, namespace prefixes dropped
/// (`x:c` is `c`). Enough for `SheetXLSXReader`; not a validating parser (comments,
/// processing instructions and DOCTYPEs are skipped, CDATA is text).
struct XMLScanner {
    /// What the scanner meets.
    enum Event: Equatable {
        /// `<name a="1">` (also for `<name/>`, followed by its `.end`).
        case start(String, [String: String])
        /// `</name>`.
        case end(String)
        /// Text between tags, decoded.
        case text(String)
    }

    /// The events of `xml`, in order.
    static func events(_ xml: [UInt8]) -> [Event] {
        var out: [Event] = []
        var i = 0
        let n = xml.count
        var textStart = 0
        func flushText(_ end: Int) {
            if end > textStart { out.append(.text(decode(xml[textStart..<end]))) }
        }
        while i < n {
            guard xml[i] == UInt8(ascii: "<") else { i += 1; continue }
            flushText(i)
            if starts(xml, i, "<![CDATA[") {
                let close = find(xml, from: i + 9, "]]>") ?? n
                out.append(.text(String(decoding: xml[(i + 9)..<close], as: UTF8.self)))
                i = min(n, close + 3)
            } else if starts(xml, i, "<!--") {
                i = min(n, (find(xml, from: i + 4, "-->") ?? n) + 3)
            } else if i + 1 < n, xml[i + 1] == UInt8(ascii: "?") || xml[i + 1] == UInt8(ascii: "!") {
                i = min(n, (find(xml, from: i, ">") ?? n) + 1)
            } else {
                let close = tagEnd(xml, from: i + 1) ?? n
                let inner = xml[(i + 1)..<close]
                if inner.first == UInt8(ascii: "/") {
                    out.append(.end(localName(String(decoding: inner.dropFirst(), as: UTF8.self).trimmingWhitespace)))
                } else {
                    let selfClosing = inner.last == UInt8(ascii: "/")
                    let (name, attributes) = tag(selfClosing ? inner.dropLast() : inner)
                    out.append(.start(name, attributes))
                    if selfClosing { out.append(.end(name)) }
                }
                i = min(n, close + 1)
            }
            textStart = i
        }
        flushText(n)
        return out
    }

    /// The name and attributes of a start tag's inside (`c r="A1" t="s"`).
    static func tag(_ inner: ArraySlice<UInt8>) -> (String, [String: String]) {
        var attributes: [String: String] = [:]
        var i = inner.startIndex
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while i < inner.endIndex, !isSpace(inner[i]) { i += 1 }
        let name = localName(String(decoding: inner[inner.startIndex..<i], as: UTF8.self))
        while i < inner.endIndex {
            while i < inner.endIndex, isSpace(inner[i]) { i += 1 }
            let keyStart = i
            while i < inner.endIndex, inner[i] != UInt8(ascii: "="), !isSpace(inner[i]) { i += 1 }
            let key = localName(String(decoding: inner[keyStart..<i], as: UTF8.self))
            while i < inner.endIndex, inner[i] != UInt8(ascii: "\""), inner[i] != UInt8(ascii: "'") { i += 1 }
            guard i < inner.endIndex else { break }
            let quote = inner[i]
            i += 1
            let valueStart = i
            while i < inner.endIndex, inner[i] != quote { i += 1 }
            if !key.isEmpty { attributes[key] = decode(inner[valueStart..<min(i, inner.endIndex)]) }
            i += 1
        }
        return (name, attributes)
    }

    /// `x:c` as `c`.
    static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// Text with `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#N;` and `&#xH;` decoded.
    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                var scalar: Unicode.Scalar?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init)
                }
                if let scalar { out.unicodeScalars.append(scalar) } else { out += "&" + entity + ";" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }

    /// Whether `xml` has `prefix` at `i`.
    static func starts(_ xml: [UInt8], _ i: Int, _ prefix: String) -> Bool {
        let p = Array(prefix.utf8)
        return i + p.count <= xml.count && Array(xml[i..<(i + p.count)]) == p
    }

    /// The first `needle` at or after `from`.
    static func find(_ xml: [UInt8], from: Int, _ needle: String) -> Int? {
        let p = Array(needle.utf8)
        var i = from
        while i + p.count <= xml.count {
            if xml[i] == p[0], Array(xml[i..<(i + p.count)]) == p { return i }
            i += 1
        }
        return nil
    }

    /// The `>` that ends a tag, skipping quoted attribute values.
    static func tagEnd(_ xml: [UInt8], from: Int) -> Int? {
        var quote: UInt8?
        var i = from
        while i < xml.count {
            let b = xml[i]
            if let q = quote {
                if b == q { quote = nil }
            } else if b == UInt8(ascii: "\"") || b == UInt8(ascii: "'") {
                quote = b
            } else if b == UInt8(ascii: ">") {
                return i
            }
            i += 1
        }
        return nil
    }
}
