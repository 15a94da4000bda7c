import Foundation

/// Usage figures for one tenant, or the totals over all tenants.
public struct UsageFigures: Sendable, Hashable, Codable {
    /// Model input tokens.
    public var tokensIn = 0
    /// Model output tokens.
    public var tokensOut = 0
    /// Texts embedded.
    public var embeddings = 0
    /// Vector-store queries.
    public var vectorQueries = 0
    /// Gateway tool calls.
    public var toolCalls = 0
    /// Sandbox CPU time in seconds.
    public var cpuSeconds = 0.0
    /// Agent invocations.
    public var invocations = 0
    /// Invocations that failed.
    public var errors = 0
    /// 95th-percentile invocation latency in milliseconds (nearest rank), nil without invocations.
    public var p95LatencyMS: Double?
    /// Chargeback cost in the price sheet's currency, nil when no price sheet was given.
    public var cost: Double?

    /// Creates empty figures.
    public init() {}

    private enum CodingKeys: String, CodingKey {
        case tokensIn = "tokens_in"
        case tokensOut = "tokens_out"
        case embeddings
        case vectorQueries = "vector_queries"
        case toolCalls = "tool_calls"
        case cpuSeconds = "cpu_seconds"
        case invocations
        case errors
        case p95LatencyMS = "p95_latency_ms"
        case cost
    }

    /// Adds `quantity` of `kind`.
    mutating func add(_ kind: UsageKind, _ quantity: Double) {
        let count = Int(quantity.rounded())
        switch kind {
        case .tokensIn: tokensIn += count
        case .tokensOut: tokensOut += count
        case .embeddings: embeddings += count
        case .vectorQueries: vectorQueries += count
        case .toolCalls: toolCalls += count
        case .cpuSeconds: cpuSeconds += quantity
        case .invocations: invocations += count
        }
    }

    /// Adds every figure of `other` except the percentile, which is not additive.
    mutating func accumulate(_ other: UsageFigures) {
        tokensIn += other.tokensIn
        tokensOut += other.tokensOut
        embeddings += other.embeddings
        vectorQueries += other.vectorQueries
        toolCalls += other.toolCalls
        cpuSeconds += other.cpuSeconds
        invocations += other.invocations
        errors += other.errors
        if let otherCost = other.cost { cost = (cost ?? 0) + otherCost }
    }
}

/// One tenant's line in a ``UsageReport``.
public struct TenantUsage: Sendable, Hashable, Codable {
    /// The tenant.
    public var tenantID: String
    /// What the tenant used.
    public var usage: UsageFigures

    /// Creates a tenant line.
    public init(tenantID: String, usage: UsageFigures) {
        self.tenantID = tenantID
        self.usage = usage
    }

    private enum CodingKeys: String, CodingKey {
        case tenantID = "tenant_id"
        case usage
    }
}

/// Usage per tenant over a time window, with totals that are the exact sums of the tenant lines.
///
/// The p95 total is computed over all invocations of the window, not summed. Dates encode as ISO 8601 strings
/// whatever the encoder's date strategy, so `JSONEncoder()` gives the same JSON as ``jsonData()``.
public struct UsageReport: Sendable, Hashable, Codable {
    /// Start of the window (inclusive), nil for the beginning of the ledger.
    public var since: Date?
    /// End of the window (exclusive), nil for now.
    public var until: Date?
    /// When the report was made.
    public var generatedAt: Date
    /// The price sheet's currency, nil when costs were not computed.
    public var currency: String?
    /// One line per tenant with usage in the window, sorted by tenant id.
    public var tenants: [TenantUsage]
    /// Sums over ``tenants`` (p95 over all invocations).
    public var totals: UsageFigures

    /// Creates a report.
    public init(
        since: Date?,
        until: Date?,
        generatedAt: Date = Date(),
        currency: String? = nil,
        tenants: [TenantUsage],
        totals: UsageFigures
    ) {
        self.since = since
        self.until = until
        self.generatedAt = generatedAt
        self.currency = currency
        self.tenants = tenants
        self.totals = totals
    }

    /// The line of one tenant, if it had usage in the window.
    public func usage(for tenantID: String) -> UsageFigures? {
        tenants.first { $0.tenantID == tenantID }?.usage
    }

    /// Pretty-printed JSON with sorted keys (for `demo-report.json`).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    private enum CodingKeys: String, CodingKey {
        case since, until, currency, tenants, totals
        case generatedAt = "generated_at"
    }

    /// Decodes a report, reading dates as ISO 8601 strings.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        since = try Self.date(container, .since)
        until = try Self.date(container, .until)
        generatedAt = try Self.date(container, .generatedAt) ?? Date(timeIntervalSince1970: 0)
        currency = try container.decodeIfPresent(String.self, forKey: .currency)
        tenants = try container.decode([TenantUsage].self, forKey: .tenants)
        totals = try container.decode(UsageFigures.self, forKey: .totals)
    }

    /// Encodes the report, writing dates as ISO 8601 strings.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(since.map(Self.format), forKey: .since)
        try container.encodeIfPresent(until.map(Self.format), forKey: .until)
        try container.encode(Self.format(generatedAt), forKey: .generatedAt)
        try container.encodeIfPresent(currency, forKey: .currency)
        try container.encode(tenants, forKey: .tenants)
        try container.encode(totals, forKey: .totals)
    }

    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    private static func format(_ date: Date) -> String { fractional.format(date) }

    private static func date(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Date? {
        guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
        if let date = try? fractional.parse(text) { return date }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not an ISO 8601 date")
    }
}
