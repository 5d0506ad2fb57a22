/// A growable stack of the children of containers still being read, whose top part can be
/// moved out into an exactly sized `Array` in one `memcpy`-like step.
///
/// `JSONReader` and `JSONBinaryReader` collect each container's children here until the
/// container closes. With a plain `Array`, handing the children over meant copying them
/// (a retain per string) and then destroying the originals (a release per string); moving
/// them costs neither. Noncopyable, so the buffer has exactly one owner, and its `deinit`
/// cleans up whatever is left when a parse stops early with an error.
struct ScratchStack<Element>: ~Copyable {
    private var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private var capacity = 0

    init() {}

    deinit {
        if let base {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    @inline(__always)
    mutating func append(_ element: consuming Element) {
        if count == capacity { grow() }
        (base.unsafelyUnwrapped + count).initialize(to: element)
        count &+= 1
    }

    /// The most recently appended element, which must exist.
    @inline(__always)
    var last: UnsafeMutablePointer<Element> {
        base.unsafelyUnwrapped + (count &- 1)
    }

    /// Removes and destroys the most recently appended element, which must exist.
    @inline(__always)
    mutating func removeLast() {
        count &-= 1
        (base.unsafelyUnwrapped + count).deinitialize(count: 1)
    }

    /// Moves the elements from `start` to the top into a new array and removes them.
    @inline(__always)
    mutating func moveSuffix(from start: Int) -> [Element] {
        let moved = count &- start
        guard moved > 0, let base else { return [] }
        let result = [Element](unsafeUninitializedCapacity: moved) { buffer, initialized in
            buffer.baseAddress.unsafelyUnwrapped.moveInitialize(from: base + start, count: moved)
            initialized = moved
        }
        count = start
        return result
    }

    private mutating func grow() {
        let newCapacity = capacity == 0 ? 16 : capacity &* 2
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        if let base {
            newBase.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = newBase
        capacity = newCapacity
    }
}
