/// A growable byte buffer that the writer and the binary encoder fill before handing the
/// result over in one copy.
///
/// Appending to an `Array` one byte or one short run at a time pays for a uniqueness check and
/// a capacity check on every call, which dominated the writer's profile; here an append is a
/// bounds test and a store. Noncopyable, so the storage has one owner and is freed by `deinit`.
struct ByteSink: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int = 512) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far; valid until the next append.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(minimum: count &+ 1) }
        base[count] = byte
        count &+= 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        let length = bytes.count
        guard length > 0, let source = bytes.baseAddress else { return }
        if capacity &- count < length { grow(minimum: count &+ length) }
        UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: length)
        count &+= length
    }

    @inline(__always)
    mutating func append(_ literal: StaticString) {
        append(UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    @inline(never)
    private mutating func grow(minimum: Int) {
        let newCapacity = max(capacity &* 2, minimum)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
