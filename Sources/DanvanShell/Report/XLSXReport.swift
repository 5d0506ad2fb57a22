import Foundation
import ZIPFoundation

/// A report as an Office Open XML workbook (`.xlsx`): one sheet per table (the first,
/// `report`, saying what it covers), headings bold in a frozen first row, figures as numbers
/// (exact digits as the daemon wrote them), rates as fractions with a percentage format, days
/// as dates shown dd/mm/yyyy. The parts are written by hand (`XLSXParts`) and zipped with
/// ZIPFoundation, in memory.
enum XLSXReport {
    /// The workbook's bytes.
    static func data(_ report: Report) throws(CommandFailure) -> Data {
        let tables = [report.aboutTable] + report.tables
        var parts: [(String, String)] = [
            ("[Content_Types].xml", XLSXParts.contentTypes(sheets: tables.count)),
            ("_rels/.rels", XLSXParts.rootRelationships),
            ("xl/workbook.xml", XLSXParts.workbook(names: tables.map { sheetName($0.name) })),
            ("xl/_rels/workbook.xml.rels", XLSXParts.workbookRelationships(sheets: tables.count)),
            ("xl/styles.xml", XLSXParts.styles),
        ]
        for (i, table) in tables.enumerated() {
            parts.append(("xl/worksheets/sheet\(i + 1).xml", XLSXParts.sheet(table)))
        }
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            // A fixed time, so the same report gives the same bytes.
            let stamp = Date(timeIntervalSince1970: 1_577_836_800)
            for (path, text) in parts {
                let bytes = Data(text.utf8)
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: stamp,
                                     compressionMethod: .deflate) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw CommandFailure(.input, "xlsx: the workbook could not be made") }
            return data
        } catch let failure as CommandFailure {
            throw failure
        } catch {
            throw CommandFailure(.input, "xlsx: the workbook could not be made: \(error)")
        }
    }

    /// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ name: String) -> String {
        String(name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
    }
}
