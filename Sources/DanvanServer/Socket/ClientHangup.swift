import Logging
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Tells a client that hung up from a real error, for the log of a connection that ended.
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

    /// Logs how the connection of `peer` ended (`during`: "closed", "read ended").
    static func log(_ error: any Error, during: String, peer: PeerCredentials, logger: Logger) {
        let metadata: Logger.Metadata = [
            "client_pid": "\(peer.pid)", "client_uid": "\(peer.uid)", "error": "\(error)",
        ]
        if isHangup(error) {
            logger.debug("client disconnected", metadata: metadata)
        } else {
            logger.warning("connection \(during) with an error", metadata: metadata)
        }
    }
}
