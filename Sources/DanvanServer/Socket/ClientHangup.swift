import Logging
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Tells a client that hung up from a real error, for the one log line of a connection that
/// ended.
///
/// A client that closes its socket (EOF, ECONNRESET, EPIPE, a write or flush on a channel
/// already closed because the peer left) is how every connection ends: logged at notice, it
/// buried the journal under dozens of "connection closed with error: I/O on closed channel"
/// lines per session with no real error among them. Such an end is logged at debug; any
/// other error at warning, with the client's pid and uid (`DANVAN_CLIENT_PID`,
/// `DANVAN_CLIENT_UID` in the journal) so that it can be traced to a program and a user.
enum ClientHangup {
    /// Whether `error` only says that the client went away.
    static func isHangup(_ error: any Error) -> Bool {
        if let channel = error as? ChannelError {
            switch channel {
            case .ioOnClosedChannel, .alreadyClosed, .outputClosed, .inputClosed, .eof: return true
            default: return false
            }
        }
        if let io = error as? IOError {
            return [ECONNRESET, EPIPE, ENOTCONN, ESHUTDOWN].contains(io.errnoCode)
        }
        return error is CancellationError
    }

    /// Logs once how the connection of `peer` ended: at debug for a client that left or
    /// that danvand closed for a protocol error (`too_large`, `timeout`, answered to the
    /// client already), at warning with the error for anything else.
    static func log(_ ending: ConnectionEnd, peer: PeerCredentials, logger: Logger) {
        var metadata: Logger.Metadata = ["client_pid": "\(peer.pid)", "client_uid": "\(peer.uid)"]
        switch ending {
        case .hangup:
            logger.debug("client disconnected", metadata: metadata)
        case .closedByDaemon(let code):
            metadata["code"] = "\(code)"
            logger.debug("client disconnected by danvand", metadata: metadata)
        case .failed(let error):
            metadata["error"] = "\(error)"
            logger.warning("connection closed with an error", metadata: metadata)
        }
    }
}

/// How a client connection ended, for its one log line (`ClientHangup.log`).
enum ConnectionEnd {
    /// The client closed, reset or half-closed and left: how every connection ends.
    case hangup
    /// danvand closed it after answering a protocol error (`too_large`, `timeout`).
    case closedByDaemon(String)
    /// A real error.
    case failed(any Error)
}
