import Foundation
import Testing

@testable import Telemetry

@Suite("OTLP/HTTP JSON export", .enabled(if: LoopbackCollector.pythonAvailable, "needs python3 for the receiver"))
struct OTLPHTTPExporterTests {
    private func exporter(
        _ collector: LoopbackCollector,
        interval: Duration = .seconds(60),
        maxQueueSize: Int = 2048
    ) throws -> OTLPHTTPExporter {
        let endpoint = try #require(OTLPExporterConfiguration.tracesURL(base: collector.baseURL))
        return OTLPHTTPExporter(
            configuration: OTLPExporterConfiguration(
                tracesEndpoint: endpoint,
                serviceName: "agentry-test",
                resourceAttributes: ["deployment.environment": "test"],
                flushInterval: interval,
                maxQueueSize: maxQueueSize,
                requestTimeout: .seconds(5)
            )
        )
    }

    @Test("spans arrive at /v1/traces as OTLP JSON with hex ids, string int64s and integer enums")
    func shape() async throws {
        let collector = try LoopbackCollector()
        let exporter = try exporter(collector)
        let tracer = Tracer(exporter: exporter)

        let parent = tracer.startSpan(name: "edge.request", tenant: "acme", kind: .server)
        let child = tracer.startSpan(
            name: "gateway.tools_call",
            tenant: "acme",
            kind: .client,
            parent: parent.context,
            attributes: ["tool.calls": 42, "ratio": 0.25, "cached": true, "tool.name": "search"]
        )
        child.addEvent("policy.evaluated", attributes: ["policies": 3])
        child.end(status: .error(code: "gateway.tool_denied"))
        parent.end(status: .ok)
        #expect(await exporter.flush())

        let requests = await collector.waitFor(requests: 1)
        let request = try #require(requests.first)
        #expect(request.path == "/v1/traces")
        #expect(request.contentType == "application/json")

        let resourceSpans = try #require(request.body["resourceSpans"] as? [[String: Any]])
        #expect(resourceSpans.count == 1)
        let resource = try #require(resourceSpans[0]["resource"] as? [String: Any])
        let resourceAttributes = try #require(resource["attributes"] as? [[String: Any]])
        #expect(stringAttribute(resourceAttributes, "service.name") == "agentry-test")
        #expect(stringAttribute(resourceAttributes, "deployment.environment") == "test")
        let scopeSpans = try #require(resourceSpans[0]["scopeSpans"] as? [[String: Any]])
        let scope = try #require(scopeSpans[0]["scope"] as? [String: Any])
        #expect(scope["name"] as? String == "agentry")

        let spans = try #require(scopeSpans[0]["spans"] as? [[String: Any]])
        #expect(spans.count == 2)
        let sentChild = try #require(spans.first { $0["name"] as? String == "gateway.tools_call" })
        let sentParent = try #require(spans.first { $0["name"] as? String == "edge.request" })
        try expectChildShape(sentChild, parent: sentParent, context: child.context)
    }

    private func expectChildShape(_ span: [String: Any], parent: [String: Any], context: TraceContext) throws {
        // Ids: lower-case hex, linked to the parent.
        #expect(span["traceId"] as? String == context.traceID)
        #expect(span["spanId"] as? String == context.spanID)
        #expect(span["parentSpanId"] as? String == parent["spanId"] as? String)
        #expect(parent["parentSpanId"] == nil)
        #expect(isLowerHex(span["traceId"], length: 32) && isLowerHex(span["spanId"], length: 16))

        // Enums as integers, 64-bit integers as decimal strings.
        #expect(span["kind"] as? Int == 3)
        #expect(parent["kind"] as? Int == 2)
        let start = try #require(span["startTimeUnixNano"] as? String)
        let end = try #require(span["endTimeUnixNano"] as? String)
        #expect(try #require(UInt64(start)) <= (try #require(UInt64(end))))

        let attributes = try #require(span["attributes"] as? [[String: Any]])
        let values = Dictionary(
            uniqueKeysWithValues: attributes.compactMap { attribute in
                (attribute["key"] as? String).map { ($0, attribute["value"] as? [String: Any] ?? [:]) }
            }
        )
        #expect(values["tool.calls"]?["intValue"] as? String == "42")
        #expect(values["ratio"]?["doubleValue"] as? Double == 0.25)
        #expect(values["cached"]?["boolValue"] as? Bool == true)
        #expect(values["tool.name"]?["stringValue"] as? String == "search")
        #expect(values["tenant.id"]?["stringValue"] as? String == "acme")

        let status = try #require(span["status"] as? [String: Any])
        #expect(status["code"] as? Int == 2)
        #expect(status["message"] as? String == "gateway.tool_denied")
        #expect((parent["status"] as? [String: Any])?["code"] as? Int == 1)

        let events = try #require(span["events"] as? [[String: Any]])
        #expect(events.first?["name"] as? String == "policy.evaluated")
        #expect(UInt64(events.first?["timeUnixNano"] as? String ?? "") != nil)
    }

