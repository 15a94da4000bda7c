/// Reads policies in Cedar's JSON policy format; every failure is `policy.est_invalid` with a Cedar-style message.
enum PolicyJSONReader {
    static let binaryOperators: [String: BinaryOperator] = Dictionary(
        uniqueKeysWithValues: [
            BinaryOperator.equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .in, .add, .subtract,
            .multiply, .contains, .containsAll, .containsAny, .getTag, .hasTag,
        ].map { ($0.estName, $0) }
    )

    /// Reads one policy or template object under `id`.
    static func policy(_ json: CedarJSON, id: String) throws(CedarError) -> Policy {
        guard json.members != nil else { throw invalid("a policy must be a JSON object") }
        guard let effectName = json["effect"]?.string, let effect = PolicyEffect(rawValue: effectName) else {
            throw invalid("`effect` must be `permit` or `forbid`")
        }
        var conditions: [Condition] = []
        if let list = json["conditions"] {
            guard case .array(let items) = list else { throw invalid("`conditions` must be an array") }
            for item in items {
                let kind = item["kind"]?.string
                guard kind == "when" || kind == "unless", let body = item["body"] else {
                    throw invalid("a condition needs `kind` (`when` or `unless`) and `body`")
                }
                conditions.append(Condition(isWhen: kind == "when", body: try expr(body)))
            }
        }
        let annotations = try annotations(json["annotations"])
        return Policy(
            id: id,
            effect: effect,
            annotations: annotations.map { ($0.key, $0.value ?? "") },
            valuelessAnnotations: Set(annotations.filter { $0.value == nil }.map(\.key)),
            position: SourcePosition(line: 1, column: 1),
            scope: (
                try scope(json["principal"], "principal", slot: .principal), try action(json["action"]),
                try scope(json["resource"], "resource", slot: .resource)
            ),
            conditions: conditions
        )
    }

    /// Reads `{"staticPolicies", "templates", "templateLinks"}` (each optional).
    static func policySet(_ json: CedarJSON) throws(CedarError) -> PolicySet {
        guard json.members != nil else { throw invalid("a policy set must be a JSON object") }
        var policies: [Policy] = []
        for (key, wantTemplate) in [("staticPolicies", false), ("templates", true)] {
            guard let group = json[key] else { continue }
            guard let members = group.members else { throw invalid("`\(key)` must be an object") }
            for (id, body) in members {
                let policy = try self.policy(body, id: id)
                guard policy.isTemplate == wantTemplate else {
                    throw invalid(
                        wantTemplate
                            ? "template `\(id)` has no slots" : "static policy `\(id)` has slots; put it in `templates`"
                    )
                }
                policies.append(policy)
            }
        }
        return try PolicySet(policies: policies, links: try links(json["templateLinks"]))
    }

    private static func links(_ json: CedarJSON?) throws(CedarError) -> [TemplateLink] {
        guard let json else { return [] }
        guard case .array(let items) = json else { throw invalid("`templateLinks` must be an array") }
        var result: [TemplateLink] = []
        for item in items {
            guard let template = item["templateId"]?.string, let newID = item["newId"]?.string,
                let values = (item["values"] ?? .object([])).members
            else { throw invalid("a template link needs `templateId`, `newId` and `values`") }
            var bound: [SlotID: EntityUID] = [:]
            for (name, value) in values {
                guard let slot = SlotID(rawValue: name) else { throw invalid("invalid slot `\(name)`") }
                bound[slot] = try entity(value, "template link value")
            }
            result.append(TemplateLink(templateID: template, policyID: newID, values: bound))
        }
        return result
    }

    /// The annotations in order; a `null` value (an annotation written without one) is nil.
    private static func annotations(_ json: CedarJSON?) throws(CedarError) -> [(key: String, value: String?)] {
        guard let json else { return [] }
        guard let members = json.members else { throw invalid("`annotations` must be an object") }
        var result: [(key: String, value: String?)] = []
        for (key, value) in members {
            switch value {
            case .null: result.append((key, nil))
            case .string(let text): result.append((key, text))
            default: throw invalid("annotation `\(key)` must be a string or null")
            }
        }
        return result
    }

    static func entity(_ json: CedarJSON, _ what: String) throws(CedarError) -> EntityUID {
        do {
            return try EntityUID(cedarJSON: json, context: what)
        } catch {
            throw invalid(error.message)
        }
    }

    private static func scope(
        _ json: CedarJSON?,
        _ variable: String,
        slot: SlotID
    ) throws(CedarError) -> ScopeConstraint {
        guard let json, let op = json["op"]?.string else { throw invalid("`\(variable)` needs an `op`") }
        func target(_ body: CedarJSON) throws(CedarError) -> ScopeTarget {
            if let name = body["slot"]?.string {
                guard name == slot.rawValue else {
                    throw invalid(
                        "expected an entity uid or matching template slot, found \(name) instead of \(slot.rawValue)"
                    )
                }
                return .slot(slot)
            }
            guard let uid = body["entity"] else { throw invalid("`\(variable)` needs an `entity` or a `slot`") }
            return .entity(try entity(uid, variable))
        }
        switch op {
        case "All": return .any
        case "==": return .equal(try target(json))
        case "in": return .in(try target(json))
        case "is":
            guard let type = json["entity_type"]?.string else { throw invalid("`is` needs an `entity_type`") }
            guard let inner = json["in"] else { return .is(type) }
            return .isIn(type, try target(inner))
        default: throw invalid("invalid scope operator `\(op)` for `\(variable)`")
        }
    }

    private static func action(_ json: CedarJSON?) throws(CedarError) -> ActionConstraint {
        guard let json, let op = json["op"]?.string else { throw invalid("`action` needs an `op`") }
        switch op {
        case "All": return .any
        case "==":
            guard let uid = json["entity"] else { throw invalid("expected single entity uid, found template slot") }
            return .equal(try entity(uid, "action"))
        case "in":
            if let uid = json["entity"] { return .in([try entity(uid, "action")]) }
            guard case .array(let items)? = json["entities"] else { throw invalid("`action` `in` needs `entities`") }
            var uids: [EntityUID] = []
            for item in items { uids.append(try entity(item, "action")) }
            return .in(uids)
        default: throw invalid("invalid scope operator `\(op)` for `action`")
        }
    }

    static func invalid(_ message: String) -> CedarError {
        CedarError(code: "policy.est_invalid", message: message)
    }
}
