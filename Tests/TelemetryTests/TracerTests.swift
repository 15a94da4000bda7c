import AgentryCore
import Synchronization
import Testing

@testable import Telemetry

@Suite("Tracer and spans")
struct TracerTests {
    @Test("a child span shares the trace, gets a new id and points at its parent")
    func parentChild() throws {
        let tracer = Tracer()
        let parent = tracer.startSpan(name: "edge.request", tenant: "acme", kind: .server)
        let child = tracer.startSpan(name: "runtime.invoke", tenant: "acme", kind: .client, parent: parent.context)
        child.end()
        parent.end()

        let spans = tracer.recentSpans(traceID: parent.context.traceID)
        #expect(spans.map(\.name) == ["runtime.invoke", "edge.request"])
        let recordedParent = try #require(spans.last)
        let recordedChild = try #require(spans.first)
        #expect(recordedParent.parentSpanID == nil)
        #expect(recordedChild.parentSpanID == recordedParent.spanID)
        #expect(recordedChild.traceID == recordedParent.traceID)
        #expect(recordedChild.spanID != recordedParent.spanID)
        #expect(recordedChild.kind == .client)
    }

    @Test("a span continuing an inbound traceparent is that span's child")
    func inboundParent() throws {
        let inbound = try TraceContext(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
        let tracer = Tracer()
        let span = tracer.startSpan(name: "edge.request", tenant: "acme", parent: inbound)
        #expect(span.context.traceparent.hasPrefix("00-4bf92f3577b34da6a3ce929d0e0e4736-"))
        span.end()
        let recorded = try #require(tracer.recentSpans(name: "edge.request").first)
        #expect(recorded.traceID == inbound.traceID)
        #expect(recorded.parentSpanID == "00f067aa0ba902b7")
    }

    @Test("a span ended without a tenant is flagged with an error status and counted")
    func missingTenant() throws {
        let tracer = Tracer()
        tracer.startSpan(name: "untagged").end(status: .ok)
        tracer.startSpan(name: "empty", attributes: ["tenant.id": ""]).end(status: .ok)
        tracer.startSpan(name: "wrong-type", attributes: ["tenant.id": 7]).end(status: .ok)
        tracer.startSpan(name: "tagged", tenant: "acme").end(status: .ok)
        tracer.startSpan(name: "platform", tenant: Tracer.platformTenant).end(status: .ok)
        let late = tracer.startSpan(name: "tagged-late")
        late.setTenant("globex")
        late.end(status: .ok)

        #expect(tracer.missingTenantCount == 3)
        #expect(tracer.finishedCount == 6)
        for name in ["untagged", "empty", "wrong-type"] {
            let span = try #require(tracer.recentSpans(name: name).first)
            #expect(span.status == .error(code: "telemetry.missing_tenant"), "\(name)")
        }
        for name in ["tagged", "platform", "tagged-late"] {
            let span = try #require(tracer.recentSpans(name: name).first)
            #expect(span.status == .ok, "\(name)")
        }
    }

    @Test("withSpan ends ok on return and with the error's code on throw")
    func withSpan() async throws {
        let tracer = Tracer()
        let value = await tracer.withSpan(name: "work", attributes: ["tenant.id": "acme"]) { span in
            span.setAttribute("items", 3)
            return 42
        }
        #expect(value == 42)
        let ok = try #require(tracer.recentSpans(name: "work").first)
        #expect(ok.status == .ok)
        #expect(ok.attributes["items"] == .int(3))

        await #expect(throws: CodedError.self) {
            try await tracer.withSpan(name: "failing", attributes: ["tenant.id": "acme"]) { _ in
                throw CodedError.forbidden("denied", code: "gateway.tool_denied")
            }
        }
        let failed = try #require(tracer.recentSpans(name: "failing").first)
        #expect(failed.status == .error(code: "gateway.tool_denied"))

        let child = await tracer.withSpan(name: "tagged", tenant: "acme", parent: ok.context) { span in
            span.context
        }
        let tagged = try #require(tracer.recentSpans(name: "tagged").first)
        #expect(tagged.tenantID == "acme")
        #expect(tagged.spanID == child.spanID)
        #expect(tagged.parentSpanID == ok.spanID)
    }

    @Test("only the first end counts and later changes are ignored")
    func endOnce() throws {
        let tracer = Tracer()
        let span = tracer.startSpan(name: "once", tenant: "acme")
        span.addEvent("checkpoint", attributes: ["step": 1])
        span.end(status: .error(code: "runtime.timeout"))
        span.setAttribute("after", true)
        span.end(status: .ok)

        #expect(tracer.finishedCount == 1)
        let recorded = try #require(tracer.recentSpans(name: "once").first)
        #expect(recorded.status == .error(code: "runtime.timeout"))
        #expect(recorded.attributes["after"] == nil)
        #expect(recorded.events.map(\.name) == ["checkpoint"])
    }

    @Test("times come from the clock in nanoseconds")
    func clock() throws {
        let ticks = Mutex<UInt64>(1_700_000_000_000_000_000)
        let tracer = Tracer {
            ticks.withLock { now in
                now += 1_500
                return now
            }
        }
        tracer.startSpan(name: "timed", tenant: "acme").end()
        let span = try #require(tracer.recentSpans().first)
        #expect(span.startTimeUnixNano == 1_700_000_000_000_001_500)
        #expect(span.endTimeUnixNano == 1_700_000_000_000_003_000)
        #expect(span.durationNanoseconds == 1_500)
    }

    @Test("the ring keeps the newest spans, oldest first")
    func ring() {
        let tracer = Tracer(capacity: 3)
        for index in 0..<5 { tracer.startSpan(name: "span-\(index)", tenant: "acme").end() }
        #expect(tracer.recentSpans().map(\.name) == ["span-2", "span-3", "span-4"])
        #expect(tracer.recentSpans(limit: 2).map(\.name) == ["span-3", "span-4"])
        #expect(tracer.recentSpans(name: "span-0").isEmpty)
        #expect(tracer.finishedCount == 5)
    }

    @Test("spans ended concurrently are all recorded")
    func concurrent() async {
        let tracer = Tracer(capacity: 1_000)
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                group.addTask { tracer.startSpan(name: "task-\(index % 4)", tenant: "acme").end() }
            }
        }
        #expect(tracer.finishedCount == 200)
        #expect(tracer.recentSpans(name: "task-1").count == 50)
    }
}
