import AgentryCore
import Authorization
import Foundation
import PolicyStore

/// The Cedar decision point for every invocation, knowledge read, memory access, model call and tool call.
///
/// Entities are built per request from the verified principal, never from client input: the principal is
/// `User::"<tenant>/<user>"` (attribute `tenant`, parent `Tenant::"<tenant>"`), the resource carries its owning
/// tenant where it has one, and the context holds the token's `scopes`, the acting `actor` and call `arguments`.
/// Default deny; forbid beats permit; a policy that errors is skipped and reported.
///
/// In a server the policies come from a ``PolicyStore``: the platform layer (the deployment's policy file) plus the
/// requesting tenant's own versioned policies, with the tenant's log-only candidate or mode recorded beside.
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

    /// Where the policies come from.
    private enum Source: Sendable {
        /// One fixed set for every tenant (tests and tools).
        case fixed(PolicySet)
        /// The platform layer plus the tenant's own layer.
        case layered(LayeredPolicyEngine)
    }

    private let source: Source
    private let authorizer = Authorizer()

    /// One fixed policy set for every tenant; policies may name themselves with `@id("…")`.
    /// - Throws: `policy.parse_error` with a line and column.
    public init(text: String) throws {
        source = .fixed(try PolicySet(text: text, idAnnotations: true))
    }

    /// Decides over the platform and tenant layers of `store`.
    public init(store: PolicyStore) {
        source = .layered(store.engine)
    }

    /// Who is asking, as Cedar needs it.
    public struct Subject: Sendable {
        let tenant: String
        let user: String
        let scopes: Set<String>
        let actor: String?
        let attributes: [String: CedarValue]

        /// Creates a subject from verified claims; `attributes` (e.g. claims an IdP maps for Cedar) become
        /// attributes of the `User` entity, under the ones Agentry sets itself (`tenant` always wins).
        public init(
            tenant: String,
            user: String,
            scopes: Set<String>,
            actor: String?,
            attributes: [String: CedarValue] = [:]
        ) {
            self.tenant = tenant
            self.user = user
            self.scopes = scopes
            self.actor = actor
            self.attributes = attributes
        }
    }

    /// Decides whether `principal` may perform `action` on `resource`.
    ///
    /// `requestID` is the edge request id, recorded with the decision when the tenant's layer is logged
    /// (a log-only candidate or mode), so an administrator can match a logged decision to its request.
    public func decide(
        _ principal: Principal,
        _ action: Action,
        _ resource: Resource,
        arguments: JSONValue = .object([:]),
        requestID: String = ""
    ) -> Decision {
        let subject = Subject(
            tenant: principal.tenant,
            user: principal.user,
            scopes: principal.scopes,
            actor: principal.actors.first,
            attributes: principal.attributes.compactMapValues(Self.claimValue)
        )
        return decide(subject, action, resource, arguments: arguments, requestID: requestID)
    }

    /// Decides whether `principal` may perform `action` on `resource` (see the overload above for `requestID`).
    public func decide(
        _ principal: Subject,
        _ action: Action,
        _ resource: Resource,
        arguments: JSONValue = .object([:]),
        requestID: String = ""
    ) -> Decision {
        let (request, entities) = Self.cedarRequest(principal, action, resource, arguments: arguments)
        switch source {
        case .fixed(let policies):
            let response = authorizer.isAuthorized(request, policies: policies, entities: entities)
            return Decision(
                allowed: response.decision == .allow,
                reasons: response.reasons.sorted(),
                erroring: response.erroringPolicyIDs.sorted()
            )
        case .layered(let engine):
            let decision = engine.decide(
                tenant: principal.tenant,
                request: request,
                entities: entities,
                requestID: requestID
            )
            return Decision(allowed: decision.allowed, reasons: decision.reasons, erroring: decision.erroring)
        }
    }

    /// The Cedar request and its entities, built from the verified subject only.
    private static func cedarRequest(
        _ principal: Subject,
        _ action: Action,
        _ resource: Resource,
        arguments: JSONValue
    ) -> (AuthorizationRequest, Entities) {
        let user = EntityUID(type: "User", id: principal.tenant + "/" + principal.user)
        let tenant = EntityUID(type: "Tenant", id: principal.tenant)
        let entities = Entities([
            Entity(
                uid: user,
                attributes: principal.attributes.merging(["tenant": .string(principal.tenant)]) { $1 },
                parents: [tenant]
            ),
            Entity(uid: tenant),
            Entity(uid: resource.uid, attributes: resource.attributes),
        ])
        let context: [String: CedarValue] = [
            "scopes": .set(Set(principal.scopes.map(CedarValue.string))),
            "actor": .string(principal.actor ?? ""),
            "delegated": .bool(principal.actor != nil),
            "arguments": cedarValue(arguments),
        ]
        let request = AuthorizationRequest(
            principal: user,
            action: EntityUID(type: "Action", id: action.rawValue),
            resource: resource.uid,
            context: context
        )
        return (request, entities)
    }

    /// A mapped identity claim as a Cedar value: strings, booleans, whole numbers and lists of strings; other shapes
    /// are left out (a policy reading them gets Cedar's missing-attribute error, so a `forbid` on them is written
    /// with `has`).
    static func claimValue(_ claim: JSONValue) -> CedarValue? {
        switch claim {
        case .string(let text): return .string(text)
        case .bool(let flag): return .bool(flag)
        case .number(let number):
            guard number.rounded() == number, abs(number) < 9.0e15 else { return nil }
            return .long(Int64(number))
        case .array(let items):
            let texts = items.compactMap(\.stringValue)
            return texts.count == items.count ? .set(Set(texts.map(CedarValue.string))) : nil
        default: return nil
        }
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
