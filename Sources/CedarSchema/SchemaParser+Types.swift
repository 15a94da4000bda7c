extension SchemaParser {
    /// `Type ::= Path | 'Set' '<' Type '>' | RecType`
    mutating func typeExpr() throws(SchemaError) -> SchemaFragment.TypeExpr {
        typeDepth += 1
        defer { typeDepth -= 1 }
        guard typeDepth <= Self.maximumTypeDepth else {
            throw SchemaError(
                parse: "type is nested too deeply: the limit is \(Self.maximumTypeDepth) levels",
                line: current.line,
                column: current.column
            )
        }
        if isSymbol("{") { return try recordType() }
        let name = try path()
        if name == "Set", accept("<") {
            let element = try typeExpr()
            try expect(">")
            return .set(element)
        }
        return .name(name)
    }

    /// `RecType ::= '{' [AttrDecls] '}'`, where `AttrDecls ::= Name ['?'] ':' Type [',' AttrDecls]`.
    mutating func recordType() throws(SchemaError) -> SchemaFragment.TypeExpr {
        try expect("{")
        var attributes: [SchemaFragment.Attribute] = []
        while !accept("}") {
            try skipAnnotations()
            let (line, column) = (current.line, current.column)
            let name = try name(expected: "an attribute name")
            let isRequired = !accept("?")
            try expect(":")
            guard !attributes.contains(where: { $0.name.hasSameCodePoints(as: name) }) else {
                throw SchemaError(parse: "duplicate attribute `\(name)`", line: line, column: column)
            }
            attributes.append(.init(name: name, type: try typeExpr(), isRequired: isRequired))
            if !isSymbol("}") { try expect(",") }
        }
        return .record(attributes)
    }

    private mutating func skipAnnotations() throws(SchemaError) {
        while accept("@") {
            _ = try identifier(expected: "an annotation name")
            if accept("(") {
                guard case .string = current.kind else { throw unexpected(expected: "a string literal") }
                advance()
                try expect(")")
            }
        }
    }

    /// `action Names ['in' RefOrRefs] [AppliesTo] ';'`
    mutating func actionDeclaration() throws(SchemaError) -> [SchemaFragment.ActionDecl] {
        var names = [try name(expected: "an action name")]
        while accept(",") { names.append(try name(expected: "an action name")) }
        var decl = SchemaFragment.ActionDecl(name: "")
        if acceptKeyword("in") {
            if accept("[") {
                while !accept("]") {
                    decl.memberOf.append(try actionRef())
                    if !isSymbol("]") { try expect(",") }
                }
            } else {
                decl.memberOf = [try actionRef()]
            }
        }
        if acceptKeyword("appliesTo") { decl.appliesTo = try checkedAppliesTo(for: names) }
        if acceptKeyword("attributes") {
            throw SchemaError(
                parse: "action attributes are not supported",
                line: current.line,
                column: current.column
            )
        }
        try expect(";")
        return names.map { name in
            var copy = decl
            copy.name = name
            return copy
        }
    }

    /// An `appliesTo` block, which must name at least one principal and one resource type.
    private mutating func checkedAppliesTo(for names: [String]) throws(SchemaError) -> SchemaFragment.AppliesTo {
        let (line, column) = (current.line, current.column)
        let applies = try appliesTo()
        for (role, types) in [("principal", applies.principalTypes), ("resource", applies.resourceTypes)] {
            guard let types else {
                let name = names.joined(separator: "`, `")
                throw SchemaError(parse: "missing `\(role)` declaration for `\(name)`", line: line, column: column)
            }
            guard !types.isEmpty else {
                throw SchemaError(
                    parse: "for action `\(names[0])`, `\(role)` is `[]`, which is invalid",
                    line: line,
                    column: column
                )
            }
        }
        return SchemaFragment.AppliesTo(
            principalTypes: applies.principalTypes ?? [],
            resourceTypes: applies.resourceTypes ?? [],
            context: applies.context
        )
    }

    /// `Ref ::= Path '::' STR | Name`
    private mutating func actionRef() throws(SchemaError) -> SchemaFragment.ActionRef {
        if case .string(let id) = current.kind {
            advance()
            return .init(type: nil, id: id)
        }
        let path = try path()
        if accept("::") {
            guard case .string(let id) = current.kind else { throw unexpected(expected: "a string literal") }
            advance()
            return .init(type: path, id: id)
        }
        return .init(type: nil, id: path)
    }

    /// `AppliesTo ::= 'appliesTo' '{' AppDecls '}'`
    private mutating func appliesTo() throws(SchemaError)
        -> (principalTypes: [String]?, resourceTypes: [String]?, context: SchemaFragment.TypeExpr?)
    {
        try expect("{")
        var result: (principalTypes: [String]?, resourceTypes: [String]?, context: SchemaFragment.TypeExpr?)
        result = (nil, nil, nil)
        var seen: Set<String> = []
        while !accept("}") {
            let (line, column) = (current.line, current.column)
            let key = try identifier(expected: "`principal`, `resource` or `context`")
            guard seen.insert(key).inserted else {
                throw SchemaError(parse: "duplicate `\(key)` declaration in `appliesTo`", line: line, column: column)
            }
            try expect(":")
            switch key {
            case "principal": result.principalTypes = try typeList()
            case "resource": result.resourceTypes = try typeList()
            case "context": result.context = isSymbol("{") ? try recordType() : .name(try path())
            default:
                throw SchemaError(
                    parse: "unexpected token `\(key)`, expected `principal`, `resource` or `context`",
                    line: line,
                    column: column
                )
            }
            if !isSymbol("}") { try expect(",") }
        }
        return result
    }
}
