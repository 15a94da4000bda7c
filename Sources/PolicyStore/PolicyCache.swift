import Authorization
import Synchronization

/// A stored version, parsed once: the whole set, and its permits and forbids apart (for log-only mode).
struct CompiledVersion: Sendable {
    let version: Int
    let full: PolicySet
    let permits: PolicySet
    let forbids: PolicySet
}

/// What a decision needs of one scope: its head and its parsed active and candidate versions.
struct ScopeSnapshot: Sendable {
    let head: ScopeHead
    let active: CompiledVersion?
    let candidate: CompiledVersion?
}

/// Parsed policy sets by scope and version, and scope heads by scope, so decisions never touch SQLite once a
/// scope is warm.
///
/// Versions are immutable, so a parsed version stays valid forever; heads change, so a change drops the scope's
/// head. A generation counter keeps a load that raced with a change from caching the old head.
final class PolicyCache: Sendable {
    private struct Key: Hashable {
        let scope: PolicyScope
        let version: Int
    }

    private struct State {
        var generation = 0
        var heads: [PolicyScope: ScopeHead] = [:]
        var versions: [Key: CompiledVersion] = [:]
        var headLoads = 0
        var versionLoads = 0
    }

    private let state = Mutex(State())
    private let repository: PolicyRepository

    init(repository: PolicyRepository) {
        self.repository = repository
    }

    /// Head loads and version parses so far (a test and metrics hook).
    var loads: (heads: Int, versions: Int) { state.withLock { ($0.headLoads, $0.versionLoads) } }

    /// The scope's head and parsed versions, from memory when warm.
    func snapshot(_ scope: PolicyScope) throws -> ScopeSnapshot {
        let (generation, cached) = state.withLock { ($0.generation, $0.heads[scope]) }
        var head = cached ?? .empty
        if cached == nil {
            head = try repository.head(scope)
            state.withLock { state in
                state.headLoads += 1
                guard state.generation == generation else { return }
                state.heads[scope] = head
                state.versions = state.versions.filter {
                    $0.key.scope != scope
                        || [head.active, head.candidate]
                            .contains($0.key.version)
                }
            }
        }
        return ScopeSnapshot(
            head: head,
            active: try head.active.map { try compiled(scope, $0) },
            candidate: try head.candidate.map { try compiled(scope, $0) }
        )
    }

    /// Forgets `scope`'s head after a change; the next decision reloads it.
    func invalidate(_ scope: PolicyScope) {
        state.withLock { state in
            state.generation += 1
            state.heads[scope] = nil
        }
    }

    /// Forgets every head (after changes made by another process sharing the database).
    func invalidateAll() {
        state.withLock { state in
            state.generation += 1
            state.heads.removeAll()
        }
    }

    private func compiled(_ scope: PolicyScope, _ version: Int) throws -> CompiledVersion {
        let key = Key(scope: scope, version: version)
        if let hit = state.withLock({ $0.versions[key] }) { return hit }
        guard let stored = try repository.version(scope, version, head: .empty) else {
            throw PolicyStoreError.notFound("version \(version) does not exist")
        }
        let document = try PolicyDocument(text: stored.policies)
        let compiled = CompiledVersion(
            version: version,
            full: document.set,
            permits: try document.subset(.permit),
            forbids: try document.subset(.forbid)
        )
        state.withLock { state in
            state.versionLoads += 1
            state.versions[key] = compiled
        }
        return compiled
    }
}
