import AgentryCore
import Synchronization

/// MCP sessions (`Mcp-Session-Id`), each bound to the tenant and user that opened it.
final class MCPSessions: Sendable {
    private let owners = Mutex<[String: String]>([:])
    /// Sessions kept at most; past it the map is cleared and clients must initialise again.
    private static let capacity = 10_000

    private static func owner(_ caller: GatewayCaller) -> String { caller.tenant + "\u{0}" + caller.user }

    /// Opens a session for `caller` and returns its id.
    func open(for caller: GatewayCaller) -> String {
        let id = Identifiers.hex(bytes: 16)
        owners.withLock { owners in
            if owners.count >= Self.capacity { owners.removeAll(keepingCapacity: true) }
            owners[id] = Self.owner(caller)
        }
        return id
    }

    /// True when `id` is open and was opened by this caller.
    func isOpen(_ id: String, for caller: GatewayCaller) -> Bool {
        owners.withLock { $0[id] == Self.owner(caller) }
    }

    /// Closes `id` if this caller owns it.
    func close(_ id: String, for caller: GatewayCaller) {
        owners.withLock { owners in
            if owners[id] == Self.owner(caller) { owners[id] = nil }
        }
    }
}
