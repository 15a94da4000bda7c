/// How a tenant's own policy layer takes effect.
///
/// Platform policies are always enforced, whatever the tenant's mode.
public enum EnforcementMode: String, Sendable, Hashable, CaseIterable {
    /// The tenant layer is enforced together with the platform layer: forbid anywhere beats permit, default deny.
    case enforce
    /// The tenant layer's forbids are evaluated and recorded in the decision log but not enforced.
    ///
    /// The enforced decision is Cedar's over the platform policies plus the tenant's permits: a platform forbid
    /// still denies, a request no permit covers is still denied by default, and only a tenant forbid is
    /// ignored (and logged with `modeRelaxed`). Meant for rolling out a tenant's first forbids.
    case logOnly = "log_only"
}
