import Authorization
import CedarSchema
import PolicyStore

/// Checks a policy change against its scope's Cedar schema with the strict validator before it takes effect.
///
/// Without a schema there is nothing to validate against and every parsed set passes; a schema that does not parse
/// refuses the change with its own finding.
public struct SchemaPolicyValidator: PolicyValidating {
    /// Creates the validator.
    public init() {}

    /// Validates `policies` against `schemaText` in strict mode; Cedar's warnings are passed on as warnings.
    ///
    /// Each finding carries the line and column where its policy starts, so an editor can point at it.
    public func validate(policies: PolicySet, schemaText: String?) -> [PolicyFinding] {
        guard let schemaText, !schemaText.isEmpty else { return [] }
        let schema: Schema
        do {
            schema = try Self.schema(schemaText)
        } catch {
            return [PolicyFinding(code: error.code, message: error.message, line: error.line, column: error.column)]
        }
        return Validator(schema: schema).validate(policies).findings.map { finding in
            let position = policies.policy(id: finding.policyID)?.position
            return PolicyFinding(
                severity: finding.isWarning ? .warning : .error,
                code: finding.code,
                message: finding.message,
                policyID: finding.policyID,
                line: position?.line,
                column: position?.column
            )
        }
    }

    /// Parses a schema in either format: JSON when the text starts with `{`, the human-readable format otherwise.
    public static func schema(_ text: String) throws(SchemaError) -> Schema {
        if text.drop(while: { $0.isWhitespace }).first == "{" {
            return try Schema(jsonText: text)
        }
        return try Schema(text: text)
    }
}
