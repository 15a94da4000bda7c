/// A parsed Cedar expression, ready for evaluation.
package indirect enum Expr: Sendable {
    case literal(CedarValue)
    /// A constant computed when the policy was read (an extension call or a set over literals), kept beside the
    /// expression as written so that printing and the JSON form show what the author wrote.
    case folded(CedarValue, written: Expr)
    case variable(Variable)
    case slot(SlotID)
    case not(Expr)
    case negate(Expr)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case ifThenElse(Expr, Expr, Expr)
    case binary(BinaryOperator, Expr, Expr)
    case like(Expr, LikePattern)
    case isType(Expr, String)
    /// `e is T in container`: true when `e` has type `T` and is in `container`, which is only evaluated then.
    case isIn(Expr, String, Expr)
    case has(Expr, String)
    case attribute(Expr, String)
    case setLiteral([Expr])
    case recordLiteral([(String, Expr)])
    case call(CedarFunction, [Expr])
}

/// The four request variables.
package enum Variable: String, Sendable {
    case principal, action, resource, context
}

/// A template slot.
public enum SlotID: String, Hashable, Sendable {
    /// `?principal`
    case principal = "?principal"
    /// `?resource`
    case resource = "?resource"
}

/// Binary operators evaluated with both operands computed first.
package enum BinaryOperator: Sendable {
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case `in`, add, subtract, multiply
    case contains, containsAll, containsAny, getTag, hasTag
}

/// Functions and methods provided by Cedar's extensions, called with the receiver (for methods) first.
package enum CedarFunction: String, Sendable, CaseIterable {
    case decimal, ip, datetime, duration
    case lessThan, lessThanOrEqual, greaterThan, greaterThanOrEqual
    case isIpv4, isIpv6, isLoopback, isMulticast, isInRange
    case offset, durationSince, toDate, toTime, toMilliseconds, toSeconds, toMinutes, toHours, toDays
    /// `isEmpty` is a built-in set method, kept here because it is the only unary built-in method.
    case isEmpty

    /// True for the function-style constructors; every other case is called as a method.
    package var isConstructor: Bool {
        switch self {
        case .decimal, .ip, .datetime, .duration: true
        default: false
        }
    }

    /// The number of arguments including the receiver.
    package var arity: Int {
        switch self {
        case .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual, .isInRange, .offset, .durationSince: 2
        default: 1
        }
    }
}
