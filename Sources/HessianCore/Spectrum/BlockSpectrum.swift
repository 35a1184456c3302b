import Foundation

/// The block structure of one matrix A of the split (H, G or R) over a
/// partition of the parameters into blocks a = 1…B (`ParameterBlock`):
/// every eigenvalue of each diagonal block A_aa, and the Frobenius norm of
/// every block A_ab, so that the coupling between layers is a number.
///
/// The block-diagonal approximation diag(A_11, …, A_BB) has the union of
/// the block spectra as its spectrum; its distance from A's spectrum says
/// how much the off-diagonal blocks shape the outliers.
public struct BlockSpectrum: Sendable {
    /// Which matrix.
    public var part: HessianPart
    /// The partition, in parameter order.
    public var blocks: [ParameterBlock]
    /// The eigenvalues of A_aa, ascending, at `eigenvalues[a]`.
    public var eigenvalues: [[Double]]
    /// ‖A_ab‖_F at a·B + b (so ‖A_ab‖_F = ‖A_ba‖_F).
    public var frobeniusNorms: [Double]
    /// Wall-clock seconds to assemble A.
    public var assembleSeconds: Double
    /// Wall-clock seconds in LAPACK for the B block spectra.
    public var eigenSeconds: Double

    /// ‖A_ab‖_F.
    public func frobeniusNorm(_ a: Int, _ b: Int) -> Double { frobeniusNorms[a * blocks.count + b] }

    /// ‖A‖_F = (Σ_ab ‖A_ab‖_F²)^½.
    public var frobeniusNorm: Double { frobeniusNorms.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    /// The spectrum of diag(A_11, …, A_BB): every block's eigenvalues, ascending.
    public var blockDiagonalEigenvalues: [Double] { eigenvalues.flatMap { $0 }.sorted() }
}

/// Block spectra and block norms of the exact matrices, from the dense
/// assembly (`ExactHessian`).
///
/// Cost per matrix: 2·N·M² flops to assemble A, M² for the norms, and
/// (4/3)·Σ_a m_a³ for the block eigensolves (m_a the size of block a);
/// 8·M² bytes for A and 8·max m_a² for the block being solved.
public enum BlockSpectra {
    /// Peak bytes: the dense path's (one M × M matrix and the assembly
    /// workspace), one copy of the largest block of `granularity`, and its
    /// eigensolver's workspace.
    public static func requiredBytes(sizes: [Int], examples n: Int) -> Int {
        // The largest block of either granularity is at most one layer.
        let layer = (1..<sizes.count).map { sizes[$0] * (sizes[$0 - 1] + 1) }.max() ?? 0
        return DenseSpectrum.requiredBytes(sizes: sizes, examples: n) + 8 * layer * layer + 8 * (4 * layer + 1)
    }

    /// For each of `parts`, in that order, the spectra of the diagonal
    /// blocks of `granularity` and the norms of all blocks. The matrices are
    /// those of the training objective, as `SpectrumEngine` solves them:
    /// with weight decay λ, H + λI and G + λI (R unchanged).
    /// - Throws: `MemoryError` when the matrix cannot fit,
    ///   `SpectrumError.nonFinite`, `LAPACKError`.
    public static func compute(
        model: MLP, data: Dataset, parts: [HessianPart], granularity: BlockGranularity,
        driver: EigenDriver = .divideAndConquer, resources: ComputeResources = ComputeResources()
    ) throws -> [BlockSpectrum] {
        try MemoryBudget.require(requiredBytes(sizes: model.sizes, examples: data.count),
                                 for: "the dense \(model.parameterCount)×\(model.parameterCount) matrix of the block spectra",
                                 available: resources.availableBytes)
        let hessian = ExactHessian(model: model, data: data, threads: resources.threads)
        let blocks = model.parameterBlocks(granularity)
        var matrix: [Double] = []
        return try parts.map { part in
            let t0 = DispatchTime.now()
            let m = hessian.assembleFree(part, into: &matrix)
            if part != .residual && model.weightDecay != 0 {
                for i in 0..<m { matrix[i * m + i] += model.weightDecay }
            }
            let t1 = DispatchTime.now()
            var result = try analyse(matrix, order: m, part: part, blocks: blocks, driver: driver)
            result.assembleSeconds = elapsedSeconds(t0, t1)
            return result
        }
    }

