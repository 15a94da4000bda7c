/// A fixed-capacity ring of the most recently finished spans; the oldest is overwritten when full.
struct SpanRing: Sendable {
    private var storage: [Span] = []
    private var next = 0
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage.reserveCapacity(self.capacity)
    }

    mutating func append(_ span: Span) {
        if storage.count < capacity {
            storage.append(span)
        } else {
            storage[next] = span
        }
        next = (next + 1) % capacity
    }

    /// The spans held, oldest first.
    var ordered: [Span] {
        guard storage.count == capacity else { return storage }
        return Array(storage[next...] + storage[..<next])
    }
}
