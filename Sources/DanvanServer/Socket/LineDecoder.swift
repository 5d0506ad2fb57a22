import NIOCore

/// Splits the byte stream into request lines at `\n`, refusing lines longer than the limit.
///
/// NIO's `NIOSplitLinesMessageDecoder` also splits at CR, VT and FF, which would cut a
/// request whose JSON uses `\r` as white space in two; the protocol's only separator
/// is `\n`, so this decoder looks for that byte alone. A line that outgrows the limit
/// (with or without its newline) raises `LineTooLongError` before it is buffered whole.
struct LineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    let maxLength: Int
    private var scanned = 0

    init(maxLength: Int) {
        self.maxLength = maxLength
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        if let length = buffer.firstNewline(from: scanned) {
            scanned = 0
            guard length <= maxLength else { throw LineTooLongError(limit: maxLength) }
            guard let line = buffer.readSlice(length: length) else { return .needMoreData }
            buffer.moveReaderIndex(forwardBy: 1)
            if !line.readableBytesView.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) {
                context.fireChannelRead(Self.wrapInboundOut(line))
            }
            return .continue
        }
        scanned = buffer.readableBytes
        if scanned > maxLength { throw LineTooLongError(limit: maxLength) }
        return .needMoreData
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        // A last line without its newline still counts as a request (`printf '{...}' | socat`).
        if buffer.readableBytes > 0, let line = buffer.readSlice(length: buffer.readableBytes) {
            scanned = 0
            if !line.readableBytesView.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") || $0 == UInt8(ascii: "\t") }) {
                context.fireChannelRead(Self.wrapInboundOut(line))
            }
        }
        return .needMoreData
    }
}

/// A request line longer than `max_line_bytes`.
struct LineTooLongError: Error {
    let limit: Int
}
