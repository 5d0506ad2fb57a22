import DanvanDomain
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
/// On graceful shutdown it stops accepting, closes the read side of every connection
/// (so no new request starts), lets each connection send the replies it owes, and
/// returns once all are closed. The commit service, shut down after it, then syncs the
/// rest of the log.
public struct SocketServer: Service {
    let engine: Engine
    let configuration: DaemonConfiguration
    let group: MultiThreadedEventLoopGroup
    let pool: NIOThreadPool
    let logger: Logger
    let onListening: @Sendable (String) -> Void

    /// Creates the server.
    public init(
        engine: Engine, configuration: DaemonConfiguration, group: MultiThreadedEventLoopGroup,
        pool: NIOThreadPool, logger: Logger, onListening: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.engine = engine
        self.configuration = configuration
        self.group = group
        self.pool = pool
        self.logger = logger
        self.onListening = onListening
    }

    public func run() async throws {
        let path = configuration.socketPath
        try StaleSocket.removeIfDead(path)
        let maxLine = configuration.maxLineBytes
        let live = LiveChannels()
        let server = try await ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .childChannelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
            .bind(unixDomainSocketPath: path, cleanupExistingSocketFile: false) { channel in
                PeerCredentials.of(channel).flatMapThrowing { peer in
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineDecoder(maxLength: maxLine)))
                    let asyncChannel = try NIOAsyncChannel<ByteBuffer, ByteBuffer>(
                        wrappingChannelSynchronously: channel,
                        configuration: .init(isOutboundHalfClosureEnabled: true))
                    return (asyncChannel, peer)
                }
            }
        chmod(path, mode_t(configuration.socketMode))
        logger.info("listening", metadata: ["socket": "\(path)"])
        onListening(path)
        try await withGracefulShutdownHandler {
            try await server.executeThenClose { inbound in
                try await withThrowingDiscardingTaskGroup { tasks in
                    for try await (channel, peer) in inbound {
                        if live.count >= configuration.maxConnections {
                            channel.channel.close(promise: nil)
                            continue
                        }
                        let actor = peer.actor
                        let handler = RequestHandler(engine: engine, pool: pool, configuration: configuration, peer: peer, actor: actor)
                        let id = live.insert(channel.channel)
                        tasks.addTask {
                            await Connection(channel: channel, handler: handler, logger: logger).run()
                            live.remove(id)
                        }
                    }
                }
            }
        } onGracefulShutdown: {
            logger.info("closing the socket and finishing client replies")
            server.channel.close(promise: nil)
            live.closeInputs()
        }
        unlink(path)
    }
}

/// The open client channels, so that shutdown can close their inputs.
final class LiveChannels: Sendable {
    private let channels = Mutex<(next: Int, open: [Int: Channel], closing: Bool)>((0, [:], false))

    var count: Int { channels.withLock { $0.open.count } }

    func insert(_ channel: Channel) -> Int {
        channels.withLock { state in
            let id = state.next
            state.next += 1
            state.open[id] = channel
            if state.closing { channel.close(mode: .input, promise: nil) }
            return id
        }
    }

    func remove(_ id: Int) {
        _ = channels.withLock { $0.open.removeValue(forKey: id) }
    }

    func closeInputs() {
        channels.withLock { state in
            state.closing = true
            for channel in state.open.values { channel.close(mode: .input, promise: nil) }
        }
    }
}

/// A socket file left by a daemon that died is removed; a live one is never touched.
public enum StaleSocket {
    /// Another process listens on the socket path.
    public struct InUse: Error, CustomStringConvertible {
        let path: String
        public var description: String {
            "another process is listening on \(path); stop it or choose another --socket"
        }
    }

    static func removeIfDead(_ path: String) throws {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        guard (st.st_mode & S_IFMT) == S_IFSOCK else {
            throw InUse(path: path)
        }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (i, b) in bytes.enumerated() { buffer[i] = b }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        if connected == 0 { throw InUse(path: path) }
        unlink(path)
    }
}
