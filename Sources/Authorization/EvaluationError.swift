/// Why a policy condition could not be evaluated; the policy is then skipped and reported.
public struct EvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A Cedar-style message (lower case, no final period); it names types and attributes, never values.
    public let message: String

    /// The message.
    public var description: String { message }

    static func type(expected: String, got value: CedarValue) -> EvaluationError {
        EvaluationError(message: "type error: expected \(expected), got \(value.typeName)")
    }

    static func overflow(_ operation: String) -> EvaluationError {
        EvaluationError(message: "integer overflow while attempting to \(operation)")
    }

    static func missingEntity(_ uid: EntityUID) -> EvaluationError {
        EvaluationError(message: "entity of type `\(uid.type)` does not exist")
    }

    static func missingAttribute(_ name: String, on owner: String) -> EvaluationError {
        EvaluationError(message: "\(owner) does not have the attribute `\(name)`")
    }

    static func extensionFailure(_ name: String, _ detail: String) -> EvaluationError {
        EvaluationError(message: "error while evaluating `\(name)` extension function: \(detail)")
    }
}
