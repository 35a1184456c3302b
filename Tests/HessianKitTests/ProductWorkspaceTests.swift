@testable import HessianCore
import XCTest

/// One workspace reused over a sequence of products of different parts
/// gives what fresh buffers give, and H·v = G·v + R·v through it.
final class ProductWorkspaceTests: XCTestCase {
    func testReusedBuffersGiveTheProductsOfFreshOnes() {
        let data = Fixture.data(n: 17, d: 4, classes: 3, seed: 21)
        let model = Fixture.model([4, 6, 5, 3], .tanh, .nll, scale: 0.8, seed: 5)
        let products = HessianVectorProduct(model: model, data: data)
        let workspace = HessianVectorProduct.Workspace(products)
        var random = RandomSource(seed: 9)
        for _ in 0..<3 {
            let v = (0..<products.order).map { _ in random.normal() }
            var sum = [Double](repeating: 0, count: products.order)
            for part in [HessianPart.gaussNewton, .residual, .hessian] {
                let reused = products.apply(part, to: v, workspace: workspace)
                let fresh = products.apply(part, to: v)
                assertClose(reused, fresh, relativeTo: max(1, maxAbs(fresh)), tolerance: 1e-14, "\(part)")
                if part != .hessian { for i in sum.indices { sum[i] += reused[i] } } else {
                    assertClose(reused, sum, relativeTo: max(1, maxAbs(reused)), tolerance: 1e-13, "H·v = G·v + R·v")
                }
            }
        }
    }
}
