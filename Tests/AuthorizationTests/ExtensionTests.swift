import Testing

@testable import Authorization

@Suite("Extension types")
struct ExtensionTests {
    /// Expression → expected boolean, or nil for an evaluation error; answers taken from the reference engine.
    static let cases: [(String, Bool?)] = [
        ("ip(\"::1\").isLoopback()", true),
        ("ip(\"127.0.0.1\").isLoopback()", true),
        ("ip(\"::ffff:7f00:1\").isLoopback()", false),
        ("ip(\"127.0.0.1/7\").isLoopback()", false),
        ("ip(\"ff00::/7\").isMulticast()", false),
        ("ip(\"ff02::1\").isMulticast()", true),
        ("ip(\"224.0.0.1\").isMulticast()", true),
        ("!ip(\"::ffff:e000:1\").isMulticast()", true),
        ("ip(\"::ffff:a00:1\").isInRange(ip(\"10.0.0.0/8\"))", false),
        ("ip(\"10.0.0.0/8\").isInRange(ip(\"10.0.0.1/8\"))", true),
        ("ip(\"10.1.2.3\").isInRange(ip(\"10.1.0.0/16\"))", true),
        ("ip(\"10.0.0.0/7\").isInRange(ip(\"10.0.0.0/8\"))", false),
        ("ip(\"::\").isIpv6()", true),
        ("ip(\"1:2:3:4:5:6:7::\").isIpv6()", true),
        ("ip(\"::1:2:3:4:5:6:7\").isIpv6()", true),
        ("ip(\"1.2.3.4\") == ip(\"1.2.3.4/32\")", true),
        ("ip(\"10.0.0.1/8\") == ip(\"10.0.0.0/8\")", false),
        ("ip(\"1:2:3:4:5:6:7::8\").isIpv6()", nil),
        ("ip(\"01.2.3.4\").isIpv4()", nil),
        ("ip(\"1.2.3.4/08\").isIpv4()", nil),
        ("ip(\"1.2.3.4/33\").isIpv4()", nil),
        ("ip(\"::ffff:224.0.0.1\").isMulticast()", nil),
        ("ip(\"::ffff:10.0.0.1\").isInRange(ip(\"10.0.0.0/8\"))", nil),
        ("decimal(\"-0.0001\").lessThan(decimal(\"0.0\"))", true),
        ("decimal(\"922337203685477.5807\").greaterThan(decimal(\"-922337203685477.5808\"))", true),
        ("decimal(\"1.0\") == decimal(\"1.0000\")", true),
        ("decimal(\"1.5\").lessThanOrEqual(decimal(\"1.5\"))", true),
        ("decimal(\"2.5\").greaterThanOrEqual(decimal(\"2.51\"))", false),
        ("decimal(\"922337203685477.5808\") == decimal(\"1.0\")", nil),
        ("decimal(\"1\") == decimal(\"1.0\")", nil),
        ("decimal(\"1.0\").lessThan(1)", nil),
        ("datetime(\"2024-10-15T11:38:02.101-1134\").toTime() == duration(\"23h12m2s101ms\")", true),
        ("datetime(\"1969-12-31T23:59:59Z\").toDate() == datetime(\"1969-12-31\")", true),
        ("duration(\"-1d2h\").toHours() == -26", true),
        ("duration(\"-1ms\").toSeconds() == 0", true),
        ("datetime(\"2024-01-01\").offset(duration(\"1d\")) == datetime(\"2024-01-02\")", true),
        ("datetime(\"2024-01-02\").durationSince(datetime(\"2024-01-01\")) == duration(\"24h\")", true),
        ("duration(\"1m1ms\") == duration(\"60001ms\")", true),
        ("datetime(\"2024-01-01T00:00:00+0100\") == datetime(\"2023-12-31T23:00:00Z\")", true),
        ("duration(\"-9223372036854775808ms\") < duration(\"0ms\")", true),
        ("datetime(\"0000-01-01\") < datetime(\"9999-12-31T23:59:59.999Z\")", true),
        ("duration(\"9223372036854775808ms\") < duration(\"0ms\")", nil),
        ("datetime(\"2024-01-01T00:00:00\") < datetime(\"2024-01-02\")", nil),
        ("datetime(\"2024-01-01\") < duration(\"1d\")", nil),
    ]

    @Test("extension functions answer as the reference engine", arguments: cases)
    func reference(_ text: String, _ expected: Bool?) throws {
        let outcome = try Fixtures.evaluate(text)
        if let expected {
            #expect(outcome == .value(.bool(expected)), "\(text)")
        } else {
            #expect(outcome == .error, "\(text)")
        }
    }

    @Test("decimal parsing keeps four fractional digits and rejects overflow")
    func decimalParsing() {
        #expect(CedarExtensionValue.parseDecimal("1.23") == 12_300)
        #expect(CedarExtensionValue.parseDecimal("-0.5") == -5_000)
        #expect(CedarExtensionValue.parseDecimal("-922337203685477.5808") == Int64.min)
        #expect(CedarExtensionValue.parseDecimal("1.") == nil)
        #expect(CedarExtensionValue.parseDecimal(".5") == nil)
    }

    @Test("an IPv6 address prints in full with its prefix")
    func ipDescription() throws {
        let address = try #require(IPAddress("fe80::1/64"))
        #expect(address.description == "fe80:0:0:0:0:0:0:1/64")
        #expect(IPAddress("10.0.0.1")?.description == "10.0.0.1/32")
    }
}
