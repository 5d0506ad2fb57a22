import DanvanClient
import DanvanJSON

#if canImport(Glibc)
import Glibc
#endif

/// `backup DIRECTORY`: the daemon's own verified copy of its log.
extension CommandRunner {
    static func backup(_ invocation: Invocation, _ session: Session) throws(CommandFailure) {
        var directory = invocation.words[0]
        if !directory.hasPrefix("/") {
            // The daemon needs an absolute path; people type relative ones.
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            guard getcwd(&buffer, buffer.count) != nil else {
                throw .input("cannot tell the current directory to make \(directory) absolute; give an absolute path")
            }
            let cwd = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            directory = cwd + (cwd.hasSuffix("/") ? "" : "/") + directory
        }
        let r = try session.call("backup", ["directory": .string(directory)])
        printer(invocation, session).single(r) {
            let verified = r["verified"]?.boolValue == true ? ", verified" : ", NOT verified"
            let segments = Cell.int(r["segments"])
            return "copied the log up to seq \(Cell.number(r["seq"])) (\(Cell.plural(segments, "segment")), "
                + "\(Cell.number(r["bytes"])) bytes) to \(Cell.text(r["directory"]))\(verified)\n"
        }
    }
}
