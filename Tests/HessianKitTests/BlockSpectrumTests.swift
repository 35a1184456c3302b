@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
import XCTest

/// Per-layer blocks of H, G and R and the anatomy of eigenvectors, against
/// the dense matrices: the sub-blocks are cut out here by positions counted
/// from the layer sizes, and their eigenvalues taken from a full
/// eigendecomposition (`dsyevd` with vectors, whose values come from
/// divide and conquer on the tridiagonal form, not from the root-free QR
/// `dsterf` that every eigenvalues-only driver ends in).
final class BlockSpectrumTests: XCTestCase {
    private var folder: ScratchFolder!

    override func setUpWithError() throws { folder = try ScratchFolder() }
    override func tearDown() { folder.remove() }

    /// A scaled-down paper network: tanh 12-7-7-5 on 5 Gaussian clusters.
    func clustersCase() throws -> (MLP, Dataset) {
        let data = try Blobs(clusters: 5, dimension: 12, seed: 3).generate(train: 25, test: 0).train
        return (Fixture.model([12, 7, 7, 5], .tanh, .nll, scale: 0.6, seed: 5), data)
    }

    /// A ReLU 6-5-4-3 network on 3-class 2 × 3 images read from IDX files,
    /// its second layer bias-free.
    func imageCase() throws -> (MLP, Dataset) { try Self.imageCase(in: folder) }

    static func imageCase(in folder: ScratchFolder) throws -> (MLP, Dataset) {
        var random = RandomSource(seed: 9)
        let count = 18
        let pixels = (0..<(count * 6)).map { _ in UInt8(random.uniform(0, 255)) }
        let images = try folder.write(idxFile(dimensions: [count, 2, 3], payload: pixels), to: "images-idx3-ubyte")
        let labels = try folder.write(idxFile(dimensions: [count], payload: (0..<count).map { UInt8($0 % 3) }), to: "labels-idx1-ubyte")
        let data = try ImageData.load(images: images, labels: labels)
        let sizes = [6, 5, 4, 3], hasBias = [true, false, true]
        var parameters = Fixture.model(sizes, .relu, .nll, scale: 0.8, seed: 2).parameters
        let layout = ParameterLayout(sizes: sizes)
        for i in 0..<sizes[2] { parameters[layout.biasOffset(2) + i] = 0 }
        // Positive first-layer biases keep the ReLU units alive on these non-negative pixels.
        for i in 0..<sizes[1] { parameters[layout.biasOffset(1) + i] = 0.5 }
        return (try MLP(sizes: sizes, activations: [.relu], loss: .nll, parameters: parameters, hasBias: hasBias), data)
    }

    /// The positions of each block among the real parameters, counted here
    /// from the sizes: layer l has h_l·h_{l−1} weights, then h_l biases if
    /// it has them.
    func expectedBlocks(sizes: [Int], hasBias: [Bool], _ granularity: BlockGranularity) -> [(String, Range<Int>)] {
        var out: [(String, Range<Int>)] = [], start = 0
        for l in 1..<sizes.count {
            let w = sizes[l] * sizes[l - 1], b = hasBias[l - 1] ? sizes[l] : 0
            if granularity == .layers {
                out.append(("layer\(l)", start..<(start + w + b)))
            } else {
                out.append(("layer\(l).weight", start..<(start + w)))
                if b > 0 { out.append(("layer\(l).bias", (start + w)..<(start + w + b))) }
            }
            start += w + b
        }
        return out
    }

    /// The dense matrix on the real parameters: the full-layout assembly,
    /// then the rows and columns of the real parameters picked here.
    func denseMatrix(_ model: MLP, _ data: Dataset, _ part: HessianPart) -> (matrix: [Double], order: Int) {
        let full = ExactHessian(model: model, data: data).assemble(part)
        let order = model.layout.count
        var kept: [Int] = []
        for l in 1...model.layout.depth {
            let start = model.layout.offsets[l - 1]
            let weights = model.sizes[l] * model.sizes[l - 1]
            kept += start..<(start + weights + (model.hasBias[l - 1] ? model.sizes[l] : 0))
        }
        let m = kept.count
        var matrix = [Double](repeating: 0, count: m * m)
        for (c, column) in kept.enumerated() { for (r, row) in kept.enumerated() { matrix[c * m + r] = full[column * order + row] } }
        return (matrix, m)
    }

