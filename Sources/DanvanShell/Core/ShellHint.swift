import DanvanProtocol

/// The one place where a server error becomes what danvanctl tells a person to do: the
/// protocol's messages name protocol terms ("list units with the 'units' projection"),
/// right for protocol clients and wrong for someone at the shell, who lists units with
/// the `units` command. Keyed on the error's code and details, never on its message,
/// which is for people and may change; an error it has no hint for keeps the message.
enum ShellHint {
    /// The shell's sentence for `e`, or nil to keep the protocol's message.
    static func message(for e: ProtocolError) -> String? {
        guard e.code == .notFound, let given = e.details["given"]?.stringValue else { return nil }
        switch e.details["missing"]?.stringValue {
        case "unit":
            return "no unit has the code or name '\(given)'; list every unit with its code with 'tree' (or 'tree PARENT', "
                + "e.g. tree LC), or press Tab after a few letters of the name in the shell"
        case "campaign":
            return "no campaign '\(given)'; list them with 'campaigns' (or 'campaigns UNIT')"
        default:
            return nil
        }
    }
}
