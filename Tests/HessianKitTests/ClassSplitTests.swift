@testable import HessianCore
@testable import HessianFormats
import XCTest

/// G's class decomposition against an independent computation: every
/// δ_{i,c′} from the exact gradient of a one-example loss with label c′
/// (for nll ∇ℓ = J_iᵀ(p_i − e_{c′}), so δ_{i,c′} = −∇ℓ and p_{i,c′} = e^{−ℓ}),
/// the matrices formed explicitly from them, and LAPACK on those.
final class ClassSplitTests: XCTestCase {
    /// The explicit per-example quantities of softmax cross-entropy.
    struct Oracle {
        let m: Int
        let k: Int
        let n: Int
        let labels: [Int]
        /// δ_{i,c′} at column c′·N + i of an M × (N·K) column-major matrix.
        var deltas: [Double]
        /// w_{i,c′} = p_{i,c′}/N at c′·N + i.
        var weights: [Double]

        init(model: MLP, data: Dataset) throws {
            m = model.parameterCount
            n = data.count
            k = data.classCount
            labels = data.labels
            var deltas = [Double](repeating: 0, count: m * n * k)
            var weights = [Double](repeating: 0, count: n * k)
            for i in 0..<n {
                for a in 0..<k {
                    let one = try Dataset(features: data.example(i), labels: [a], dimension: data.dimension, classCount: k)
                    let (loss, gradient) = model.lossAndGradient(on: one)
                    weights[a * n + i] = exp(-loss) / Double(n)
                    for p in 0..<m { deltas[(a * n + i) * m + p] = -gradient[p] }
                }
            }
            self.deltas = deltas
            self.weights = weights
            formMeans()
        }

        /// W_{c,c′} and δ_{c,c′} (M values) of the group (c, c′).
        func mean(_ c: Int, _ a: Int) -> (weight: Double, mean: [Double]) { means[c * k + a] }

        /// The groups' weights and means, c·K + c′.
        private(set) var means: [(weight: Double, mean: [Double])] = []

        mutating func formMeans() {
            means = []
            for c in 0..<k {
                for a in 0..<k {
                    var total = 0.0
                    var sum = [Double](repeating: 0, count: m)
                    for i in 0..<n where labels[i] == c {
                        let w = weights[a * n + i]
                        total += w
                        let start = (a * n + i) * m
                        for p in 0..<m { sum[p] += w * deltas[start + p] }
                    }
                    means.append((total, sum.map { $0 / total }))
                }
            }
        }

        /// The columns √W·δ_{c,c′} of the class (c = c′) or cross (c ≠ c′) means.
        func meanFactor(cross: Bool) -> (columns: [Double], count: Int) {
            var columns: [Double] = []
            var count = 0
            for c in 0..<k {
                for a in 0..<k where (c != a) == cross {
                    let (w, mean) = self.mean(c, a)
                    columns += mean.map { w.squareRoot() * $0 }
                    count += 1
                }
            }
            return (columns, count)
        }

        /// The columns √w_{i,c′}·(δ_{i,c′} − δ_{c,c′}).
        func withinFactor() -> [Double] {
            var columns = [Double](repeating: 0, count: m * n * k)
            for c in 0..<k {
                for a in 0..<k {
                    let (_, mean) = self.mean(c, a)
                    for i in 0..<n where labels[i] == c {
                        let root = weights[a * n + i].squareRoot()
                        for p in 0..<m { columns[(a * n + i) * m + p] = root * (deltas[(a * n + i) * m + p] - mean[p]) }
                    }
                }
            }
            return columns
        }
    }

    /// F·Fᵀ for an M × count column-major F.
    private func outer(_ f: [Double], m: Int, count: Int) -> [Double] {
        var out = [Double](repeating: 0, count: m * m)
        BLAS.gemm(transB: true, m: m, n: m, k: count, a: f, lda: m, b: f, ldb: m, c: &out, ldc: m)
        return out
    }

    /// The squared singular values of F, descending (LAPACK DGESDD on the explicit factor).
    private func squaredSingularValues(_ f: [Double], m: Int, count: Int) throws -> [Double] {
        try SingularValues.of(f, rows: m, columns: count).map { $0 * $0 }.sorted(by: >)
    }

    /// An orthonormal basis of the span of F's columns by modified
    /// Gram–Schmidt, twice, dropping a column whose remainder is below 10⁻⁸
    /// of its length.
    private func orthonormalBasis(_ f: [Double], m: Int, count: Int) -> [[Double]] {
        var basis: [[Double]] = []
        for j in 0..<count {
            var q = Array(f[(j * m)..<((j + 1) * m)])
            let length = norm(q)
            for _ in 0..<2 {
                for b in basis {
                    var dot = 0.0
                    for p in 0..<m { dot += b[p] * q[p] }
                    for p in 0..<m { q[p] -= dot * b[p] }
                }
            }
            let rest = norm(q)
            if rest > 1e-8 * length { basis.append(q.map { $0 / rest }) }
        }
        return basis
    }