    /// The block spectra and norms of the symmetric M × M `matrix`
    /// (column-major, both triangles) over `blocks`, which partition 0..<M.
    /// - Complexity: M² for the norms, (4/3)·Σ_a m_a³ flops (LAPACK `dsyevd`
    ///   or `driver`) for the spectra.
    /// - Throws: `SpectrumError.nonFinite`, `LAPACKError`.
    public static func analyse(
        _ matrix: [Double], order m: Int, part: HessianPart, blocks: [ParameterBlock], driver: EigenDriver = .divideAndConquer
    ) throws -> BlockSpectrum {
        precondition(matrix.count == m * m && blocks.reduce(0, { $0 + $1.count }) == m, "the blocks must partition the matrix")
        if matrix.contains(where: { !$0.isFinite }) { throw SpectrumError.nonFinite(part: part) }
        // ‖A_ab‖_F from the upper block triangle, the same number for A_ba.
        let count = blocks.count
        var norms = [Double](repeating: 0, count: count * count)
        for (a, blockA) in blocks.enumerated() {
            for b in a..<count {
                var squares = 0.0
                for column in blocks[b].range {
                    for row in blockA.range { squares += matrix[column * m + row] * matrix[column * m + row] }
                }
                norms[a * count + b] = squares.squareRoot()
                norms[b * count + a] = norms[a * count + b]
            }
        }
        let t0 = DispatchTime.now()
        let eigenvalues = try blocks.map { block -> [Double] in
            let size = block.count
            var sub = [Double](repeating: 0, count: size * size)
            for (j, column) in block.range.enumerated() {
                for (i, row) in block.range.enumerated() { sub[j * size + i] = matrix[column * m + row] }
            }
            return try SymmetricEigensolver.eigenvalues(destroying: &sub, order: size, driver: driver)
        }
        return BlockSpectrum(part: part, blocks: blocks, eigenvalues: eigenvalues, frobeniusNorms: norms,
                             assembleSeconds: 0, eigenSeconds: elapsedSeconds(t0, DispatchTime.now()))
    }
}

/// How far the block-diagonal approximation of H is from H, by their
/// spectra: both as uniform measures on their M eigenvalues, the W₁
/// distance (1/M)·Σ_i |λ_(i) − μ_(i)| of the sorted lists, and the outlier
/// counts by the largest gap (`OutlierMethod.largestGap`).
public struct BlockDiagonalComparison: Sendable, Equatable {
    /// W₁ between the spectra of H and of diag(H_11, …, H_BB); nil when H's
    /// spectrum is not complete (`--top`/`--bottom`).
    public var w1: Double?
    /// H's outlier count; nil when its spectrum is not complete.
    public var outliers: Int?
    /// The block-diagonal spectrum's outlier count.
    public var blockDiagonalOutliers: Int

    /// Compares H's `spectrum` with its `blocks` (both of the same matrix).
    /// - Complexity: O(M log M).
    public init(spectrum: PartSpectrum, blocks: BlockSpectrum, counting: OutlierCounting = OutlierCounting()) {
        let diagonal = blocks.blockDiagonalEigenvalues
        let complete = spectrum.indices == nil && spectrum.eigenvalues.count == diagonal.count
        w1 = complete
            ? SpectralDistance.compare(positions: diagonal, weights: diagonal.map { _ in 1 / Double(diagonal.count) },
                                       eigenvalues: spectrum.eigenvalues).w1
            : nil
        outliers = complete ? counting.count(spectrum.eigenvalues, method: .largestGap) : nil
        blockDiagonalOutliers = counting.count(diagonal, method: .largestGap)
    }
}
