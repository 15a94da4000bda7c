/// A seeded generator of mostly well-typed Cedar conditions over ``ValidatorTests/schemaText``, for differential
/// testing against the reference validator.
struct PolicyGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// SplitMix64.
    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private mutating func pick(_ options: [String]) -> String { options[Int(next() % UInt64(options.count))] }

    private mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }

    /// A whole policy: a random scope and a condition of the given depth.
    mutating func policy(depth: Int) -> String {
        let principal = pick(["principal", "principal is App::User", "principal in App::Group::\"g\""])
        let action = pick(["action", "action == App::Action::\"read\"", "action in [App::Action::\"all\"]"])
        let resource = pick(["resource", "resource is App::Doc", "resource in App::Folder::\"f\""])
        return "permit(\(principal), \(action), \(resource)) when { \(boolean(depth)) };"
    }

    private mutating func boolean(_ depth: Int) -> String {
        if depth <= 0 {
            return pick([
                "true", "false", "principal has nick", "context has n", "principal.maybe has zip", "resource has level",
                "principal.hasTag(\"x\")", "principal has maybe", "context.r has a", "resource is App::Doc",
            ])
        }
        let d = depth - 1
        switch next() % 12 {
        case 0: return "(\(boolean(d)) && \(boolean(d)))"
        case 1: return "(\(boolean(d)) || \(boolean(d)))"
        case 2: return "!\(boolean(d))"
        case 3: return "(\(long(d)) == \(long(d)))"
        case 4: return "(\(long(d)) < \(long(d)))"
        case 5: return "(\(string(d)) like \"a*\")"
        case 6: return "(if \(boolean(d)) then \(boolean(d)) else \(boolean(d)))"
        case 7: return "(\(entity(d)) in [\(entity(d))])"
        case 8: return "(\(entity(d)) has \(pick(["nick", "maybe", "level", "name"])))"
        case 9: return "(\(entity(d)) == \(entity(d)))"
        case 10: return "\(entity(d)).hasTag(\(string(d)))"
        default: return "principal.labels.contains(\(string(d)))"
        }
    }

    private mutating func long(_ depth: Int) -> String {
        if depth <= 0 || chance(30) {
            return pick([
                "1", "resource.level", "context.n", "principal.addr.zip", "principal.maybe.zip", "context.r.a",
                "principal.getTag(\"x\")",
            ])
        }
        switch next() % 3 {
        case 0: return "(\(long(depth - 1)) + \(long(depth - 1)))"
        case 1: return "(if \(boolean(depth - 1)) then \(long(depth - 1)) else \(long(depth - 1)))"
        default: return "\(entity(depth - 1)).getTag(\(string(depth - 1)))"
        }
    }

    private mutating func string(_ depth: Int) -> String {
        if depth <= 0 || chance(40) {
            return pick(["\"x\"", "principal.name", "principal.nick", "context.r.b", "resource.owner.name"])
        }
        return "(if \(boolean(depth - 1)) then \(string(depth - 1)) else \(string(depth - 1)))"
    }

    private mutating func entity(_ depth: Int) -> String {
        if depth <= 0 || chance(50) {
            return pick([
                "principal", "resource", "resource.owner", "App::User::\"u\"", "App::Group::\"g\"", "action",
                "App::Action::\"all\"",
            ])
        }
        return "(if \(boolean(depth - 1)) then \(entity(depth - 1)) else \(entity(depth - 1)))"
    }
}
