/// The functions and methods of Cedar's `decimal`, `ipaddr` and `datetime` extensions (plus `isEmpty`).
package enum ExtensionFunctions {
    /// Calls `function` with evaluated arguments (receiver first for methods).
    static func call(_ function: CedarFunction, _ args: [CedarValue]) throws(EvaluationError) -> CedarValue {
        guard args.count == function.arity else {
            throw EvaluationError(
                message: "wrong number of arguments provided to extension function `\(function.rawValue)`: "
                    + "expected \(function.arity), got \(args.count)"
            )
        }
        switch function {
        case .decimal, .ip, .datetime, .duration:
            guard case .string(let text) = args[0] else { throw .type(expected: "string", got: args[0]) }
            return .extension(try construct(function, text))
        case .isEmpty:
            guard case .set(let set) = args[0] else { throw .type(expected: "set", got: args[0]) }
            return .bool(set.isEmpty)
        case .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual:
            let (a, b) = (try decimal(args[0]), try decimal(args[1]))
            switch function {
            case .lessThan: return .bool(a < b)
            case .lessThanOrEqual: return .bool(a <= b)
            case .greaterThan: return .bool(a > b)
            default: return .bool(a >= b)
            }
        case .isIpv4, .isIpv6, .isLoopback, .isMulticast, .isInRange:
            return .bool(try ipPredicate(function, args))
        case .offset, .durationSince, .toDate, .toTime:
            return .extension(try datetimeMethod(function, args))
        case .toMilliseconds, .toSeconds, .toMinutes, .toHours, .toDays:
            let divisor: Int64
            switch function {
            case .toSeconds: divisor = 1000
            case .toMinutes: divisor = 60_000
            case .toHours: divisor = 3_600_000
            case .toDays: divisor = 86_400_000
            default: divisor = 1
            }
            return .long(try duration(args[0]) / divisor)
        }
    }

    /// Runs a constructor on a string argument.
    package static func construct(
        _ function: CedarFunction,
        _ text: String
    ) throws(EvaluationError) -> CedarExtensionValue {
        switch function {
        case .decimal:
            guard let value = CedarExtensionValue.parseDecimal(text) else {
                throw .extensionFailure("decimal", "the input is not a well-formed decimal value")
            }
            return .decimal(value)
        case .ip:
            guard let address = IPAddress(text) else {
                throw .extensionFailure("ipaddr", "the input is not a valid IP address or range")
            }
            return .ipaddr(address)
        case .datetime:
            guard let value = CedarTime.parseDatetime(text) else {
                throw .extensionFailure("datetime", "the input is not a valid datetime")
            }
            return .datetime(value)
        case .duration:
            guard let value = CedarTime.parseDuration(text) else {
                throw .extensionFailure("duration", "the input is not a valid duration")
            }
            return .duration(value)
        default:
            throw EvaluationError(message: "`\(function.rawValue)` is not a constructor")
        }
    }

    private static func decimal(_ value: CedarValue) throws(EvaluationError) -> Int64 {
        guard case .extension(.decimal(let number)) = value else { throw .type(expected: "decimal", got: value) }
        return number
    }

    private static func ip(_ value: CedarValue) throws(EvaluationError) -> IPAddress {
        guard case .extension(.ipaddr(let address)) = value else { throw .type(expected: "ipaddr", got: value) }
        return address
    }

    private static func datetime(_ value: CedarValue) throws(EvaluationError) -> Int64 {
        guard case .extension(.datetime(let ms)) = value else { throw .type(expected: "datetime", got: value) }
        return ms
    }

    private static func duration(_ value: CedarValue) throws(EvaluationError) -> Int64 {
        guard case .extension(.duration(let ms)) = value else { throw .type(expected: "duration", got: value) }
        return ms
    }

    private static func ipPredicate(_ function: CedarFunction, _ args: [CedarValue]) throws(EvaluationError) -> Bool {
        let address = try ip(args[0])
        switch function {
        case .isIpv4: return address.isIPv4
        case .isIpv6: return !address.isIPv4
        case .isLoopback: return address.isLoopback
        case .isMulticast: return address.isMulticast
        default: return address.isInRange(try ip(args[1]))
        }
    }

    private static func datetimeMethod(
        _ function: CedarFunction,
        _ args: [CedarValue]
    ) throws(EvaluationError) -> CedarExtensionValue {
        let instant = try datetime(args[0])
        let day = CedarTime.millisecondsPerDay
        switch function {
        case .offset:
            let (sum, overflow) = instant.addingReportingOverflow(try duration(args[1]))
            if overflow { throw .extensionFailure("offset", "overflows when adding an offset") }
            return .datetime(sum)
        case .durationSince:
            let (difference, overflow) = instant.subtractingReportingOverflow(try datetime(args[1]))
            if overflow { throw .extensionFailure("durationSince", "overflows when computing the duration") }
            return .duration(difference)
        case .toDate:
            let remainder = instant % day
            let (floor, overflow) = instant.subtractingReportingOverflow(remainder < 0 ? remainder + day : remainder)
            if overflow { throw .extensionFailure("toDate", "overflows when computing the date") }
            return .datetime(floor)
        default:
            let remainder = instant % day
            return .duration(remainder < 0 ? remainder + day : remainder)
        }
    }
}