    @Test("the background loop flushes on its interval and shutdown sends what is left")
    func backgroundAndShutdown() async throws {
        let collector = try LoopbackCollector()
        let fast = try exporter(collector, interval: .milliseconds(100))
        fast.start()
        Tracer(exporter: fast).startSpan(name: "tick", tenant: "acme").end()
        let afterTick = await collector.waitFor(requests: 1)
        #expect(afterTick.count == 1)
        await fast.shutdown()

        let slow = try exporter(collector, interval: .seconds(60))
        slow.start()
        Tracer(exporter: slow).startSpan(name: "final", tenant: "acme").end()
        await slow.shutdown()
        let names = collector.receivedSpans().compactMap { $0["name"] as? String }
        #expect(names == ["tick", "final"])
        #expect(slow.statistics.exported == 1)
        #expect(slow.statistics.dropped == 0)

        // After shutdown, spans are counted as dropped rather than queued forever.
        slow.enqueue(sampleSpan())
        #expect(slow.statistics.dropped == 1)
    }

    @Test("a retryable failure keeps the batch and the next flush delivers it once")
    func retry() async throws {
        let collector = try LoopbackCollector(failFirst: 1)
        let exporter = try exporter(collector)
        let tracer = Tracer(exporter: exporter)
        for index in 0..<3 { tracer.startSpan(name: "retry-\(index)", tenant: "acme").end() }

        #expect(await exporter.flush() == false)
        #expect(exporter.statistics.failedRequests == 1)
        #expect(exporter.statistics.queued == 3)

        #expect(await exporter.flush())
        #expect(exporter.statistics == OTLPExporterStatistics(exported: 3, dropped: 0, failedRequests: 1, queued: 0))
        let names = collector.receivedSpans().compactMap { $0["name"] as? String }
        #expect(names == ["retry-0", "retry-1", "retry-2"])
    }

    @Test("a full queue drops the oldest spans and counts them")
    func boundedQueue() async throws {
        let collector = try LoopbackCollector()
        let exporter = try exporter(collector, maxQueueSize: 3)
        let tracer = Tracer(exporter: exporter)
        for index in 0..<5 { tracer.startSpan(name: "queued-\(index)", tenant: "acme").end() }
        #expect(exporter.statistics.dropped == 2)
        #expect(exporter.statistics.queued == 3)

        #expect(await exporter.flush())
        let names = collector.receivedSpans().compactMap { $0["name"] as? String }
        #expect(names == ["queued-2", "queued-3", "queued-4"])
    }

    @Test("an unreachable collector neither blocks the caller nor throws")
    func unreachable() async throws {
        let collector = try LoopbackCollector()
        let exporter = try exporter(collector)
        collector.stop()
        let tracer = Tracer(exporter: exporter)

        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for index in 0..<1_000 { tracer.startSpan(name: "lost-\(index % 3)", tenant: "acme").end() }
        }
        #expect(elapsed < .seconds(2))
        #expect(await exporter.flush() == false)
        #expect(exporter.statistics.failedRequests >= 1)
        await exporter.shutdown()
        #expect(exporter.statistics.dropped == 1_000)
        #expect(exporter.statistics.exported == 0)
    }

    private func stringAttribute(_ attributes: [[String: Any]], _ key: String) -> String? {
        let match = attributes.first { $0["key"] as? String == key }
        return (match?["value"] as? [String: Any])?["stringValue"] as? String
    }

    private func isLowerHex(_ value: Any?, length: Int) -> Bool {
        guard let text = value as? String else { return false }
        return text.count == length && text.allSatisfy { "0123456789abcdef".contains($0) }
    }

    private func sampleSpan() -> Span {
        Span(
            name: "sample",
            traceID: TraceContext.newTraceID(),
            spanID: TraceContext.newSpanID(),
            parentSpanID: nil,
            kind: .internal,
            startTimeUnixNano: 1,
            endTimeUnixNano: 2,
            attributes: ["tenant.id": "acme"],
            status: .ok
        )
    }
}

