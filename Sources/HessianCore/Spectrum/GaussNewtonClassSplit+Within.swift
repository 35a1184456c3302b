import Foundation

/// How the class decomposition of G will be solved, decided before any
/// work: the class and cross-class means always from their small Gram
/// matrices, the within-class part dense or through its factor.
public struct ClassSplitPlan: Sendable, Equatable {
    /// `.dense` or `.factored`, for G_within.
    public var withinMethod: SpectrumMethod
    /// Whether the request named the method (else the cheaper that fits was taken).
    public var requested: Bool
    /// Flops of G_within by that method (the means cost far less).
    public var estimatedFlops: Double
    /// Peak bytes of G_within by that method.
    public var requiredBytes: Int
    /// r = N·K, the columns of G_within's factor.
    public var factorColumns: Int
}

extension GaussNewtonClassSplit {
    /// The plan for a network of `sizes` on `examples` examples:
    ///
    /// - dense: assemble G (2·N·M² flops), subtract F·Fᵀ over the C·K means
    ///   (DSYRK, M²·C·K), solve ((4/3)·M³); 8·M² bytes and the assembly's
    ///   workspace, as `DenseSpectrum`;
    /// - factored: G_within = U·Uᵀ with the r = N·K columns
    ///   U[:, (c′, i)] = √w_{i,c′}·(δ_{i,c′} − δ_{c,c′}); its Gram is
    ///   (I − P)·K·(I − P) with K the Gram of the √w_{i,c′}·δ_{i,c′} (the
    ///   kernel of `FactoredSpectrum`, N²·K²·Σ_l h_l flops) and P the
    ///   orthogonal projection onto the indicator vectors √w of the groups
    ///   (c, c′); then (4/3)·r³ and 8·r² bytes. Only with every bias present
    ///   and r < M.
    ///
    /// `method` `.dense` or `.factored` is used as asked; any other exact
    /// method (auto, lanczos, distributed) takes the cheaper that fits.
    /// - Throws: `ClassSplitError` when the loss has no class-pair factor,
    ///   the method estimates, or a requested method does not apply;
    ///   `MemoryError` when nothing fits.
    public static func plan(sizes: [Int], loss: Loss, examples n: Int, hasBias: [Bool]? = nil, method: SpectrumMethod,
                            availableBytes: Int?) throws -> ClassSplitPlan {
        guard let k = gradientClasses(loss, outputs: sizes[sizes.count - 1]) else { throw ClassSplitError.noClassPairs(loss) }
        if method == .slq || method == .power { throw ClassSplitError.estimatingMethod(method) }
        let problem = SpectrumProblem(sizes: sizes, activations: Activations(.linear), loss: loss, examples: n,
                                      request: SpectrumRequest(parts: [.gaussNewton]), hasBias: hasBias)
        let m = problem.parameterCount
        let r = n * k
        let hidden = sizes.dropFirst().reduce(0, +)
        var kernel = 0.0
        for l in 1..<sizes.count {
            kernel += Double(k * k) * Double(n * n) * Double(sizes[l]) + 2 * Double(n * n) * Double(sizes[l - 1] + 1)
        }
        let rr = Double(r)
        let factored = (flops: kernel + 4 * rr * rr + 4.0 / 3.0 * rr * rr * rr,
                        bytes: 8 * r * r + 8 * (2 * n * n + r * hidden) + HessianVectorProduct.stateBytes(sizes: sizes, examples: n))
        let mm = Double(m)
        let dense = (flops: 2 * Double(n) * mm * mm + mm * mm * Double(k * k) + 4.0 / 3.0 * mm * mm * mm,
                     bytes: DenseSpectrum.requiredBytes(sizes: sizes, examples: n) + 8 * m * k * k)
        let factoredReason: String? = problem.hasMissingBiases ? "its factor keeps every bias column, and this network has bias-free layers"
            : r >= m ? "its factor has r = N·K = \(r) columns, not fewer than M = \(m)" : nil
        func make(_ method: SpectrumMethod, requested: Bool) -> ClassSplitPlan {
            let cost = method == .dense ? dense : factored
            return ClassSplitPlan(withinMethod: method, requested: requested, estimatedFlops: cost.flops, requiredBytes: cost.bytes,
                                  factorColumns: r)
        }
        switch method {
        case .dense:
            try MemoryBudget.require(dense.bytes, for: "the dense \(m)×\(m) within-class part of G", available: availableBytes)
            return make(.dense, requested: true)
        case .factored:
            if let factoredReason { throw ClassSplitError.withinUnsupported(method: .factored, reason: factoredReason) }
            try MemoryBudget.require(factored.bytes, for: "the within-class part of G in factored form (r = \(r))", available: availableBytes)
            return make(.factored, requested: true)
        default:
            let fits = { (bytes: Int) in availableBytes.map { bytes <= $0 } ?? true }
            let factoredUsable = factoredReason == nil && fits(factored.bytes)
            if factoredUsable && (factored.flops < dense.flops || !fits(dense.bytes)) { return make(.factored, requested: false) }
            try MemoryBudget.require(dense.bytes, for: "the dense \(m)×\(m) within-class part of G", available: availableBytes)
            return make(.dense, requested: false)
        }
    }

