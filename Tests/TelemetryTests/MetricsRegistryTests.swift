import Testing

@testable import Telemetry

@Suite("Prometheus metrics")
struct MetricsRegistryTests {
    @Test("a counter renders HELP, TYPE and one series per tenant and label set")
    func counter() throws {
        let registry = MetricsRegistry()
        let requests = try registry.counter("agentry_requests_total", help: "Requests handled.")
        requests.increment(tenant: "acme", labels: ["route": "/invocations"])
        requests.increment(tenant: "acme", labels: ["route": "/invocations"], by: 2)
        requests.increment(tenant: "globex", labels: ["route": "/invocations"])
        requests.increment(tenant: "globex", labels: ["route": "/invocations"], by: -5)

        #expect(
            registry.renderPrometheus() == """
                # HELP agentry_requests_total Requests handled.
                # TYPE agentry_requests_total counter
                agentry_requests_total{route="/invocations",tenant="acme"} 3
                agentry_requests_total{route="/invocations",tenant="globex"} 1

                """
        )
    }

    @Test("a histogram renders cumulative buckets, +Inf, sum and count")
    func histogram() throws {
        let registry = MetricsRegistry()
        let latency = try registry.histogram("agentry_latency_seconds", help: "Latency.", buckets: [1, 0.1, 0.5])
        for value in [0.05, 0.1, 0.3, 0.7, 3] { latency.observe(value, tenant: "acme") }

        #expect(latency.buckets == [0.1, 0.5, 1])
        #expect(
            registry.renderPrometheus() == """
                # HELP agentry_latency_seconds Latency.
                # TYPE agentry_latency_seconds histogram
                agentry_latency_seconds_bucket{tenant="acme",le="0.1"} 2
                agentry_latency_seconds_bucket{tenant="acme",le="0.5"} 3
                agentry_latency_seconds_bucket{tenant="acme",le="1"} 4
                agentry_latency_seconds_bucket{tenant="acme",le="+Inf"} 5
                agentry_latency_seconds_sum{tenant="acme"} 4.15
                agentry_latency_seconds_count{tenant="acme"} 5

                """
        )
    }

    @Test("label values and help text are escaped and an empty tenant stands out")
    func escaping() throws {
        let registry = MetricsRegistry()
        let counter = try registry.counter("odd-name.total", help: "line one\nback\\slash")
        counter.increment(tenant: "", labels: ["path": "a\"b\\c\nd", "bad-label": "x", "tenant": "spoofed"])
        let text = registry.renderPrometheus()
        #expect(text.contains("# HELP odd_name_total line one\\nback\\\\slash\n"))
        #expect(text.contains(#"odd_name_total{bad_label="x",path="a\"b\\c\nd",tenant="_missing"} 1"#))
        #expect(!text.contains("spoofed"))
    }

    @Test("registering a name again returns the same metric, with another type it throws")
    func registration() throws {
        let registry = MetricsRegistry()
        try registry.counter("agentry_calls_total", help: "Calls.").increment(tenant: "acme")
        try registry.counter("agentry_calls_total", help: "Calls.").increment(tenant: "acme")
        #expect(registry.renderPrometheus().contains("agentry_calls_total{tenant=\"acme\"} 2"))
        #expect(throws: TelemetryError.self) { try registry.histogram("agentry_calls_total", help: "Calls.") }
    }

    @Test("metrics are sorted by name and counts stay exact under concurrency")
    func concurrency() async throws {
        let registry = MetricsRegistry()
        let zeta = try registry.counter("zeta_total", help: "Z.")
        let alpha = try registry.histogram("alpha_seconds", help: "A.")
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<400 {
                group.addTask {
                    zeta.increment(tenant: index % 2 == 0 ? "acme" : "globex")
                    alpha.observe(0.2, tenant: "acme")
                }
            }
        }
        let text = registry.renderPrometheus()
        #expect(text.contains("zeta_total{tenant=\"acme\"} 200\n"))
        #expect(text.contains("zeta_total{tenant=\"globex\"} 200\n"))
        #expect(text.contains("alpha_seconds_count{tenant=\"acme\"} 400\n"))
        let alphaIndex = try #require(text.range(of: "# HELP alpha_seconds"))
        let zetaIndex = try #require(text.range(of: "# HELP zeta_total"))
        #expect(alphaIndex.lowerBound < zetaIndex.lowerBound)
    }
}