@Suite("OTLP exporter configuration")
struct OTLPExporterConfigurationTests {
    @Test("the traces endpoint variable is used as is and wins over the base endpoint")
    func tracesEndpoint() throws {
        let configuration = try #require(
            OTLPExporterConfiguration.fromEnvironment([
                "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": "http://127.0.0.1:9999/custom/path",
            ])
        )
        #expect(configuration.tracesEndpoint.absoluteString == "http://127.0.0.1:9999/custom/path")
        #expect(configuration.serviceName == "agentry")
        #expect(configuration.flushInterval == .seconds(1))
    }

    @Test(
        "the base endpoint gets /v1/traces appended",
        arguments: [
            ("http://127.0.0.1:4318", "http://127.0.0.1:4318/v1/traces"),
            ("http://127.0.0.1:4318/", "http://127.0.0.1:4318/v1/traces"),
            ("https://collector.internal/otlp", "https://collector.internal/otlp/v1/traces"),
        ]
    )
    func baseEndpoint(base: String, expected: String) throws {
        let configuration = try #require(
            OTLPExporterConfiguration.fromEnvironment(["OTEL_EXPORTER_OTLP_ENDPOINT": base])
        )
        #expect(configuration.tracesEndpoint.absoluteString == expected)
    }

    @Test("service name, resource attributes and headers come from their variables")
    func otherVariables() throws {
        let configuration = try #require(
            OTLPExporterConfiguration.fromEnvironment([
                "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318",
                "OTEL_SERVICE_NAME": "agentry-eu",
                "OTEL_RESOURCE_ATTRIBUTES": "deployment.environment=prod,service.name=ignored,team=a%20b",
                "OTEL_EXPORTER_OTLP_HEADERS": "x-api-key=one,x-other=two",
                "OTEL_EXPORTER_OTLP_TRACES_HEADERS": "x-api-key=three",
            ])
        )
        #expect(configuration.serviceName == "agentry-eu")
        #expect(configuration.resourceAttributes == ["deployment.environment": "prod", "team": "a b"])
        #expect(configuration.headers == ["x-api-key": "three", "x-other": "two"])
    }

    @Test("export is off when no endpoint is set or the SDK is disabled")
    func disabled() {
        #expect(OTLPExporterConfiguration.fromEnvironment([:]) == nil)
        #expect(OTLPExporterConfiguration.fromEnvironment(["OTEL_SERVICE_NAME": "x"]) == nil)
        #expect(
            OTLPExporterConfiguration.fromEnvironment([
                "OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318", "OTEL_SDK_DISABLED": "true",
            ]) == nil
        )
    }

    @Test("non-finite doubles encode as the proto3 JSON strings")
    func nonFinite() throws {
        let span = Span(
            name: "n",
            traceID: TraceContext.newTraceID(),
            spanID: TraceContext.newSpanID(),
            parentSpanID: nil,
            kind: .internal,
            startTimeUnixNano: 1,
            endTimeUnixNano: 2,
            attributes: ["tenant.id": "acme", "nan": .double(.nan), "inf": .double(.infinity)],
            status: .unset
        )
        let text = String(decoding: try OTLPJSONEncoder.encode([span], serviceName: "s"), as: UTF8.self)
        #expect(text.contains(#"{"doubleValue":"NaN"}"#))
        #expect(text.contains(#"{"doubleValue":"Infinity"}"#))
        #expect(text.contains(#""status":{"code":0}"#))
    }
}
