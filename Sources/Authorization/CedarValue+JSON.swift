import AgentryCore

extension CedarValue {
    /// Converts a JSON value as Cedar does without a schema: numbers must be whole `long`s, arrays become sets,
    /// `{"__entity": {"type", "id"}}` an entity, `{"__extn": {"fn", "arg"}}` an extension value, other objects
    /// records; `null` is rejected. Throws `policy.request_invalid`.
    public init(json: JSONValue) throws(CedarError) {
        self = try CedarValue(cedarJSON: CedarJSON(json), context: "value")
    }

    package init(cedarJSON json: CedarJSON, context: String) throws(CedarError) {
        switch json {
        case .null: throw .request("null is not a valid Cedar value in \(context)")
        case .bool(let flag): self = .bool(flag)
        case .integer(let number): self = .long(number)
        case .fraction: throw .request("numbers in \(context) must be 64-bit integers")
        case .string(let text): self = .string(text)
        case .array(let items):
            var set = Set<CedarValue>(minimumCapacity: items.count)
            for item in items { set.insert(try CedarValue(cedarJSON: item, context: context)) }
            self = .set(set)
        case .object(let members):
            self = try CedarValue.fromObject(members, context: context)
        }
    }

    private static func fromObject(_ members: [(String, CedarJSON)], context: String) throws(CedarError) -> CedarValue {
        if members.count == 1, members[0].0 == "__entity" {
            return .entity(try EntityUID(cedarJSON: members[0].1, context: context))
        }
        if members.count == 1, members[0].0 == "__extn" {
            return .extension(try extensionValue(members[0].1, context: context))
        }
        var record = [String: CedarValue](minimumCapacity: members.count)
        for (key, value) in members {
            guard record.insertCodePointKey(key, try CedarValue(cedarJSON: value, context: context)) else {
                throw .request("duplicate key `\(key)` in \(context)")
            }
        }
        return .record(record)
    }

    /// Evaluates an `__extn` escape: `{"fn": name, "arg": value}` or `{"fn": name, "args": [values]}`.
    private static func extensionValue(_ json: CedarJSON, context: String) throws(CedarError) -> CedarExtensionValue {
        guard let name = json["fn"]?.string, let function = CedarFunction(rawValue: name) else {
            throw .request("unknown extension function in \(context)")
        }
        var arguments: [CedarValue] = []
        if let single = json["arg"] {
            arguments = [try CedarValue(cedarJSON: single, context: context)]
        } else if case .array(let items)? = json["args"] {
            for item in items { arguments.append(try CedarValue(cedarJSON: item, context: context)) }
        }
        do {
            guard case .extension(let value) = try ExtensionFunctions.call(function, arguments) else {
                throw CedarError.request("`\(name)` does not produce an extension value in \(context)")
            }
            return value
        } catch let error as EvaluationError {
            throw .request("invalid extension value in \(context): \(error.message)")
        } catch {
            throw error as? CedarError ?? .request("invalid extension value in \(context)")
        }
    }
}

extension EntityUID {
    /// Reads `{"type": …, "id": …}` or `{"__entity": {"type": …, "id": …}}`.
    package init(cedarJSON json: CedarJSON, context: String) throws(CedarError) {
        let body = json["__entity"] ?? json
        guard let type = body["type"]?.string, let id = body["id"]?.string else {
            throw .request("expected an entity reference `{\"type\", \"id\"}` in \(context)")
        }
        self.init(type: type, id: id)
    }

    /// Reads an entity reference from a `JSONValue`; throws `policy.request_invalid`.
    public init(json: JSONValue) throws(CedarError) {
        try self.init(cedarJSON: CedarJSON(json), context: "entity reference")
    }
}
