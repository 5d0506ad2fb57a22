import DanvanClient
import DanvanJSON
import DanvanProtocol

/// What one run of danvanctl shares between commands: the socket, the connection
/// (opened on first use, dropped after a failure or a Ctrl-C and reopened by the next
/// command), the output format and stream, and caches used by Tab completion.
public final class Session {
    /// The socket path and why it was chosen.
    public let socket: (path: String, origin: SocketPath.Origin)
    /// The format asked for with `--output` or `\output`, if any.
    public var chosenFormat: OutputFormat?
    /// How typed numbers are read (`--numbers`, `\numbers`): plain unless asked.
    public var numbers = NumberReader()
    /// The language of reports (`report --lang` overrides it): Vietnamese when the locale is
    /// (`ReportLanguage.from(environment:)`), English otherwise.
    public var language = ReportLanguage.en
    /// Whether stdout is a terminal (tables by default, colours never).
    public let stdoutIsTerminal: Bool
    /// Whether stderr is a terminal (progress bars).
    public let stderrIsTerminal: Bool
    /// Whether Ctrl-C cancels (shell, follow, import) rather than kills; the caller
    /// installs `Interrupt` first.
    public var cancellable = false {
        didSet { connection?.cancellation = cancellable ? { Interrupt.isSet } : nil }
    }
    /// Whether this is the interactive shell (help lists its meta-commands).
    public var isShell = false
    /// Where results go.
    public let out: OutputStream
    private var connection: DanvanConnection?
    /// Units known to the daemon, fetched for completion; nil until needed.
    var unitDirectory: UnitDirectory?
    /// Campaign ids, fetched for completion.
    var campaignIDs: [String]?
    /// The daemon's catalogue, fetched for `append`.
    var schema: JSONValue?

    /// A session on `socket`.
    public init(socket: (path: String, origin: SocketPath.Origin), format: OutputFormat?, out: OutputStream = OutputStream(),
                stdoutIsTerminal: Bool = Terminal.isTerminal(1), stderrIsTerminal: Bool = Terminal.isTerminal(2)) {
        self.socket = socket
        self.chosenFormat = format
        self.out = out
        self.stdoutIsTerminal = stdoutIsTerminal
        self.stderrIsTerminal = stderrIsTerminal
    }

    /// The format for a command: its own `--output`, else the session's, else `fallback`
    /// (for export and follow) or the terminal default.
    func format(for invocation: Invocation, fallback: OutputFormat? = nil) -> OutputFormat {
        invocation.output ?? chosenFormat ?? fallback ?? OutputFormat.defaultFor(stdoutIsTerminal: stdoutIsTerminal)
    }

    /// The open connection, connecting first if needed.
    func connect() throws(CommandFailure) -> DanvanConnection {
        if let connection { return connection }
        do {
            let c = try DanvanConnection(path: socket.path)
            if cancellable { c.cancellation = { Interrupt.isSet } }
            connection = c
            return c
        } catch {
            var failure = CommandFailure.from(error)
            if socket.origin == .local {
                failure.message += " (\(SocketPath.system) does not exist, so the local default was tried)"
            }
            throw failure
        }
    }

    /// Sends a request and returns its reply, whether success or error. A connection that
    /// failed or was cancelled is dropped, so the next command starts clean.
    ///
    /// A connection kept from an earlier command may have been closed by a daemon that
    /// restarted since (`systemctl restart danvand` under an open shell): a request that
    /// finds it dead is sent once more on a new connection, except `append`, which is
    /// never sent twice behind the person's back.
    func request(_ op: String, _ params: JSONObject = JSONObject()) throws(CommandFailure) -> Reply.Parsed {
        let reused = connection != nil
        let c = try connect()
        do {
            return try c.request(op, params)
        } catch {
            connection = nil
            guard reused, op != "append", Self.isStale(error) else { throw CommandFailure.from(error) }
        }
        let fresh = try connect()
        do {
            return try fresh.request(op, params)
        } catch {
            connection = nil
            throw CommandFailure.from(error)
        }
    }