    func submatrix(_ a: [Double], order m: Int, rows: Range<Int>, columns: Range<Int>) -> [Double] {
        columns.flatMap { c in rows.map { r in a[c * m + r] } }
    }

    func testBlocksPartitionTheRealParameters() throws {
        let (images, _) = try imageCase()
        for (model, label) in [(try clustersCase().0, "clusters"), (images, "bias-free")] {
            for granularity in BlockGranularity.allCases {
                let blocks = model.parameterBlocks(granularity)
                let expected = expectedBlocks(sizes: model.sizes, hasBias: model.hasBias, granularity)
                XCTAssertEqual(blocks.map(\.name), expected.map(\.0), label)
                XCTAssertEqual(blocks.map(\.range), expected.map(\.1), label)
                XCTAssertEqual(blocks.last?.range.upperBound, model.parameterCount, label)
            }
        }
        XCTAssertEqual(images.parameterBlocks(.weightsBiases).map(\.name),
                       ["layer1.weight", "layer1.bias", "layer2.weight", "layer3.weight", "layer3.bias"])
    }

    /// Every block spectrum of H, G and R equals the eigenvalues of the
    /// dense sub-block (1e-10 of the largest |λ|); every block norm the
    /// Frobenius norm of the sub-block (1e-12 relative), and their squares
    /// sum to ‖A‖_F².
    func testBlockSpectraAndNormsMatchTheDenseSubBlocks() throws {
        for (model, data) in [try clustersCase(), try imageCase()] {
            let parts: [HessianPart] = [.hessian, .gaussNewton, .residual]
            for granularity in BlockGranularity.allCases {
                let computed = try BlockSpectra.compute(model: model, data: data, parts: parts, granularity: granularity)
                let expected = expectedBlocks(sizes: model.sizes, hasBias: model.hasBias, granularity)
                for (part, result) in zip(parts, computed) {
                    let label = "\(model.sizes) \(granularity) \(part)"
                    XCTAssertEqual(result.part, part)
                    let (a, m) = denseMatrix(model, data, part)
                    let scale = maxAbs(a)
                    XCTAssertGreaterThan(scale, 1e-4, label)
                    for (index, (_, range)) in expected.enumerated() {
                        var sub = submatrix(a, order: m, rows: range, columns: range)
                        let oracle = try SymmetricEigensolver.decomposition(&sub, order: range.count)
                        assertClose(result.eigenvalues[index], oracle, relativeTo: scale, tolerance: 1e-10, label)
                        for (other, (_, columns)) in expected.enumerated() {
                            let norm = submatrix(a, order: m, rows: range, columns: columns).reduce(0) { $0 + $1 * $1 }.squareRoot()
                            XCTAssertEqual(result.frobeniusNorm(index, other), norm, accuracy: 1e-12 * max(norm, scale), label)
                        }
                    }
                    let total = a.reduce(0) { $0 + $1 * $1 }
                    XCTAssertEqual(result.frobeniusNorms.reduce(0) { $0 + $1 * $1 }, total, accuracy: 1e-12 * total, label)
                    XCTAssertEqual(result.blockDiagonalEigenvalues.count, m, label)
                }
            }
        }
    }

    /// Weight decay λ adds λI to H and G: each of their block eigenvalues
    /// moves by λ, R's do not.
    func testWeightDecayShiftsTheBlocksOfHAndG() throws {
        var (model, data) = try clustersCase()
        let plain = try BlockSpectra.compute(model: model, data: data, parts: [.hessian, .gaussNewton, .residual], granularity: .layers)
        model.weightDecay = 0.25
        let decayed = try BlockSpectra.compute(model: model, data: data, parts: [.hessian, .gaussNewton, .residual], granularity: .layers)
        for (a, b) in zip(plain, decayed) {
            let shift = a.part == .residual ? 0 : 0.25
            for (x, y) in zip(a.eigenvalues, b.eigenvalues) { assertClose(x.map { $0 + shift }, y, relativeTo: 1, tolerance: 1e-12, "\(a.part)") }
        }
    }

