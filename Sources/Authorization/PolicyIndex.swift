/// Buckets a policy list by what each scope names, so a request only evaluates policies whose scope can match.
///
/// Each bucket is a bit set over policy positions. For a request, the buckets matching its principal, action and
/// resource are OR-ed per variable and the three results AND-ed: the outcome is a superset of the policies whose
/// scope matches (templates' unbound slots count as unconstrained), and the authorizer still checks each
/// candidate's scope exactly. Skipping the others is exact because a policy whose scope does not match never
/// evaluates its conditions.
struct PolicyIndex: Sendable {
    /// The number of 64-bit words in each bit set.
    let wordCount: Int
    private var principal: ScopeBuckets
    private var action: ScopeBuckets
    private var resource: ScopeBuckets

    init(policies: [Policy]) {
        wordCount = max(1, (policies.count + 63) / 64)
        principal = ScopeBuckets(wordCount: wordCount)
        action = ScopeBuckets(wordCount: wordCount)
        resource = ScopeBuckets(wordCount: wordCount)
        for (position, policy) in policies.enumerated() {
            principal.add(policy.principal, position)
            resource.add(policy.resource, position)
            switch policy.action {
            case .any: action.addAny(position)
            case .equal(let uid): action.addEqual(uid, position)
            case .in(let uids): for uid in uids { action.addAncestor(uid, position) }
            }
        }
    }

    /// Calls `body` with the position of every candidate policy for the request, in increasing order.
    func forEachCandidate(
        _ request: AuthorizationRequest,
        _ entities: Entities,
        _ body: (Int) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: wordCount * 2) { buffer in
            let words = UnsafeMutableBufferPointer(rebasing: buffer[0..<wordCount])
            let scratch = UnsafeMutableBufferPointer(rebasing: buffer[wordCount...])
            principal.collect(request.principal, entities, into: words)
            action.collect(request.action, entities, into: scratch)
            for word in 0..<wordCount { words[word] &= scratch[word] }
            resource.collect(request.resource, entities, into: scratch)
            for word in 0..<wordCount { words[word] &= scratch[word] }
            for word in 0..<wordCount {
                var bits = words[word]
                while bits != 0 {
                    body(word * 64 + bits.trailingZeroBitCount)
                    bits &= bits - 1
                }
            }
        }
    }
}

/// The bit-set buckets of one scope variable.
private struct ScopeBuckets: Sendable {
    let wordCount: Int
    /// Policies that do not constrain the variable (or constrain it through an unbound slot).
    private var any: [UInt64]
    /// Policies requiring `variable == uid`.
    private var equal: [EntityUID: [UInt64]] = [:]
    /// Policies requiring `variable in uid` (the variable is `uid` or one of its descendants).
    private var ancestor: [EntityUID: [UInt64]] = [:]
    /// Policies requiring `variable is type`.
    private var type: [String: [UInt64]] = [:]

    init(wordCount: Int) {
        self.wordCount = wordCount
        any = Array(repeating: 0, count: wordCount)
    }

    mutating func add(_ constraint: ScopeConstraint, _ position: Int) {
        switch constraint {
        case .any, .equal(.slot), .in(.slot), .isIn(_, .slot): addAny(position)
        case .equal(.entity(let uid)): addEqual(uid, position)
        case .in(.entity(let uid)), .isIn(_, .entity(let uid)): addAncestor(uid, position)
        case .is(let name):
            let blank = empty
            Self.set(&type[name, default: blank], position)
        }
    }

    mutating func addAny(_ position: Int) { Self.set(&any, position) }
    mutating func addEqual(_ uid: EntityUID, _ position: Int) {
        let blank = empty
        Self.set(&equal[uid, default: blank], position)
    }

    mutating func addAncestor(_ uid: EntityUID, _ position: Int) {
        let blank = empty
        Self.set(&ancestor[uid, default: blank], position)
    }

    private var empty: [UInt64] { Array(repeating: 0, count: wordCount) }

    private static func set(_ words: inout [UInt64], _ position: Int) {
        words[position / 64] |= 1 << UInt64(position % 64)
    }

    /// Writes into `words` the union of the buckets `uid` can match.
    func collect(_ uid: EntityUID, _ entities: Entities, into words: UnsafeMutableBufferPointer<UInt64>) {
        for word in 0..<wordCount { words[word] = any[word] }
        if !equal.isEmpty, let bucket = equal[uid] { Self.union(bucket, into: words) }
        if !type.isEmpty, let bucket = type[uid.type] { Self.union(bucket, into: words) }
        guard !ancestor.isEmpty else { return }
        if let bucket = ancestor[uid] { Self.union(bucket, into: words) }
        entities.forEachAncestor(of: uid) { parent in
            if let bucket = ancestor[parent] { Self.union(bucket, into: words) }
        }
    }

    private static func union(_ bucket: [UInt64], into words: UnsafeMutableBufferPointer<UInt64>) {
        for word in 0..<bucket.count { words[word] |= bucket[word] }
    }
}
