import AgentryCore
import Foundation
import PolicyStore

/// Opens the policy store of a data directory and keeps its platform layer equal to the deployment's policy file.
///
/// The policy file named by the configuration is the platform layer: when its text differs from the platform's
/// enforced version it is published as a new version (author `config`), so every change of the file is versioned and
/// audited like an edit through the API. Tenants' own layers live only in the store.
enum PlatformPolicies {
    /// The store file inside a data directory.
    static func storePath(dataDirectory: URL) -> String {
        dataDirectory.appendingPathComponent("policies.sqlite").path
    }

    /// Opens the store and publishes the policy file when it changed.
    /// - Throws: a `policy.*` error when the file does not parse or validate (nothing is served then); its
    ///   message names the file and the first finding's position, since an operator reads it at startup.
    static func open(
        dataDirectory: URL,
        policyFile: String,
        validator: any PolicyValidating
    ) throws -> PolicyStore {
        let store = try PolicyStore(path: storePath(dataDirectory: dataDirectory), validator: validator)
        let text = try String(contentsOfFile: policyFile, encoding: .utf8)
        do {
            try sync(store, text: text)
        } catch let error as PolicyStoreError where !error.findings.isEmpty {
            throw refusal(error, file: policyFile)
        }
        return store
    }

    /// `error` with a message an operator can act on: the file, then the first finding as
    /// `line:column: code: message`, then how many more there are.
    static func refusal(_ error: PolicyStoreError, file: String) -> PolicyStoreError {
        let errors = error.findings.filter { $0.severity == .error }
        guard let first = errors.first else { return error }
        let position = first.line.map { "\($0):\(first.column ?? 0): " } ?? ""
        let policy = first.policyID.map { "policy `\($0)`: " } ?? ""
        let more = errors.count > 1 ? " (and \(errors.count - 1) more)" : ""
        let finding = position + policy + first.code + ": " + first.message
        return PolicyStoreError(
            code: error.code,
            message: "the policy file `\(file)` was refused: \(finding)\(more)",
            status: error.status,
            findings: error.findings
        )
    }

    /// Publishes `text` as the platform layer unless it is already the enforced version.
    static func sync(_ store: PolicyStore, text: String) throws {
        let caller = try PolicyCaller.platformAdmin(actor: "config")
        let status = try store.administration.status(for: caller)
        if let current = try store.administration.current(for: caller), current.policies == text {
            return
        }
        let request = try PublishRequest(
            policies: text,
            schema: .keep,
            expectedVersion: status.latestVersion,
            comment: "deployment policy file"
        )
        _ = try store.administration.publish(request, by: caller)
    }
}
