@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

/// Checks of computed eigenpairs against the model itself: residuals with
/// exact Hessian-vector products, orthonormality, and values against all
/// eigenvalues of the dense matrix.
enum EigenpairCheck {
    static func assertEigenpairs(values: [Double], indices: [Int], vectors: [Double], of part: HessianPart, model: MLP, data: Dataset,
                                 _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let m = model.parameterCount
        var matrix = ExactHessian(model: model, data: data).assemble(part)
        let all = try SymmetricEigensolver.eigenvalues(destroying: &matrix, order: m)
        let scale = maxAbs(all)
        XCTAssertEqual(vectors.count, values.count * m, label, file: file, line: line)
        assertClose(values, indices.map { all[$0] }, relativeTo: scale, tolerance: 1e-9, label, file: file, line: line)
        let residuals = EigenvectorMeasures.residualNorms(of: part, products: HessianVectorProduct(model: model, data: data), values: values, vectors: vectors)
        XCTAssertLessThanOrEqual(residuals.max() ?? 0, 1e-9 * scale, "\(label): residuals \(residuals)", file: file, line: line)
        for a in values.indices {
            for b in 0...a {
                var dot = 0.0
                for j in 0..<m { dot += vectors[a * m + j] * vectors[b * m + j] }
                XCTAssertEqual(dot, a == b ? 1 : 0, accuracy: 1e-10, "\(label): ⟨v\(a), v\(b)⟩", file: file, line: line)
            }
        }
    }
}
