import Testing

@testable import Authorization

@Suite("Templates and links")
struct TemplateTests {
    static let text = """
        permit(principal == ?principal, action == Action::"read", resource in ?resource);
        forbid(principal in ?principal, action, resource) when { context.flag };
        permit(principal, action, resource is Doc);
        """

    static let alice = EntityUID(type: "User", id: "alice")
    static let staff = EntityUID(type: "Group", id: "staff")
    static let doc = EntityUID(type: "Doc", id: "d1")

    func decide(_ set: PolicySet, principal: String = "alice") throws -> AuthorizationResponse {
        Authorizer().isAuthorized(
            try Fixtures.request(principal: principal),
            policies: set,
            entities: try Fixtures.entities()
        )
    }

    @Test("a linked template evaluates with its slots filled and is reported under the link id")
    func linkedEvaluation() throws {
        var set = try PolicySet(text: Self.text)
        #expect(set.templates.map(\.id) == ["policy0", "policy1"])
        #expect(try decide(set).reasons == ["policy2"])

        try set.link(
            templateID: "policy0",
            newID: "alice-reads-d1",
            values: [.principal: Self.alice, .resource: Self.doc]
        )
        #expect(set.linkedPolicies.map(\.id) == ["alice-reads-d1"])
        #expect(set.policy(id: "alice-reads-d1")?.templateID == "policy0")
        #expect(try decide(set).reasons == ["alice-reads-d1", "policy2"])
        #expect(try decide(set, principal: "bob").reasons == ["policy2"])

        try set.link(templateID: "policy1", newID: "staff-flag", values: [.principal: Self.staff])
        let denied = try decide(set)
        #expect(denied.decision == .deny)
        #expect(denied.reasons == ["staff-flag"])
        #expect(set.policyIDs == ["policy0", "policy1", "policy2", "alice-reads-d1", "staff-flag"])
    }

    @Test("unlinking removes the linked policy but keeps the template")
    func unlink() throws {
        var set = try PolicySet(text: Self.text)
        try set.link(templateID: "policy1", newID: "l1", values: [.principal: Self.staff])
        #expect(try decide(set).decision == .deny)
        try set.unlink(id: "l1")
        #expect(try decide(set).decision == .allow)
        #expect(set.links.isEmpty && set.templates.count == 2)
        #expect(throws: CedarError.self) { try set.unlink(id: "l1") }
        #expect(throws: CedarError.self) { try set.unlink(id: "policy2") }
    }

    @Test(
        "linking errors are refused with Cedar's messages",
        arguments: [
            ("nope", "x", [SlotID.principal: alice], "failed to find a template with id `nope`"),
            ("policy2", "x", [:], "expected a template, but a static policy was provided"),
            ("policy0", "x", [.principal: alice], "the following slots were not provided as arguments: ?resource"),
            (
                "policy1", "x", [.principal: alice, .resource: doc],
                "the following slots were provided as arguments, but did not exist in the template: ?resource"
            ),
            (
                "policy1", "policy2", [.principal: alice],
                "template-linked policy id `policy2` conflicts with an existing policy id"
            ),
        ]
    )
    func linkErrors(template: String, newID: String, values: [SlotID: EntityUID], message: String) throws {
        var set = try PolicySet(text: Self.text)
        do {
            try set.link(templateID: template, newID: newID, values: values)
            Issue.record("linking should fail")
        } catch {
            #expect(error.code == "policy.link_error")
            #expect(error.message.contains(message), "\(error.message)")
        }
        #expect(set.links.isEmpty)
    }

    @Test("a template with links cannot be removed until it is unlinked")
    func removeTemplate() throws {
        var set = try PolicySet(text: Self.text)
        try set.link(templateID: "policy1", newID: "l1", values: [.principal: Self.staff])
        #expect(throws: CedarError.self) { try set.removeTemplate(id: "policy1") }
        try set.unlink(id: "l1")
        try set.removeTemplate(id: "policy1")
        #expect(set.policyIDs == ["policy0", "policy2"])
        #expect(throws: CedarError.self) { try set.removeTemplate(id: "policy2") }
    }

    @Test("slots are allowed only in the scope, as in Cedar")
    func slotsInConditions() {
        #expect(throws: CedarError.self) {
            try PolicySet(text: "permit(principal, action, resource) when { principal == ?principal };")
        }
        #expect(throws: CedarError.self) { try PolicySet(text: "permit(principal, action == ?action, resource);") }
    }

    @Test("links survive the JSON policy set format")
    func linksInJSON() throws {
        var set = try PolicySet(text: Self.text)
        try set.link(templateID: "policy0", newID: "l0", values: [.principal: Self.alice, .resource: Self.doc])
        let json = set.jsonText()
        #expect(json.contains("\"templateLinks\":[{\"templateId\":\"policy0\",\"newId\":\"l0\""))
        let back = try PolicySet(jsonText: json)
        #expect(back.links == set.links)
        #expect(try decide(back).reasons == ["l0", "policy2"])
    }
}