    /// Sends a request whose reply matters more than a first Ctrl-C: `import`'s batch, which
    /// the daemon may store whether or not we wait. The first Ctrl-C calls `firstInterrupt`
    /// (to say so) and the wait goes on, so the reply is counted; only a second one abandons
    /// it (thrown as cancelled). Never resent on a fresh connection: it is an `append`.
    func requestFinishing(_ op: String, _ params: JSONObject, firstInterrupt: @escaping () -> Void) throws(CommandFailure) -> Reply.Parsed {
        let c = try connect()
        var told = false
        c.cancellation = {
            if Interrupt.count >= 2 { return true }
            if Interrupt.count == 1, !told {
                told = true
                firstInterrupt()
            }
            return false
        }
        defer { c.cancellation = cancellable ? { Interrupt.isSet } : nil }
        do {
            return try c.request(op, params)
        } catch {
            connection = nil
            throw CommandFailure.from(error)
        }
    }

    /// Whether an error means the connection was already dead when the request was sent.
    static func isStale(_ error: ClientError) -> Bool {
        switch error {
        case .broken, .closed: return true
        default: return false
        }
    }

    /// Sends a request and returns its result; an error reply becomes a server failure.
    func call(_ op: String, _ params: JSONObject = JSONObject()) throws(CommandFailure) -> JSONValue {
        let reply = try request(op, params)
        switch reply.outcome {
        case .success(let result):
            return result
        case .failure(let error):
            var names: [String: String] = [:]
            if error.code == .ambiguous {
                // Name the candidates' parents, not just their codes.
                if unitDirectory == nil { unitDirectory = try? UnitDirectory.fetch(self) }
                names = unitDirectory?.namesByCode ?? [:]
            }
            throw CommandFailure(.server, CommandFailure.serverMessage(error, parentNames: names), serverError: error)
        }
    }

    /// Sends a request line as given and returns the raw reply line.
    func rawExchange(_ line: [UInt8]) throws(CommandFailure) -> [UInt8] {
        let c = try connect()
        do throws(ClientError) {
            try c.send(line + [UInt8(ascii: "\n")])
            guard let reply = try c.readLine() else { throw ClientError.closed(path: socket.path) }
            return reply
        } catch {
            connection = nil
            throw CommandFailure.from(error)
        }
    }

    /// Opens a `subscribe` stream and hands each event to `each` until the daemon ends
    /// the subscription with an error line (returned, e.g. `too_slow`), the connection
    /// breaks (thrown), or Ctrl-C (thrown as cancelled). The connection is dropped after,
    /// since it is no longer in step with request ids.
    func subscribe(_ params: JSONObject, each: (JSONValue) -> Void) throws(CommandFailure) -> ProtocolError {
        let c = try connect()
        defer { connection = nil }
        do throws(ClientError) {
            var request = JSONObject()
            request.members.append(("id", "follow"))
            request.members.append(("op", "subscribe"))
            request.members.append(contentsOf: params.members)
            try c.send(JSONWriter.bytes(.object(request)) + [UInt8(ascii: "\n")])
            guard let ack = try c.readLine() else { throw ClientError.closed(path: socket.path) }
            guard let parsed = try? Reply.parse(ack) else { throw ClientError.badReply(String(decoding: ack, as: UTF8.self)) }
            if case .failure(let e) = parsed.outcome { throw ClientError.server(e) }
            while let line = try c.readLine() {
                guard let value = try? JSONParser.parse(line) else { throw ClientError.badReply(String(decoding: line, as: UTF8.self)) }
                if let event = value["event"] {
                    each(event)
                } else if value["ok"]?.boolValue == false, let reply = try? Reply.parse(line), case .failure(let e) = reply.outcome {
                    return e
                }
            }
            throw ClientError.closed(path: socket.path)
        } catch {
            throw CommandFailure.from(error)
        }
    }

    /// A `query` of `projection` with `params`.
    func query(_ projection: String, _ params: JSONObject = JSONObject()) throws(CommandFailure) -> JSONValue {
        var p = JSONObject()
        p.members.append(("projection", .string(projection)))
        p.members.append(contentsOf: params.members)
        return try call("query", p)
    }

    /// Drops the connection (after Ctrl-C, or to pick up a restarted daemon).
    func disconnect() { connection = nil }

    /// Forgets what completion cached, after commands that change the data.
    func invalidateCaches() {
        unitDirectory = nil
        campaignIDs = nil
    }
}
