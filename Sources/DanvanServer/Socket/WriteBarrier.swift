import NIOCore

extension NIOAsyncChannel where Outbound == ByteBuffer {
    /// Waits until every byte handed to `outbound` so far is in the kernel's socket buffer.
    ///
    /// Closing must wait for this. Once the client has half-closed, NIO turns a close of
    /// the output side into a full close, and a full close fails the writes still queued
    /// in the channel: a client that pipelined many requests and read its replies slowly
    /// lost the last ones. `NIOAsyncChannelOutboundWriter.write` returns once the write is
    /// handed to the event loop, in order, so an empty write issued afterwards on the same
    /// event loop completes only after all of them reached the socket.
    func flushedWrites() async throws {
        let channel = self.channel
        try await channel.eventLoop.flatSubmit {
            channel.writeAndFlush(ByteBuffer())
        }.get()
    }
}
