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

    @Test func aHangupIsLoggedAtDebugAndARealErrorAtWarningWithTheClient() {
        let box = LogLines()
        let logger = Logger(label: "test") { _ in CollectingLogHandler(box: box) }
        ClientHangup.log(ChannelError.ioOnClosedChannel, during: "closed", peer: peer, logger: logger)
        ClientHangup.log(IOError(errnoCode: ENOMEM, reason: "read"), during: "read ended", peer: peer, logger: logger)
        #expect(box.all.count == 2)
        #expect(box.all.first?.hasPrefix("debug client disconnected client_pid=4242 client_uid=1000") == true, "\(box.all)")
        #expect(box.all.last?.hasPrefix("warning connection read ended with an error client_pid=4242 client_uid=1000 error=") == true, "\(box.all)")
    }
}
