import Foundation
import Testing

@testable import Identity

@Suite("ECDSA curve orders")
struct ECCurveOrderTests {
    @Test("each curve's order is as wide as its coordinates and starts below 0xFF…", arguments: ECCurve.allCases)
    func curveOrders(curve: ECCurve) {
        #expect(curve.order.count == curve.coordinateSize)
        #expect(
            ECDSASignature.inRange([UInt8](repeating: 0, count: curve.coordinateSize - 1) + [1], order: curve.order)
        )
        #expect(!ECDSASignature.inRange(curve.order, order: curve.order))
    }
}