    /// The anatomy of the engine's top eigenvectors against the dense
    /// eigenvectors of H: the squared mass in each block summed here (1e-8),
    /// summing to 1 (1e-12); the gradient fraction ⟨v, g⟩²/‖g‖² with g from
    /// central differences of the loss (1e-6).
    func testAnatomyMatchesTheDenseEigenvectors() throws {
        for (model, data) in [try clustersCase(), try imageCase()] {
            let top = 4
            let engine = SpectrumEngine(resources: ComputeResources(availableBytes: 1 << 30))
            let run = try engine.compute(model: model, data: data, request: SpectrumRequest(parts: [.hessian], method: .dense, top: top, vectors: true))
            let anatomies = EigenvectorAnatomy.measure(run.spectra, model: model, data: data)[0]
            XCTAssertEqual(anatomies.count, top)

            var (a, m) = denseMatrix(model, data, .hessian)
            let values = try SymmetricEigensolver.decomposition(&a, order: m)
            for k in (m - top - 1)..<(m - 1) { XCTAssertGreaterThan(values[k + 1] - values[k], 1e-6 * values[m - 1], "distinct top eigenvalues") }
            var gradient = [Double](repeating: 0, count: m)
            for (j, index) in model.freeIndices.enumerated() {
                var plus = model, minus = model
                plus.parameters[index] += 1e-5
                minus.parameters[index] -= 1e-5
                gradient[j] = (plus.lossAndGradient(on: data).loss - minus.lossAndGradient(on: data).loss) / 2e-5
            }
            let blocks = expectedBlocks(sizes: model.sizes, hasBias: model.hasBias, .weightsBiases)
            for (row, anatomy) in anatomies.enumerated() {
                let v = Array(a[((m - top + row) * m)..<((m - top + row + 1) * m)])
                let label = "\(model.sizes) vector \(row)"
                XCTAssertEqual(anatomy.fractions.map(\.subspace), blocks.map(\.0) + ["gradient"], label)
                for ((_, range), fraction) in zip(blocks, anatomy.fractions) {
                    XCTAssertEqual(fraction.value, range.reduce(0) { $0 + v[$1] * v[$1] }, accuracy: 1e-8, label)
                }
                XCTAssertEqual(anatomy.fractions.dropLast().reduce(0) { $0 + $1.value }, 1, accuracy: 1e-12, label)
                let dot = zip(v, gradient).reduce(0) { $0 + $1.0 * $1.1 }
                let cos2 = dot * dot / gradient.reduce(0) { $0 + $1 * $1 }
                XCTAssertEqual(anatomy.fractions.last?.value ?? -1, cos2, accuracy: 1e-6, label)
            }
        }
    }

    /// W₁ between uniform measures on two sorted lists of M values is the
    /// mean absolute difference of the sorted lists; the outlier counts are
    /// `outlierCount` by the largest gap; a partial spectrum leaves the
    /// whole-matrix figures out.
    func testBlockDiagonalComparison() throws {
        let (model, data) = try clustersCase()
        let full = try DenseSpectrum.compute(model: model, data: data, parts: [.hessian])[0]
        let blocks = try BlockSpectra.compute(model: model, data: data, parts: [.hessian], granularity: .layers)[0]
        let comparison = BlockDiagonalComparison(spectrum: full, blocks: blocks)
        let diagonal = blocks.eigenvalues.flatMap { $0 }.sorted()
        let w1 = zip(diagonal, full.eigenvalues).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(diagonal.count)
        XCTAssertEqual(comparison.w1 ?? -1, w1, accuracy: 1e-12 * maxAbs(full.eigenvalues))
        XCTAssertGreaterThan(w1, 0)
        XCTAssertEqual(comparison.outliers, outlierCount(full.eigenvalues, method: .largestGap))
        XCTAssertEqual(comparison.blockDiagonalOutliers, outlierCount(diagonal, method: .largestGap))
        let partial = BlockDiagonalComparison(spectrum: SpectrumEngine.extremes(of: full, top: 5, bottom: 0), blocks: blocks)
        XCTAssertNil(partial.w1)
        XCTAssertNil(partial.outliers)
        XCTAssertEqual(partial.blockDiagonalOutliers, comparison.blockDiagonalOutliers)
    }
}
