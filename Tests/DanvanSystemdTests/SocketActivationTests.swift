import Testing

@testable import DanvanSystemd

#if canImport(Glibc)
import Glibc
#endif

/// Which passed descriptor danvand serves on, and the `sd_is_socket_unix` check on it.
@Suite struct SocketActivationTests {
    typealias Passed = SocketActivation.PassedSocket

    @Test func oneDescriptorIsTakenWhateverItsName() throws {
        let chosen = try SocketActivation.choose(from: [Passed(descriptor: 3, name: "danvand.socket")], preferredName: "danvand")
        #expect(chosen.descriptor == 3)
    }

    @Test func amongSeveralTheOneNamedDanvandIsTaken() throws {
        let passed = [Passed(descriptor: 3, name: "metrics"), Passed(descriptor: 4, name: "danvand"), Passed(descriptor: 5, name: "admin")]
        #expect(try SocketActivation.choose(from: passed, preferredName: "danvand").descriptor == 4)
    }

    @Test func severalWithoutTheNameAreRefusedWithAHint() {
        let passed = [Passed(descriptor: 3, name: "a"), Passed(descriptor: 4, name: "b")]
        #expect {
            try SocketActivation.choose(from: passed, preferredName: "danvand")
        } throws: { error in
            "\(error)".contains("FileDescriptorName=danvand")
        }
        let twice = [Passed(descriptor: 3, name: "danvand"), Passed(descriptor: 4, name: "danvand")]
        #expect(throws: SocketActivation.Failure.self) { try SocketActivation.choose(from: twice, preferredName: "danvand") }
    }

    @Test func onlyAListeningUnixStreamSocketPassesTheCheck() throws {
        let directory = try TemporaryDirectory()
        let listening = unixSocket(at: directory.file("l.sock"), type: Int32(SOCK_STREAM.rawValue), listening: true)
        let bound = unixSocket(at: directory.file("b.sock"), type: Int32(SOCK_STREAM.rawValue))
        let datagram = unixSocket(at: directory.file("d.sock"), type: Int32(SOCK_DGRAM.rawValue))
        var pipeFDs: [Int32] = [0, 0]
        try #require(pipe(&pipeFDs) == 0)
        defer { for fd in [listening, bound, datagram] + pipeFDs { close(fd) } }
        #expect(SocketActivation.isListeningUnixStream(listening))
        #expect(!SocketActivation.isListeningUnixStream(bound))
        #expect(!SocketActivation.isListeningUnixStream(datagram))
        #expect(!SocketActivation.isListeningUnixStream(pipeFDs[0]))
        #expect(SocketActivation.boundPath(of: listening) == directory.file("l.sock"))
        #expect(SocketActivation.boundPath(of: pipeFDs[0]) == "")
    }
}
