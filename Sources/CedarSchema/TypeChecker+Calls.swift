import Authorization

extension TypeChecker {
    /// Parameter and result types of the extension functions and `isEmpty`.
    private static func signature(_ function: CedarFunction) -> (parameters: [ValidationType], result: ValidationType) {
        let decimal = ValidationType.extensionType("decimal")
        let ipaddr = ValidationType.extensionType("ipaddr")
        let datetime = ValidationType.extensionType("datetime")
        let duration = ValidationType.extensionType("duration")
        switch function {
        case .decimal: return ([.string], decimal)
        case .ip: return ([.string], ipaddr)
        case .datetime: return ([.string], datetime)
        case .duration: return ([.string], duration)
        case .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual: return ([decimal, decimal], .anyBool)
        case .isIpv4, .isIpv6, .isLoopback, .isMulticast: return ([ipaddr], .anyBool)
        case .isInRange: return ([ipaddr, ipaddr], .anyBool)
        case .offset: return ([datetime, duration], datetime)
        case .durationSince: return ([datetime, datetime], duration)
        case .toDate: return ([datetime], datetime)
        case .toTime: return ([datetime], duration)
        case .toMilliseconds, .toSeconds, .toMinutes, .toHours, .toDays: return ([duration], .long)
        case .isEmpty: return ([], .anyBool)
        }
    }

    private static let valueNames: [CedarFunction: String] = [
        .decimal: "decimal", .ip: "IP", .datetime: "datetime", .duration: "duration",
    ]

    mutating func call(_ function: CedarFunction, _ arguments: [Expr], _ prior: Capabilities) -> Typed? {
        if function == .isEmpty {
            guard arguments.count == 1, let typed = check(arguments[0], prior) else { return nil }
            guard case .set = typed.type else { return unexpected(typed.type, expected: "Set") }
            return Typed(type: .anyBool)
        }
        let signature = Self.signature(function)
        guard arguments.count == signature.parameters.count else {
            for argument in arguments { _ = check(argument, prior) }
            return fail(
                "wrong number of arguments in extension function application. Expected "
                    + "\(signature.parameters.count), got \(arguments.count)"
            )
        }
        if function.isConstructor { return constructor(function, arguments[0], prior, result: signature.result) }
        var failed = false
        for (argument, parameter) in zip(arguments, signature.parameters) {
            guard let typed = check(argument, prior) else {
                failed = true
                continue
            }
            if typed.type != parameter {
                _ = unexpected(typed.type, expected: parameter.description)
                failed = true
            }
        }
        return failed ? nil : Typed(type: signature.result)
    }

    /// Strict mode only accepts constructors over a string literal that parses (the parser folds valid ones).
    private mutating func constructor(
        _ function: CedarFunction,
        _ argument: Expr,
        _ prior: Capabilities,
        result: ValidationType
    ) -> Typed? {
        guard let value = argument.constantValue else {
            _ = check(argument, prior)
            return fail("extension constructors may not be called with non-literal expressions")
        }
        guard case .string(let text) = value else {
            return unexpected(literal(value)?.type ?? .anyBool, expected: "String")
        }
        if (try? ExtensionFunctions.construct(function, text)) != nil { return Typed(type: result) }
        let name = Self.valueNames[function] ?? function.rawValue
        return fail(
            "error during extension function argument validation: failed to parse as a \(name) value: "
                + "`\"\(text)\"`"
        )
    }
}
