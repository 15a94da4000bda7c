import Testing

@testable import Telemetry

@Suite("W3C trace context")
struct TraceContextTests {
    @Test(
        "a valid traceparent parses and formats back unchanged",
        arguments: [
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00",
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-09",
        ]
    )
    func roundTrip(header: String) throws {
        let context = try TraceContext(traceparent: header)
        #expect(context.traceparent == header)
        #expect(context.traceID == String(header.dropFirst(3).prefix(32)))
        #expect(context.spanID == String(header.dropFirst(36).prefix(16)))
    }

    @Test(
        "a malformed traceparent is rejected",
        arguments: [
            ("", "empty"),
            ("00-00000000000000000000000000000000-00f067aa0ba902b7-01", "all-zero trace id"),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "all-zero parent id"),
            ("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "upper-case trace id"),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01", "upper-case parent id"),
            ("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "version ff"),
            ("0-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "short version"),
            ("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", "31-digit trace id"),
            ("00-4bf92f3577b34da6a3ce929d0e0e47361-00f067aa0ba902b7-01", "33-digit trace id"),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b-01", "15-digit parent id"),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7a-01", "17-digit parent id"),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-1", "one-digit flags"),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g", "non-hex flags"),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", "version 00 with a fifth field"),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7", "three fields"),
            ("00_4bf92f3577b34da6a3ce929d0e0e4736_00f067aa0ba902b7_01", "wrong separator"),
            ("00-4bf92f3577b34da6a3ce929d0e0e473z-00f067aa0ba902b7-01", "non-hex trace id"),
            ("cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01x", "future version with a glued suffix"),
        ]
    )
    func rejection(header: String, reason: String) {
        #expect(throws: TelemetryError.self, "\(reason)") { try TraceContext(traceparent: header) }
        #expect(TraceContext.parse(header) == nil, "\(reason)")
    }

    @Test("the rejection carries the stable code and never echoes the header")
    func rejectionCode() {
        let header = "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"
        do {
            _ = try TraceContext(traceparent: header)
            Issue.record("expected a rejection")
        } catch let error as TelemetryError {
            #expect(error.code == "telemetry.invalid_traceparent")
            #expect(!error.message.contains("4BF92F"))
        } catch {
            Issue.record("unexpected error type")
        }
    }

    @Test("a later version is parsed by its first four fields")
    func futureVersion() throws {
        let context = try TraceContext(
            traceparent: "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-the-future-will-be-like"
        )
        #expect(context.traceID == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(context.traceparent == "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
    }

    @Test("surrounding blanks from header folding are ignored")
    func whitespace() throws {
        let context = try TraceContext(traceparent: " \t00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01 ")
        #expect(context.spanID == "00f067aa0ba902b7")
    }

    @Test("new ids are lower-case hex of the right length, non-zero and distinct")
    func generation() {
        let contexts = (0..<200).map { _ in TraceContext.newRoot() }
        for context in contexts {
            #expect(context.traceID.count == 32)
            #expect(context.spanID.count == 16)
            #expect(context.traceID.allSatisfy { "0123456789abcdef".contains($0) })
            #expect(context.spanID.allSatisfy { "0123456789abcdef".contains($0) })
            #expect((try? TraceContext(traceparent: context.traceparent)) == context)
        }
        #expect(Set(contexts.map(\.traceID)).count == contexts.count)
        #expect(Set(contexts.map(\.spanID)).count == contexts.count)
    }

    @Test("the sampled flag is bit 0 and children inherit the flags")
    func sampledFlag() throws {
        let sampled = try TraceContext(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-03")
        let unsampled = try TraceContext(traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-02")
        #expect(sampled.isSampled)
        #expect(!unsampled.isSampled)
        #expect(sampled.newChild().flags == 0x03)
        #expect(!TraceContext.newRoot(sampled: false).isSampled)
    }
}