    /// The spectra of G_class, G_cross and G_within (matrix names `gn_class`,
    /// `gn_cross`, `gn_within`; all M eigenvalues each, ascending, or the
    /// `top`/`bottom` extremes with their indices), G_within by `plan`.
    /// - Throws: `LAPACKError`, `MemoryError`, `SpectrumError.nonFinite`.
    public func spectra(plan: ClassSplitPlan, top: Int? = nil, bottom: Int? = nil, driver: EigenDriver? = nil,
                        resources: ComputeResources = ComputeResources()) throws -> [PartSpectrum] {
        var out: [PartSpectrum] = []
        for level in ClassLevel.allCases {
            let t0 = DispatchTime.now()
            var timing = (assemble: 0.0, eigen: 0.0)
            let values: [Double]
            if level == .withinClass {
                values = try withinEigenvalues(method: plan.withinMethod, driver: driver, resources: resources, timing: &timing)
            } else {
                values = try meanEigenvalues(level)
                timing.eigen = elapsedSeconds(t0, DispatchTime.now())
            }
            var spectrum = PartSpectrum(part: .gaussNewton, eigenvalues: values, assembleSeconds: timing.assemble, eigenSeconds: timing.eigen)
            spectrum.classLevel = level
            if (top ?? 0) > 0 || (bottom ?? 0) > 0 {
                spectrum = SpectrumEngine.extremes(of: spectrum, top: top ?? 0, bottom: bottom ?? 0)
            }
            out.append(spectrum)
        }
        return out
    }

    /// All M eigenvalues of G_within, ascending, by `.dense` (G assembled,
    /// minus F·Fᵀ over every mean) or `.factored` (see `plan`).
    public func withinEigenvalues(method: SpectrumMethod, driver: EigenDriver? = nil,
                                  resources: ComputeResources = ComputeResources()) throws -> [Double] {
        var timing = (assemble: 0.0, eigen: 0.0)
        return try withinEigenvalues(method: method, driver: driver, resources: resources, timing: &timing)
    }

    private func withinEigenvalues(method: SpectrumMethod, driver: EigenDriver?, resources: ComputeResources,
                                   timing: inout (assemble: Double, eigen: Double)) throws -> [Double] {
        let t0 = DispatchTime.now()
        var matrix: [Double]
        var order: Int
        if method == .factored {
            (matrix, order) = withinGram(resources: resources)
        } else {
            let hessian = ExactHessian(model: model, data: data, threads: resources.threads)
            matrix = []
            order = hessian.assembleFree(.gaussNewton, into: &matrix)
            let (f, k) = factor([.classMeans, .crossClass])
            if k > 0 {
                BLAS.syrkLower(trans: false, n: order, k: k, alpha: -1, a: f, lda: order, beta: 1, c: &matrix, ldc: order)
            }
        }
        let t1 = DispatchTime.now()
        if matrix.contains(where: { !$0.isFinite }) { throw SpectrumError.nonFinite(part: .gaussNewton) }
        var values = try SymmetricEigensolver.eigenvalues(
            destroying: &matrix, order: order, driver: driver ?? (method == .factored ? .twoStage : .divideAndConquer),
            backend: resources.lapack)
        timing = (elapsedSeconds(t0, t1), elapsedSeconds(t1, DispatchTime.now()))
        values += repeatElement(0, count: max(0, parameterCount - order))
        return values.sorted()
    }

    /// The r × r Gram (I − P)·K·(I − P) of G_within's factor (see `plan`),
    /// both triangles, r = N·K.
    /// - Complexity: N²·K²·Σ_l h_l flops for K, 6·r² for the projections.
    func withinGram(resources: ComputeResources) -> (gram: [Double], order: Int) {
        let n = data.count, k = classes
        let loss = model.loss.function
        let outputs = model.layout.outputDimension
        var weights: [Double] = []
        // The top of the backward pass: √ω_{i,c′}·v_{i,c′} at row c′·N + i (the
        // kernel's 1/N makes the weights w = ω/N).
        let factors = FactoredGram(model: model, data: data, resources: resources) { evaluation in
            let pairs = loss.classPairFactor(evaluation, count: n, classes: outputs)
            let omega = pairs?.weights ?? []
            weights = omega.map { $0 / Double(n) }
            var top = [Double](repeating: 0, count: n * k * outputs)
            for a in 0..<k {
                for j in 0..<outputs {
                    for s in 0..<n {
                        top[j * n * k + a * n + s] = omega[a * n + s].squareRoot() * (pairs?.directions[(a * outputs + j) * n + s] ?? 0)
                    }
                }
            }
            return (top, k)
        }
        let r = n * k
        var gram = [Double](repeating: 0, count: r * r)
        factors.fillGaussNewtonGram(&gram, leadingDimension: r)
        // The fill leaves the blocks above the diagonal empty: mirror them.
        for column in 0..<r { for row in 0..<column { gram[column * r + row] = gram[row * r + column] } }
        // The groups (c, c′): positions c′·N + i of the examples i of class c.
        var groups: [[Int]] = []
        for c in 0..<trueClasses {
            let members = data.labels.indices.filter { data.labels[$0] == c }
            for a in 0..<k { groups.append(members.map { a * n + $0 }) }
        }
        let roots = weights.map { $0.squareRoot() }
        // x ← (I − P)·x on every column; K symmetric, so doing it, transposing
        // and doing it again gives (I − P)·K·(I − P).
        func project(_ gram: inout [Double]) {
            for column in 0..<r {
                let base = column * r
                for group in groups {
                    var mass = 0.0, dot = 0.0
                    for i in group { mass += weights[i]; dot += roots[i] * gram[base + i] }
                    guard mass > 0 else { continue }
                    let t = dot / mass
                    for i in group { gram[base + i] -= roots[i] * t }
                }
            }
        }
        project(&gram)
        for column in 0..<r {
            for row in 0..<column { gram.swapAt(column * r + row, row * r + column) }
        }
        project(&gram)
        return (gram, r)
    }
}
