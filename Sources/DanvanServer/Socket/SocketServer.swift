import DanvanDomain
import DanvanProtocol
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The Unix socket server: accepts clients and runs a `Connection` for each.
///
/// It listens on a socket it binds itself (`configuration.socketPath`, replacing a stale
/// socket file left by a dead daemon but never a live one), or on one adopted from systemd
/// (socket activation), which systemd keeps open across restarts so no client is refused.
///
/// On graceful shutdown it stops accepting, closes the read side of every connection
/// (so no new request starts), lets each connection send the replies it owes, and
/// returns once all are closed. The commit service, shut down after it, then syncs the
/// rest of the log.
public struct SocketServer: Service {
    /// Where the listening socket comes from.
    public enum Listener: Sendable, Hashable {
        /// Bind `configuration.socketPath`, and remove the socket file on exit.
        case bind
        /// Serve on an already-listening socket passed by systemd (`LISTEN_FDS`); `path` is
        /// only for the log. systemd owns the socket file: it is neither chmod-ed nor removed.
        case adopt(descriptor: CInt, path: String)
    }

    let engine: Engine
    let configuration: DaemonConfiguration
    let live: LiveConfiguration
    let listener: Listener
    let group: MultiThreadedEventLoopGroup
    let pool: NIOThreadPool
    let logger: Logger
    let onListening: @Sendable (String) -> Void

    /// Creates the server. Limits (`max_line_bytes`, `max_batch_events`, `max_connections`)
    /// are read from `live` for each new connection, so a reload changes them at run time.
    public init(
        engine: Engine, configuration: DaemonConfiguration, group: MultiThreadedEventLoopGroup,
        pool: NIOThreadPool, logger: Logger, listener: Listener = .bind, live: LiveConfiguration? = nil,
        onListening: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.engine = engine
        self.configuration = configuration
        self.live = live ?? LiveConfiguration(configuration)
        self.listener = listener
        self.group = group
        self.pool = pool
        self.logger = logger
        self.onListening = onListening
    }

    public func run() async throws {
        let live = self.live
        let clients = LiveChannels()
        let initializer: @Sendable (Channel) -> EventLoopFuture<Accepted> = { channel in
            PeerCredentials.of(channel).flatMapThrowing { peer in
                let limits = live.current
                if limits.lineTimeout > 0 {
                    try channel.pipeline.syncOperations.addHandler(PartialLineTimer(timeout: .seconds(Int64(limits.lineTimeout))))
                }
                try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineDecoder(maxLength: limits.maxLineBytes)))
                let immediate = ImmediateReplies()
                try channel.pipeline.syncOperations.addHandler(immediate)
                let asyncChannel = try NIOAsyncChannel<DecodedLine, ByteBuffer>(
                    wrappingChannelSynchronously: channel,
                    configuration: .init(isOutboundHalfClosureEnabled: true))
                return Accepted(channel: asyncChannel, peer: peer, immediate: NIOLoopBound(immediate, eventLoop: channel.eventLoop))
            }
        }
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
        let server: NIOAsyncChannel<Accepted, Never>
        let path: String
        switch listener {
        case .bind:
            path = configuration.socketPath
            try StaleSocket.removeIfDead(path)
            do {
                server = try await bootstrap.bind(unixDomainSocketPath: path, cleanupExistingSocketFile: false, childChannelInitializer: initializer)
            } catch let error as IOError {
                throw StartupProblem.bindFailed(path: path, errno: error.errnoCode)
            } catch SocketAddressError.unixDomainSocketPathTooLong {
                throw StartupProblem.socketPathTooLong(path: path)
            }
            chmod(path, mode_t(configuration.socketMode))
            logger.info("listening", metadata: ["socket": "\(path)"])
        case .adopt(let descriptor, let adoptedPath):
            path = adoptedPath
            server = try await bootstrap.bind(descriptor, childChannelInitializer: initializer)
            logger.info("listening on the socket passed by systemd", metadata: ["socket": "\(path)", "fd": "\(descriptor)"])
        }
        onListening(path)
        try await withGracefulShutdownHandler {
            try await server.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { tasks in
                    for try await accepted in inbound {
                        let (channel, peer) = (accepted.channel, accepted.peer)
                        let limits = live.current
                        if clients.count >= limits.maxConnections {
                            logger.warning("refusing a client: max_connections reached", metadata: [
                                "max_connections": "\(limits.maxConnections)", "client_uid": "\(peer.uid)", "client_pid": "\(peer.pid)",
                            ])
                            // One error line, then close: the client learns why. The async
                            // channel must be run and closed (never just dropped).
                            var line: [UInt8] = []
                            Reply.error(id: .null, ProtocolError(
                                .tooLarge, "danvand serves at most \(limits.maxConnections) clients at once; retry later",
                                details: ["limit": .int(limits.maxConnections)]), into: &line)
                            let refusal = line
                            tasks.addTask {
                                try? await channel.executeThenClose { _, outbound in
                                    try await outbound.write(ByteBuffer(bytes: refusal))
                                    try await channel.flushedWrites()
                                    outbound.finish()
                                }
                            }
                            continue
                        }
                        logger.debug("client connected", metadata: ["client_uid": "\(peer.uid)", "client_pid": "\(peer.pid)"])
                        let actor = peer.actor
                        let role = limits.access.role(uid: peer.uid, gid: peer.gid)
                        let handler = RequestHandler(engine: engine, pool: pool, configuration: limits, peer: peer, actor: actor, role: role)
                        let id = clients.insert(channel.channel)
                        let immediate = accepted.immediate
                        let service = handler.immediateService
                        channel.channel.eventLoop.execute { immediate.value.serve(service) }
                        tasks.addTask {
                            await Connection(channel: channel, handler: handler, logger: logger, maxSubscriberLag: UInt64(limits.maxSubscriberLag), maxInFlight: limits.maxInFlight).run()
                            clients.remove(id)
                        }
                    }
                }
            }
        } onGracefulShutdown: {
            logger.info("closing the socket and finishing client replies")
            server.channel.close(promise: nil)
            clients.closeInputs()
            engine.feed.finishAll()
            // A client that stopped reading cannot hold the daemon up: whatever is still
            // open after the grace period is closed.
            clients.closeAll(after: .seconds(2))
        }
        if listener == .bind { unlink(path) }
    }
}

/// A socket file left by a daemon that died is removed; a live one is never touched, nor is
/// anything that is not a socket.
public enum StaleSocket {
    /// Why `path` cannot be bound now: another process listens there, or it is not a
    /// socket. Nil when nothing is there or only a dead socket, which `removeIfDead` removes.
    static func problem(at path: String) -> StartupProblem? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        guard (st.st_mode & S_IFMT) == S_IFSOCK else { return .notASocket(path: path) }
        return isListening(path) ? .socketInUse(path: path) : nil
    }

    /// Removes a socket file no process listens on, so that `path` can be bound again.
    static func removeIfDead(_ path: String) throws(StartupProblem) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        if let problem = problem(at: path) { throw problem }
        unlink(path)
    }

    private static func isListening(_ path: String) -> Bool {
        let bytes = Array(path.utf8)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (i, b) in bytes.enumerated() { buffer[i] = b }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        return connected == 0
    }
}
