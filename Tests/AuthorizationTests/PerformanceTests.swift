import Foundation
import Testing

@testable import Authorization

@Suite("Performance")
struct PerformanceTests {
    /// One hundred policies mixing scope, attribute, set, `like` and extension checks.
    static func policyText() -> String {
        (0..<100).map { index in
            switch index % 4 {
            case 0:
                "permit(principal in Group::\"g\(index)\", action in [Action::\"read\", Action::\"write\"], "
                    + "resource is Doc) when { context.n > \(index) && principal.age >= 18 };"
            case 1:
                "forbid(principal, action == Action::\"delete\", resource) when { principal.name like \"*\(index)*\" };"
            case 2:
                "permit(principal, action, resource) when { principal.labels.containsAny([\"l\(index)\"]) && "
                    + "context.src.isInRange(ip(\"10.\(index).0.0/16\")) };"
            default:
                "permit(principal == User::\"u\(index)\", action, resource) unless { context.flag };"
            }
        }.joined(separator: "\n")
    }

    @Test("a decision over 100 policies stays fast")
    func decisionLatency() throws {
        let policies = try PolicySet(text: Self.policyText())
        let entities = try Fixtures.entities()
        let request = try Fixtures.request()
        let authorizer = Authorizer()
        var samples: [UInt64] = []
        for _ in 0..<2_000 {
            let start = DispatchTime.now().uptimeNanoseconds
            let response = authorizer.isAuthorized(request, policies: policies, entities: entities)
            samples.append(DispatchTime.now().uptimeNanoseconds - start)
            #expect(response.errors.isEmpty)
        }
        samples.sort()
        let p99 = Double(samples[samples.count * 99 / 100]) / 1_000
        let median = Double(samples[samples.count / 2]) / 1_000
        print("100-policy decision: median \(median) µs, p99 \(p99) µs")
        // Debug builds are several times slower than release, and other suites share the cores, so only the
        // median is bounded here; the release target (p99 < 50 µs) is checked with `swift test -c release`.
        #expect(median < 2_000)
    }
}
