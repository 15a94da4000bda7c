import Authorization

/// Submitted policy text, parsed and held to the store's rules: every policy is named by a unique `@id("…")`
/// annotation of at most 128 characters, and templates are refused (the store has no linking API).
struct PolicyDocument: Sendable {
    /// The text as submitted.
    let text: String
    /// The parsed set, ids taken from `@id` annotations.
    let set: PolicySet
    /// Each policy's own source slice (annotations included), in source order.
    let sources: [PolicySource]

    /// One policy's id, effect and source text.
    struct PolicySource: Sendable, Hashable {
        let id: String
        let effect: PolicyEffect
        let text: String
    }

    /// Parses `text`, turning every parse error and broken store rule into findings.
    /// - Throws: ``PolicyStoreError/invalid(_:)`` with the findings.
    init(text: String) throws(PolicyStoreError) {
        let set: PolicySet
        do {
            set = try PolicySet(text: text, idAnnotations: true)
        } catch {
            throw .invalid([
                PolicyFinding(code: error.code, message: error.message, line: error.line, column: error.column)
            ])
        }
        let findings = Self.ruleFindings(set)
        guard findings.isEmpty else { throw .invalid(findings) }
        self.text = text
        self.set = set
        self.sources = Self.slices(of: text, set: set)
    }

    /// The store's own rules: `@id` present, short and printable; no templates.
    private static func ruleFindings(_ set: PolicySet) -> [PolicyFinding] {
        var findings: [PolicyFinding] = []
        for policy in set.policies {
            let at = policy.position
            let id = policy.annotations.first { $0.key == "id" }?.value
            if id == nil || id?.isEmpty == true {
                findings.append(
                    PolicyFinding(
                        code: "policy.id_missing",
                        message: "every policy needs an `@id(\"…\")` annotation",
                        line: at.line,
                        column: at.column
                    )
                )
            } else if let id, id.count > 128 || id.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                findings.append(
                    PolicyFinding(
                        code: "policy.id_invalid",
                        message: "policy ids are 1 to 128 printable characters",
                        line: at.line,
                        column: at.column
                    )
                )
            }
            if policy.isTemplate {
                findings.append(
                    PolicyFinding(
                        code: "policy.template_unsupported",
                        message: "templates cannot be stored",
                        policyID: policy.id,
                        line: at.line,
                        column: at.column
                    )
                )
            }
        }
        return findings
    }

    /// Cuts the text at each policy's start position; comments between policies stay with the one before.
    private static func slices(of text: String, set: PolicySet) -> [PolicySource] {
        let scalars = Array(text.unicodeScalars)
        var lineStarts = [0]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" { lineStarts.append(offset + 1) }
        let starts = set.policies.map { policy in
            let line = min(max(policy.position.line, 1), lineStarts.count)
            return min(lineStarts[line - 1] + policy.position.column - 1, scalars.count)
        }
        return set.policies.enumerated().map { index, policy in
            let end = index + 1 < starts.count ? starts[index + 1] : scalars.count
            var slice = String.UnicodeScalarView()
            slice.append(contentsOf: scalars[starts[index]..<max(end, starts[index])])
            let source = String(slice).trimmingTrailingWhitespace()
            return PolicySource(id: policy.id, effect: policy.effect, text: source)
        }
    }

    /// The policies with `effect` as a set of their own, parsed from their slices.
    ///
    /// Used to evaluate a tenant layer's permits without its forbids (log-only mode).
    func subset(_ effect: PolicyEffect) throws(PolicyStoreError) -> PolicySet {
        let text = sources.filter { $0.effect == effect }.map(\.text).joined(separator: "\n")
        do {
            return try PolicySet(text: text, idAnnotations: true)
        } catch {
            // INVARIANT: each slice is a whole policy cut from text that parsed, so this cannot fail; if it ever
            // did, refusing the change beats deciding with a partial set.
            throw .invalid([PolicyFinding(code: "policy.split_failed", message: "policies could not be split")])
        }
    }
}

extension String {
    /// The string without trailing spaces, tabs and line breaks.
    fileprivate func trimmingTrailingWhitespace() -> String {
        var scalars = Array(unicodeScalars)
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
