@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class ExactHessianTilesTests: XCTestCase {
    /// Each process's tiles equal the dense matrix's entries at its rows and
    /// columns (the dense assembly is itself checked against finite
    /// differences): the upper triangle alone, and every entry with `full`.
    /// Grids 1×1, 1×2, 2×1, 2×3; block sizes that do not divide M and one
    /// larger than a layer; every part, with a tanh network of two hidden
    /// layers (σ'' terms and the ∂a_q/∂z_l transfers) and a ReLU one.
    func testTilesEqualTheDenseMatrixOnEveryProcess() {
        let data = Fixture.data(n: 11, d: 4, classes: 3, seed: 5)
        for activation in [Activation.tanh, .relu] {
            let model = Fixture.model([4, 5, 4, 3], activation, .nll)
            let hessian = ExactHessian(model: model, data: data)
            let m = hessian.order
            for part in HessianPart.allCases {
                let dense = hessian.assemble(part)
                let scale = maxAbs(dense)
                for (rows, columns, block) in [(1, 1, 8), (1, 2, 7), (2, 1, 5), (2, 3, 3), (2, 2, 40)] {
                    for full in [false, true] {
                        for row in 0..<rows {
                            for column in 0..<columns {
                                let layout = BlockCyclicLayout(order: m, block: block, processRows: rows, processColumns: columns,
                                                               row: row, column: column)
                                var local = [Double](repeating: .nan, count: layout.localCount)
                                hessian.assembleTiles(part, layout: layout, into: &local, full: full)
                                var worst = 0.0
                                for c in 0..<m where layout.columns.owns(c) {
                                    for r in 0..<m where layout.rows.owns(r) && (full || r <= c) {
                                        let value = local[layout.columns.local(c) * layout.leadingDimension + layout.rows.local(r)]
                                        worst = max(worst, value.isNaN ? .infinity : abs(value - dense[c * m + r]))
                                    }
                                }
                                XCTAssertLessThanOrEqual(worst, 1e-13 * scale,
                                                         "\(activation) \(part) \(rows)×\(columns) block \(block) full \(full) at (\(row), \(column))")
                            }
                        }
                    }
                }
            }
        }
    }
}
