import CEditLine
import DanvanClient

#if canImport(Glibc)
import Glibc
#endif

/// Line editing for the interactive shell through libedit: emacs keys, history with the
/// arrow keys (kept in a file across sessions), and Tab bound to a `Completer`.
///
/// libedit calls back into C function pointers that cannot capture Swift state; the
/// editor passes itself as libedit's client data and the callbacks find it there.
/// Characters are read by our own function (EL_GETCFN) so that Ctrl-C while typing
/// abandons the line and gives a fresh prompt instead of ending the program.
final class LineEditor {
    /// What `readLine` got.
    enum Input: Equatable {
        /// A line (without its newline).
        case line(String)
        /// Ctrl-C: the line was abandoned.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal went away.
        case end
    }

    private let editor: OpaquePointer
    private let history: OpaquePointer
    private let historyPath: String?
    private var prompt: [CChar] = [0]
    /// Tab's logic.
    var complete: (String) -> Completion = { _ in .none }

    /// An editor for the terminal on stdin/stdout, with its history in `historyPath`.
    init?(program: String, historyPath: String?) {
        guard let e = danvan_el_init(program), let h = history_init() else { return nil }
        editor = e
        history = h
        self.historyPath = historyPath
        _ = danvan_history_set_size(h, 1000)
        _ = danvan_history_set_unique(h, 1)
        if let historyPath { _ = danvan_history_load(h, historyPath) }
        _ = danvan_el_set_editor(e, "emacs")
        _ = danvan_el_set_history(e, h)
        _ = danvan_el_set_signal(e, 1)
        _ = danvan_el_set_clientdata(e, Unmanaged.passUnretained(self).toOpaque())
        _ = danvan_el_set_prompt(e, { e in
            guard let e, let me = LineEditor.from(e) else { return nil }
            return me.prompt.withUnsafeMutableBufferPointer { $0.baseAddress }
        })
        _ = danvan_el_set_getc(e, { e, out in
            guard let e, let out, let me = LineEditor.from(e) else { return -1 }
            return me.readCharacter(into: out)
        })
        _ = danvan_el_add_function(e, "danvan-complete", "Complete a command, flag, unit or value", { e, _ in
            guard let e, let me = LineEditor.from(e) else { return UInt8(CC_ERROR) }
            return me.completeAtCursor()
        })
        _ = danvan_el_bind(e, "^I", "danvan-complete")
        _ = danvan_el_source_editrc(e)
    }

    deinit {
        el_end(editor)
        history_end(history)
    }

    private static func from(_ e: OpaquePointer) -> LineEditor? {
        guard let data = danvan_el_clientdata(e) else { return nil }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
    }

    /// Reads a line after showing `prompt`.
    func readLine(prompt text: String) -> Input {
        prompt = Array(text.utf8CString)
        Interrupt.clear()
        var count: Int32 = 0
        guard let raw = el_gets(editor, &count) else {
            if Interrupt.isSet {
                Terminal.write("^C\n", to: 1)
                Interrupt.clear()
                return .interrupted
            }
            return .end
        }
        var line = String(cString: raw)
        while let last = line.last, last.isNewline { line.removeLast() }
        return .line(line)
    }

    /// Adds a line to the history and saves the history file (so a killed shell keeps it).
    func remember(_ line: String) {
        _ = danvan_history_enter(history, line)
        if let historyPath { _ = danvan_history_save(history, historyPath) }
    }

    /// libedit's character reader: waits for stdin in slices so Ctrl-C and window
    /// resizes are seen, then decodes one UTF-8 character into a wide character.
    private func readCharacter(into out: UnsafeMutablePointer<wchar_t>) -> Int32 {
        while true {
            if Interrupt.isSet {
                errno = EINTR
                return -1
            }
            if Interrupt.takeResize() { el_resize(editor) }
            var p = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, 100)
            if ready < 0, errno != EINTR { return -1 }
            if ready <= 0 { continue }
            var byte: UInt8 = 0
            let n = read(0, &byte, 1)
            if n == 0 { return 0 }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return -1
            }
            var scalar = UInt32(byte)
            var more = 0
            switch byte {
            case 0xC0...0xDF: scalar = UInt32(byte & 0x1F); more = 1
            case 0xE0...0xEF: scalar = UInt32(byte & 0x0F); more = 2
            case 0xF0...0xF7: scalar = UInt32(byte & 0x07); more = 3
            default: break
            }
            while more > 0 {
                var next: UInt8 = 0
                let m = read(0, &next, 1)
                if m < 0, errno == EINTR { continue }
                guard m == 1, next & 0xC0 == 0x80 else { scalar = 0xFFFD; break }
                scalar = scalar << 6 | UInt32(next & 0x3F)
                more -= 1
            }
            out.pointee = wchar_t(bitPattern: scalar)
            return 1
        }
    }

    /// Tab: asks the completer about the text before the cursor, edits the line, and
    /// lists candidates under it when there are several.
    private func completeAtCursor() -> UInt8 {
        var length: Int32 = 0
        guard let buffer = danvan_el_line_before_cursor(editor, &length) else { return UInt8(CC_ERROR) }
        let before = String(decoding: UnsafeRawBufferPointer(start: buffer, count: Int(length)), as: UTF8.self)
        let c = complete(before)
        if c.replace > 0 { el_deletestr(editor, Int32(c.replace)) }
        if !c.insertion.isEmpty { _ = el_insertstr(editor, c.insertion) }
        if !c.listing.isEmpty {
            Terminal.write("\n" + Self.columns(c.listing, width: Terminal.columns(1) ?? 80), to: 1)
            return UInt8(CC_REDISPLAY)
        }
        if c.replace == 0 && c.insertion.isEmpty {
            el_beep(editor)
            return UInt8(CC_NORM)
        }
        return UInt8(CC_REFRESH)
    }

    /// Candidates in as many columns as fit, filled down then across, as shells list them.
    static func columns(_ items: [String], width: Int) -> String {
        let cell = (items.map { DisplayWidth.of($0) }.max() ?? 0) + 2
        let perLine = max(1, width / max(cell, 1))
        let rows = (items.count + perLine - 1) / perLine
        var out = ""
        for r in 0..<rows {
            var line = ""
            for c in 0..<perLine {
                let i = c * rows + r
                guard i < items.count else { break }
                line += DisplayWidth.pad(items[i], to: cell)
            }
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
