import Federation
import Foundation
import Identity
import Testing

@Suite("FederatedIssuerConfig decoding and validation")
struct FederatedIssuerConfigTests {
    @Test("decodes the documented JSON shape with defaults")
    func decodes() throws {
        let json = """
            {"issuer": "https://login.microsoftonline.com/72f9/v2.0",
             "discoveryURL": "https://login.microsoftonline.com/72f9/v2.0/.well-known/openid-configuration",
             "audiences": ["api://agentry"], "tenantID": "contoso", "tenantClaim": "tid",
             "tenantClaimValues": {"72f9": "contoso"}, "attributeMapping": {"roles": "roles"},
             "allowedAlgorithms": ["RS256"]}
            """
        let config = try JSONDecoder().decode(FederatedIssuerConfig.self, from: Data(json.utf8))
        try config.validate()
        #expect(config.tenant == TenantBinding(tenantIDs: ["contoso"], claim: "tid", valueMap: ["72f9": "contoso"]))
        #expect(config.allowedAlgorithms == [.rs256])
        #expect(config.clientIDs.isEmpty)
        #expect(config.clockSkew == 60)

        let again = try JSONDecoder().decode(FederatedIssuerConfig.self, from: JSONEncoder().encode(config))
        #expect(again.tenant == config.tenant)
        #expect(again.discoveryURL == config.discoveryURL)
    }

    @Test(
        "refuses invalid entries and names the field",
        arguments: [
            (#"{"issuer": "https://a", "audiences": ["x"], "tenantID": "t"}"#, "`issuers[0]`"),
            (
                #"{"issuer": "https://a", "jwksURI": "http://idp.example/jwks", "audiences": ["x"], "tenantID": "t"}"#,
                "`issuers[0].jwksURI`"
            ),
            (
                #"{"issuer": "https://a", "jwksURI": "https://a/j", "audiences": [], "tenantID": "t"}"#,
                "`issuers[0].audiences`"
            ),
            (
                #"{"issuer": "https://a", "jwksURI": "https://a/j", "audiences": ["x"], "tenantIDs": ["t", "u"]}"#,
                "`issuers[0].tenantClaim`"
            ),
            (
                #"{"issuer": "https://a", "jwksURI": "https://a/j", "audiences": ["x"], "tenantIDs": []}"#,
                "`issuers[0].tenantIDs`"
            ),
            (
                #"{"issuer": "https://a", "jwksURI": "https://a/j", "audiences": ["x"], "tenantID": "t", "#
                    + #""tenantClaim": "tid", "tenantClaimValues": {"v": "other"}}"#,
                "`issuers[0].tenantClaimValues`"
            ),
            (
                #"{"issuer": "https://a", "jwksURI": "https://a/j", "audiences": ["x"], "tenantID": "t", "#
                    + #""clockSkewSeconds": 900}"#,
                "`issuers[0].clockSkewSeconds`"
            ),
        ]
    )
    func refusesInvalid(json: String, field: String) throws {
        let config = try JSONDecoder().decode(FederatedIssuerConfig.self, from: Data(json.utf8))
        do {
            _ = try FederatedVerifier(issuers: [config])
            Issue.record("an invalid configuration was accepted")
        } catch let error as FederationError {
            #expect(error.code == "federation.config_invalid")
            #expect(error.message.hasPrefix(field))
        }
    }

    @Test("refuses two entries with the same issuer")
    func duplicateIssuer() throws {
        let config = FederatedIssuerConfig(
            issuer: "https://a",
            jwksURI: URL(string: "https://a/j"),
            audiences: ["x"],
            tenant: TenantBinding(tenantIDs: ["t"])
        )
        #expect(throws: FederationError.configInvalid("issuers[1].issuer", "repeats another entry's issuer")) {
            try FederatedVerifier(issuers: [config, config])
        }
    }

    @Test("a multi-tenant issuer resolves each token's tenant from its claim")
    func multiTenantBinding() throws {
        let binding = TenantBinding(tenantIDs: ["acme", "globex"], claim: "custom:tenant_id")
        #expect(try binding.resolve(["custom:tenant_id": "globex"]) == "globex")
        #expect(throws: FederationError.tenantMismatch) { try binding.resolve(["custom:tenant_id": "initech"]) }
        #expect(throws: FederationError.tenantMismatch) { try binding.resolve(["custom:tenant_id": 7]) }
        #expect(throws: FederationError.tenantMismatch) { try binding.resolve([:]) }
    }
}
