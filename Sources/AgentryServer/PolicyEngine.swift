import AgentryCore
import Authorization
import Foundation

/// The Cedar decision point for every invocation, knowledge read, memory access, model call and tool call.
///
/// Entities are built per request from the verified principal, never from client input: the principal is
/// `User::"<tenant>/<user>"` (attribute `tenant`, parent `Tenant::"<tenant>"`), the resource carries its owning
/// tenant where it has one, and the context holds the token's `scopes`, the acting `actor` and call `arguments`.
/// Default deny; forbid beats permit; a policy that errors is skipped and reported.
public struct PolicyEngine: Sendable {
    /// The actions Agentry asks about.
    public enum Action: String, Sendable, CaseIterable {
        case invokeAgent = "InvokeAgent"
        case callTool = "CallTool"
        case retrieve = "Retrieve"
        case readDocument = "ReadDocument"
        case writeDocument = "WriteDocument"
        case readMemory = "ReadMemory"
        case writeMemory = "WriteMemory"
        case chatCompletion = "ChatCompletion"
        case embed = "Embed"
    }

    /// A resource as Cedar sees it.
    public struct Resource: Sendable {
        let uid: EntityUID
        let attributes: [String: CedarValue]

        /// A resource of Cedar type `type` with id `id` and attributes.
        public init(type: String, id: String, attributes: [String: CedarValue] = [:]) {
            uid = EntityUID(type: type, id: id)
            self.attributes = attributes
        }
    }

    /// A decision and what determined it.
    public struct Decision: Sendable {
        /// True when permitted.
        public let allowed: Bool
        /// Ids of the determining policies.
        public let reasons: [String]
        /// Ids of policies that raised errors (skipped).
        public let erroring: [String]
    }

    let policies: PolicySet
    private let authorizer = Authorizer()

    /// Parses the policy file text; policies may name themselves with `@id("…")`.
    /// - Throws: `policy.parse_error` with a line and column.
    public init(text: String) throws {
        policies = try PolicySet(text: text, idAnnotations: true)
    }

    /// Who is asking, as Cedar needs it.
    public struct Subject: Sendable {
        let tenant: String
        let user: String
        let scopes: Set<String>
        let actor: String?

        /// Creates a subject from verified claims.
        public init(tenant: String, user: String, scopes: Set<String>, actor: String?) {
            self.tenant = tenant
            self.user = user
            self.scopes = scopes
            self.actor = actor
        }
    }

    /// Decides whether `principal` may perform `action` on `resource`.
    public func decide(
        _ principal: Principal,
        _ action: Action,
        _ resource: Resource,
        arguments: JSONValue = .object([:])
    ) -> Decision {
        let subject = Subject(
            tenant: principal.tenant,
            user: principal.user,
            scopes: principal.scopes,
            actor: principal.actors.first
        )
        return decide(subject, action, resource, arguments: arguments)
    }

    /// Decides whether `principal` may perform `action` on `resource`.
    public func decide(
        _ principal: Subject,
        _ action: Action,
        _ resource: Resource,
        arguments: JSONValue = .object([:])
    ) -> Decision {
        let user = EntityUID(type: "User", id: principal.tenant + "/" + principal.user)
        let tenant = EntityUID(type: "Tenant", id: principal.tenant)
        let entities = Entities([
            Entity(uid: user, attributes: ["tenant": .string(principal.tenant)], parents: [tenant]),
            Entity(uid: tenant),
            Entity(uid: resource.uid, attributes: resource.attributes),
        ])
        var context: [String: CedarValue] = [
            "scopes": .set(Set(principal.scopes.map(CedarValue.string))),
            "actor": .string(principal.actor ?? ""),
            "delegated": .bool(principal.actor != nil),
        ]
        context["arguments"] = Self.cedarValue(arguments)
        let request = AuthorizationRequest(
            principal: user,
            action: EntityUID(type: "Action", id: action.rawValue),
            resource: resource.uid,
            context: context
        )
        let response = authorizer.isAuthorized(request, policies: policies, entities: entities)
        return Decision(
            allowed: response.decision == .allow,
            reasons: response.reasons.sorted(),
            erroring: response.erroringPolicyIDs.sorted()
        )
    }

    /// Client JSON as a Cedar value, total so that no argument can make `context.arguments` vanish (a policy
    /// reading a missing attribute errors and is skipped — a forbid must never fail open that way).
    ///
    /// Whole numbers become `long`s, numbers with at most four decimals `decimal`s, other numbers strings;
    /// arrays become sets, objects records (keys taken literally, so `__entity` is just a key); `null` is left out.
    static func cedarValue(_ json: JSONValue) -> CedarValue {
        switch json {
        case .null: return .record([:])
        case .bool(let flag): return .bool(flag)
        case .string(let text): return .string(text)
        case .number(let number): return cedarNumber(number)
        case .array(let items): return .set(Set(items.filter { $0 != .null }.map(cedarValue)))
        case .object(let members):
            return .record(members.filter { $0.value != .null }.mapValues(cedarValue))
        }
    }

    private static func cedarNumber(_ number: Double) -> CedarValue {
        if number.rounded() == number, abs(number) < 9.0e15 { return .long(Int64(number)) }
        let scaled = (number * 10_000).rounded()
        if abs(scaled) < 9.0e15, scaled / 10_000 == number { return .extension(.decimal(Int64(scaled))) }
        return .string(String(number))
    }
}