    /// ‖Π·v‖² onto the span of an orthonormal basis.
    private func projectionFraction(_ v: [Double], onto basis: [[Double]]) -> Double {
        basis.reduce(0) { total, b in
            var dot = 0.0
            for p in 0..<v.count { dot += b[p] * v[p] }
            return total + dot * dot
        }
    }

    /// Every check of the done-when on one network: the spectra of gn_class
    /// and gn_cross against the explicit factors, gn_within by `methods`
    /// against the explicit within factor, the three explicit parts summing
    /// to the dense G, and the span fractions against Gram–Schmidt.
    private func checkAgainstOracle(model: MLP, data: Dataset, methods: [SpectrumMethod], file: StaticString = #filePath,
                                    line: UInt = #line) throws {
        let oracle = try Oracle(model: model, data: data)
        let split = try GaussNewtonClassSplit(model: model, data: data)
        let m = oracle.m, k = oracle.k, n = oracle.n
        for (cross, level) in [(false, ClassLevel.classMeans), (true, .crossClass)] {
            let (f, count) = oracle.meanFactor(cross: cross)
            let expected = try squaredSingularValues(f, m: m, count: count)
            let values = try split.meanEigenvalues(level)
            XCTAssertEqual(values.count, m, file: file, line: line)
            let scale = expected.first ?? 1
            assertClose(Array(values.reversed().prefix(count)), expected, relativeTo: scale, tolerance: 1e-8,
                        "\(level.rawValue)", file: file, line: line)
            // Rank ≤ C (class) or C(C−1) (cross): the rest are zeros.
            XCTAssertTrue(values.dropLast(count).allSatisfy { $0 == 0 }, file: file, line: line)
            // The trace is its definition Σ W·‖δ_{c,c′}‖².
            let trace = f.reduce(0) { $0 + $1 * $1 }
            XCTAssertEqual(values.reduce(0, +), trace, accuracy: 1e-10 * trace, file: file, line: line)
        }
        let within = oracle.withinFactor()
        let expectedWithin = try squaredSingularValues(within, m: m, count: n * k)
        let scale = expectedWithin.first ?? 1
        for method in methods {
            let values = try split.withinEigenvalues(method: method)
            XCTAssertEqual(values.count, m, file: file, line: line)
            let descending = Array(values.reversed())
            let rank = min(m, n * k)
            assertClose(Array(descending.prefix(rank)), Array(expectedWithin.prefix(rank)), relativeTo: scale, tolerance: 1e-8,
                        "gn_within by \(method.rawValue)", file: file, line: line)
            XCTAssertLessThanOrEqual(maxAbs(Array(descending.dropFirst(rank))), 1e-8 * scale, file: file, line: line)
        }
        // The three parts, formed from the oracle's δ, add up to the dense G entry by entry.
        let classFactor = oracle.meanFactor(cross: false), crossFactor = oracle.meanFactor(cross: true)
        var sum = outer(within, m: m, count: n * k)
        let parts = [outer(classFactor.columns, m: m, count: classFactor.count), outer(crossFactor.columns, m: m, count: crossFactor.count)]
        for part in parts { for e in sum.indices { sum[e] += part[e] } }
        let g = ExactHessian(model: model, data: data).assemble(.gaussNewton)
        assertClose(sum, g, relativeTo: maxAbs(g), tolerance: 1e-10, "G_class + G_cross + G_within vs the dense G", file: file, line: line)
        // The span fractions of H's top eigenvectors.
        let top = min(split.outlierCount, m)
        let pairs = try DenseSpectrum.extremeEigenpairs(model: model, data: data, parts: [.hessian], bottom: 0, top: top)
        let gaussNewton = SpectrumEngine.extremes(of: try FactoredSpectrum.compute(model: model, data: data, parts: [.gaussNewton])[0],
                                                  top: top, bottom: 0)
        let measures = try split.measures(hessian: pairs[0], gaussNewton: gaussNewton)
        XCTAssertEqual(measures.gaussNewton, Array(gaussNewton.eigenvalues.reversed()), file: file, line: line)
        XCTAssertEqual(measures.hessian.count, top, file: file, line: line)
        XCTAssertEqual(measures.classMeans.count, k, file: file, line: line)
        XCTAssertEqual(measures.crossClass.count, k * (k - 1), file: file, line: line)
        let vectors = pairs[0].eigenvectors ?? []
        let bases = [classFactor, crossFactor].map { orthonormalBasis($0.columns, m: m, count: $0.count) }
        for (rank, index) in (0..<top).reversed().enumerated() {
            let v = Array(vectors[(index * m)..<((index + 1) * m)])
            for (cross, fractions) in [(false, measures.classSpanFraction), (true, measures.crossSpanFraction)] {
                let expected = projectionFraction(v, onto: bases[cross ? 1 : 0])
                XCTAssertEqual(fractions[rank], expected, accuracy: 1e-8, "rank \(rank + 1) cross \(cross)", file: file, line: line)
                XCTAssertTrue((0...1).contains(fractions[rank]), file: file, line: line)
            }
        }
    }

