import DanvanLogTestSupport
import Logging
import NIOCore
import Testing

@testable import DanvanServer

#if canImport(Glibc)
import Glibc
#endif

/// A client that hangs up is not an error; a real error is logged with who the client was.
@Suite struct ClientHangupTests {
    private let peer = PeerCredentials(pid: 4242, uid: 1000, gid: 1000)

    @Test(arguments: [
        ChannelError.ioOnClosedChannel, ChannelError.eof, ChannelError.alreadyClosed, ChannelError.outputClosed,
        ChannelError.inputClosed,
    ])
    func aClosedChannelIsAHangup(_ error: ChannelError) {
        #expect(ClientHangup.isHangup(error))
    }

    @Test(arguments: [ECONNRESET, EPIPE, ENOTCONN, ESHUTDOWN])
    func aPeerThatLeftIsAHangup(_ errno: Int32) {
        #expect(ClientHangup.isHangup(IOError(errnoCode: errno, reason: "write")))
    }

    @Test func otherErrorsAreNot() {
        #expect(!ClientHangup.isHangup(IOError(errnoCode: EBADF, reason: "write")))
        #expect(!ClientHangup.isHangup(IOError(errnoCode: ENOMEM, reason: "read")))
        #expect(!ClientHangup.isHangup(ChannelError.operationUnsupported))
        #expect(!ClientHangup.isHangup(StartupProblem.socketInUse(path: "/x")))
    }

    /// One line per connection: a client that left, or that danvand closed for a protocol
    /// error it answered, at debug with no error text; a real error at warning with the client.
    @Test func eachEndingIsOneLineAtItsLevel() {
        let box = LogLines()
        let logger = Logger(label: "test") { _ in CollectingLogHandler(box: box) }
        ClientHangup.log(.hangup, peer: peer, logger: logger)
        ClientHangup.log(.closedByDaemon("timeout"), peer: peer, logger: logger)
        ClientHangup.log(.failed(IOError(errnoCode: ENOMEM, reason: "read")), peer: peer, logger: logger)
        #expect(box.all.count == 3)
        #expect(box.all[0] == "debug client disconnected client_pid=4242 client_uid=1000", "\(box.all)")
        #expect(box.all[1] == "debug client disconnected by danvand client_pid=4242 client_uid=1000 code=timeout", "\(box.all)")
        #expect(box.all[2].hasPrefix("warning connection closed with an error client_pid=4242 client_uid=1000 error="), "\(box.all)")
    }
}
