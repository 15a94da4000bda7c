/// Per-unit prices by usage kind, for chargeback.
///
/// Prices are per unit of the kind: per token, per embedded text, per query, per tool call, per CPU-second, per
/// invocation. Kinds without a price cost nothing. Amounts are `Double`s in ``currency``: fine for a report,
/// not for an invoice ledger.
public struct PriceSheet: Sendable, Hashable, Codable {
    /// ISO 4217 code the prices are in. Default `USD`.
    public var currency: String
    /// Price per unit, by kind.
    public var unitPrices: [UsageKind: Double]

    /// Creates a price sheet.
    public init(currency: String = "USD", unitPrices: [UsageKind: Double]) {
        self.currency = currency
        self.unitPrices = unitPrices
    }

    /// The price of `quantity` units of `kind`.
    public func cost(of kind: UsageKind, quantity: Double) -> Double {
        (unitPrices[kind] ?? 0) * quantity
    }
}