    /// The paper's 100-30-30-10 tanh network on 10 Gaussian clusters (three
    /// examples a cluster, so that gn_within's factor is small).
    func testTanhNetworkOnClustersAgreesWithPerExampleJacobians() throws {
        let data = try Blobs(clusters: 10, dimension: 100, seed: 3).generate(train: 30, test: 0).train
        let model = Fixture.model([100, 30, 30, 10], .tanh, .nll, scale: 0.3, seed: 5)
        try checkAgainstOracle(model: model, data: data, methods: [.factored])
    }

    /// A ReLU network on MNIST-format images (IDX files of 4 × 4 pixels, 3
    /// classes): gn_within dense and factored.
    func testReLUNetworkOnImagesAgreesWithPerExampleJacobians() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        var random = RandomSource(seed: 11)
        let count = 12
        var pixels: [UInt8] = []
        let labels = (0..<count).map { UInt8($0 % 3) }
        for i in 0..<count {
            for p in 0..<16 { pixels.append(UInt8((Int(labels[i]) * 70 + p * 9 + Int(random.uniform() * 60)) % 256)) }
        }
        let images = try folder.write(idxFile(dimensions: [count, 4, 4], payload: pixels), to: "images")
        let labelFile = try folder.write(idxFile(dimensions: [count], payload: labels), to: "labels")
        let data = try ImageData.load(images: images, labels: labelFile)
        let model = Fixture.model([16, 5, 3], .relu, .nll, scale: 0.8, seed: 2)
        try checkAgainstOracle(model: model, data: data, methods: [.dense, .factored])
    }

    /// One example per class: every pair is its own mean, G_within = 0 and
    /// G = G_class + G_cross.
    func testOneExamplePerClassHasNoWithinPart() throws {
        let data = Fixture.data(n: 4, d: 3, classes: 4, seed: 7)
        let model = Fixture.model([3, 4, 4], .tanh, .nll, seed: 3)
        let split = try GaussNewtonClassSplit(model: model, data: data)
        var dense = ExactHessian(model: model, data: data).assemble(.gaussNewton)
        let g = try SymmetricEigensolver.eigenvalues(destroying: &dense, order: model.parameterCount)
        let within = try split.withinEigenvalues(method: .dense)
        XCTAssertLessThanOrEqual(maxAbs(within), 1e-12 * (g.last ?? 1))
    }

    /// Binary cross-entropy is softmax over the logits (0, f), and squared
    /// error has ω = 2w, v = e_{c′}: the class-pair factor reproduces G.
    func testPartsSumToGForLogisticAndSquaredError() throws {
        for (loss, outputs) in [(Loss.logistic, 1), (.mse, 3), (.mseMean, 3)] {
            let classes = max(2, outputs)
            let data = Fixture.data(n: 9, d: 3, classes: classes, seed: 4)
            let model = Fixture.model([3, 4, outputs], .tanh, loss, seed: 6)
            let split = try GaussNewtonClassSplit(model: model, data: data)
            let m = model.parameterCount
            var g = ExactHessian(model: model, data: data).assemble(.gaussNewton)
            let (f, k) = split.factor([.classMeans, .crossClass])
            BLAS.syrkLower(trans: false, n: m, k: k, alpha: -1, a: f, lda: m, beta: 1, c: &g, ldc: m)
            let expected = try SymmetricEigensolver.eigenvalues(destroying: &g, order: m)
            let within = try split.withinEigenvalues(method: .dense)
            assertClose(within, expected, relativeTo: maxAbs(expected), tolerance: 1e-10, "\(loss.rawValue)")
            // G_within is positive semi-definite: the means' parts never exceed G.
            XCTAssertGreaterThanOrEqual(within.first ?? 0, -1e-12 * maxAbs(expected), "\(loss.rawValue)")
        }
    }

    /// The loss needs a class-pair factor; regression targets have no classes.
    func testRefusals() throws {
        XCTAssertEqual(GaussNewtonClassSplit.gradientClasses(.nll, outputs: 10), 10)
        XCTAssertEqual(GaussNewtonClassSplit.gradientClasses(.logistic, outputs: 1), 2)
        var data = Fixture.data(n: 6, d: 2, classes: 2, seed: 1)
        data.targets = [Double](repeating: 0.5, count: 12)
        let model = Fixture.model([2, 3, 2], .tanh, .mse)
        XCTAssertThrowsError(try GaussNewtonClassSplit(model: model, data: data)) {
            XCTAssertEqual($0 as? ClassSplitError, .regressionTargets)
        }
        XCTAssertThrowsError(try GaussNewtonClassSplit.plan(sizes: [2, 3, 2], loss: .nll, examples: 6, method: .slq, availableBytes: nil)) {
            XCTAssertEqual($0 as? ClassSplitError, .estimatingMethod(.slq))
        }
        XCTAssertThrowsError(try GaussNewtonClassSplit.plan(sizes: [2, 3, 2], loss: .nll, examples: 60, method: .factored, availableBytes: nil))
        let plan = try GaussNewtonClassSplit.plan(sizes: [20, 30, 3], loss: .nll, examples: 10, method: .auto, availableBytes: nil)
        XCTAssertEqual(plan.withinMethod, .factored)
        XCTAssertEqual(plan.factorColumns, 30)
    }
}
