import DanvanDomain
import Foundation
import ZIPFoundation

/// Reads one sheet of an Office Open XML workbook (`.xlsx`): the first sheet, or the one
/// `--sheet` names. Shared and inline strings become text; numeric cells keep the digits the
/// workbook stores (`1234.5`, a day as its serial, `45291`), marked as numbers so
/// `SheetRowReader` reads them plainly whatever the sheet's locale showed.
enum SheetXLSXReader {
    /// The table of the sheet `name` (nil: the first) of the workbook in `data`.
    static func read(_ data: Data, sheet name: String?, file: String) throws(CommandFailure) -> SheetTable {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw .input("\(file) is not an xlsx workbook (not a zip archive): \(error)")
        }
        func part(_ path: String) throws(CommandFailure) -> [UInt8]? {
            guard let entry = archive[path] else { return nil }
            var bytes: [UInt8] = []
            do {
                _ = try archive.extract(entry, skipCRC32: false) { chunk in bytes.append(contentsOf: chunk) }
            } catch {
                throw .input("\(file): its part \(path) cannot be read: \(error)")
            }
            return bytes
        }
        guard let workbook = try part("xl/workbook.xml") else { throw .input("\(file) is not an xlsx workbook (it has no xl/workbook.xml)") }
        var sheets: [(name: String, id: String)] = []
        for case .start("sheet", let a) in XMLScanner.events(workbook) {
            sheets.append((a["name"] ?? "", a["id"] ?? ""))
        }
        guard !sheets.isEmpty else { throw .input("\(file) has no sheet") }
        let chosen: (name: String, id: String)
        if let name {
            guard let found = sheets.first(where: { $0.name == name }) ?? sheets.first(where: { Text.fold($0.name) == Text.fold(name) }) else {
                throw .input("\(file) has no sheet '\(name)'; its sheets are \(sheets.map { "'\($0.name)'" }.joined(separator: ", "))")
            }
            chosen = found
        } else {
            chosen = sheets[0]
        }
        var target = "xl/worksheets/sheet1.xml"
        if let rels = try part("xl/_rels/workbook.xml.rels") {
            for case .start("Relationship", let a) in XMLScanner.events(rels) where a["Id"] == chosen.id {
                if let t = a["Target"] { target = t.hasPrefix("/") ? String(t.dropFirst()) : "xl/" + t }
            }
        }
        let shared = try part("xl/sharedStrings.xml").map(sharedStrings) ?? []
        guard let sheetXML = try part(target) else { throw .input("\(file): the sheet '\(chosen.name)' has no part \(target)") }
        var found = table(XMLScanner.events(sheetXML), shared: shared)
        found.sheet = chosen.name
        return found
    }

    /// The shared strings, in order (a rich string's runs joined; phonetic runs left out).
    static func sharedStrings(_ xml: [UInt8]) -> [String] {
        var out: [String] = []
        var current = "", inText = false, phonetic = false
        for event in XMLScanner.events(xml) {
            switch event {
            case .start("si", _): current = ""
            case .end("si"): out.append(current)
            case .start("rPh", _): phonetic = true
            case .end("rPh"): phonetic = false
            case .start("t", _): inText = true
            case .end("t"): inText = false
            case .text(let t) where inText && !phonetic: current += t
            default: break
            }
        }
        return out
    }

    /// The rows of a worksheet, the first holding anything being the header.
    static func table(_ events: [XMLScanner.Event], shared: [String]) -> SheetTable {
        var rows: [(Int, [Int: SheetTable.Cell])] = []
        var rowNumber = 0, cells: [Int: SheetTable.Cell] = [:]
        var column = 0, type = "", value = "", inValue = false, inText = false, nextColumn = 0
        for event in events {
            switch event {
            case .start("row", let a):
                rowNumber = a["r"].flatMap { Int($0) } ?? rowNumber + 1
                cells = [:]
                nextColumn = 0
            case .end("row"):
                rows.append((rowNumber, cells))
            case .start("c", let a):
                column = a["r"].flatMap(columnIndex) ?? nextColumn
                type = a["t"] ?? "n"
                value = ""
            case .end("c"):
                nextColumn = column + 1
                let cell: SheetTable.Cell
                switch type {
                case "s": cell = .init(text: Int(value.trimmingWhitespace).flatMap { $0 < shared.count ? shared[$0] : nil } ?? "")
                case "b": cell = .init(text: value == "1" ? "TRUE" : "FALSE")
                case "inlineStr", "str", "e": cell = .init(text: value)
                default: cell = .init(text: value.trimmingWhitespace, isNumber: !value.trimmingWhitespace.isEmpty)
                }
                if !cell.text.isEmpty { cells[column] = cell }
            case .start("v", _): inValue = true
            case .end("v"): inValue = false
            case .start("t", _): inText = true
            case .end("t"): inText = false
            case .text(let t) where inValue || inText: value += t
            default: break
            }
        }
        let filled = rows.filter { !$0.1.isEmpty }
        guard let first = filled.first else { return SheetTable(sheet: nil, header: [], rows: []) }
        let width = (filled.flatMap { $0.1.keys }.max() ?? 0) + 1
        func line(_ cells: [Int: SheetTable.Cell]) -> [SheetTable.Cell] { (0..<width).map { cells[$0] ?? .init(text: "") } }
        return SheetTable(
            sheet: nil, header: line(first.1).map(\.text.trimmingWhitespace),
            rows: filled.dropFirst().map { SheetTable.Row(number: $0.0, cells: line($0.1)) })
    }

    /// 0 for "A1", 26 for "AA7"; nil when the reference has no letters.
    static func columnIndex(_ reference: String) -> Int? {
        var n = 0, any = false
        for c in reference.unicodeScalars {
            guard c.value >= 65, c.value <= 90 else { break }
            n = n * 26 + Int(c.value - 64)
            any = true
        }
        return any ? n - 1 : nil
    }
}
