import AgentryCore
import Testing

@testable import Authorization

/// PEER-FAULTS BUG-19: IPv4-mapped IPv6 addresses must not be unwrapped (cedar-go#152).
@Suite("PEER probe BUG-19: IPv4-mapped IPv6 is not loopback")
struct PeerProbeTests {
    static let policy = """
        permit(principal, action == Action::"admin_op", resource) when { context.src.isLoopback() };
        """

    static func decide(_ address: String) throws -> AuthorizationResponse {
        let context: JSONValue = ["src": ["__extn": ["fn": "ip", "arg": .string(address)]]]
        let request = try AuthorizationRequest(
            principal: EntityUID(type: "User", id: "u"),
            action: EntityUID(type: "Action", id: "admin_op"),
            resource: EntityUID(type: "Host", id: "h"),
            context: context
        )
        return Authorizer().isAuthorized(request, policies: try PolicySet(text: policy), entities: .empty)
    }

    @Test("true loopback addresses are allowed", arguments: ["127.0.0.1", "::1"])
    func loopback(_ address: String) throws {
        let response = try Self.decide(address)
        #expect(response.decision == .allow)
        #expect(response.reasons == ["policy0"])
    }

    @Test("a hex-written mapped address is an IPv6 address and not loopback")
    func hexMapped() throws {
        let response = try Self.decide("::ffff:7f00:1")
        #expect(response.decision == .deny)
        #expect(response.errors.isEmpty)
    }

    @Test("a dotted mapped address is rejected by `ip`, so the policy errors and the request is denied")
    func dottedMapped() throws {
        // The context builder evaluates the `__extn` escape, so the bad address is refused before evaluation.
        #expect(throws: CedarError.self) { try Self.decide("::ffff:127.0.0.1") }

        // Written in the policy, `ip` fails at evaluation: the policy is skipped and reported, never allowed.
        let policies = try PolicySet(
            text: "permit(principal, action == Action::\"admin_op\", resource) "
                + "when { ip(\"::ffff:127.0.0.1\").isLoopback() };"
        )
        let request = AuthorizationRequest(
            principal: EntityUID(type: "User", id: "u"),
            action: EntityUID(type: "Action", id: "admin_op"),
            resource: EntityUID(type: "Host", id: "h")
        )
        let response = Authorizer().isAuthorized(request, policies: policies, entities: .empty)
        #expect(response.decision == .deny)
        #expect(response.erroringPolicyIDs == ["policy0"])
    }

    @Test("mapped multicast and range checks match the reference engine")
    func mappedPredicates() throws {
        #expect(try Fixtures.evaluate("ip(\"::ffff:224.0.0.1\").isMulticast()") == .error)
        #expect(try Fixtures.evaluate("ip(\"::ffff:e000:1\").isMulticast()") == .value(false))
        #expect(try Fixtures.evaluate("ip(\"::ffff:10.0.0.1\").isInRange(ip(\"10.0.0.0/8\"))") == .error)
        #expect(try Fixtures.evaluate("ip(\"::ffff:a00:1\").isInRange(ip(\"10.0.0.0/8\"))") == .value(false))
    }
}
