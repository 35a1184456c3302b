import Foundation

/// A level of the class decomposition of G (`GaussNewtonClassSplit`), by
/// the name its spectrum carries in the `matrix` column.
public enum ClassLevel: String, CaseIterable, Codable, Sendable {
    /// G_class = Σ_c W_{c,c}·δ_{c,c}·δ_{c,c}ᵀ, rank ≤ C.
    case classMeans = "gn_class"
    /// G_cross = Σ_{c≠c′} W_{c,c′}·δ_{c,c′}·δ_{c,c′}ᵀ, rank ≤ C(C−1).
    case crossClass = "gn_cross"
    /// G_within = G − G_class − G_cross, the spread of the pairs about their means.
    case withinClass = "gn_within"

    /// Whether the pair (true class c, gradient class c′) is one of this
    /// level's means (the within level has none of its own).
    func includes(trueClass c: Int, gradientClass a: Int) -> Bool {
        switch self {
        case .classMeans: return c == a
        case .crossClass: return c != a
        case .withinClass: return false
        }
    }
}

/// The class decomposition of the Gauss–Newton matrix (after Papyan, 2019
/// and 2020), exact.
///
/// With the loss's class-pair factor (`ClassPairFactor`: softmax
/// cross-entropy ω_{i,c′} = p_{i,c′}, v_{i,c′} = e_{c′} − p_i),
/// δ_{i,c′} = J_iᵀ·v_{i,c′} and w_{i,c′} = ω_{i,c′}/N,
///
///     G = Σ_i Σ_{c′} w_{i,c′}·δ_{i,c′}·δ_{i,c′}ᵀ.
///
/// Grouping the pairs (i, c′) by (c, c′), c the true class of example i:
/// W_{c,c′} = Σ_{i∈c} w_{i,c′}, the weighted means
/// δ_{c,c′} = Σ_{i∈c} w_{i,c′}·δ_{i,c′}/W_{c,c′}, and exactly
///
///     G = G_class + G_cross + G_within,
///     G_class  = Σ_c W_{c,c}·δ_{c,c}·δ_{c,c}ᵀ                      (rank ≤ C),
///     G_cross  = Σ_{c≠c′} W_{c,c′}·δ_{c,c′}·δ_{c,c′}ᵀ               (rank ≤ C(C−1)),
///     G_within = Σ w_{i,c′}·(δ_{i,c′} − δ_{c,c′})·(δ_{i,c′} − δ_{c,c′})ᵀ,
///
/// since Σ_{i∈c} w_{i,c′}·(δ_{i,c′} − δ_{c,c′}) = 0. The means are C·K
/// gradients of weighted losses: for each class c and each c′ one backward
/// pass of the outputs w_{i,c′}·v_{i,c′} over the examples of class c
/// (K·6·N·M flops in all). G_class = F·Fᵀ with F's columns √W_{c,c}·δ_{c,c},
/// so its nonzero eigenvalues are those of the C × C Gram FᵀF (and likewise
/// G_cross with a C(C−1) × C(C−1) Gram); G_within is solved dense
/// (G assembled, minus F·Fᵀ over all means) or through its factor
/// (`withinEigenvalues`). All parts are of the loss's G: weight decay's λ·I
/// is not in them.
public struct GaussNewtonClassSplit {
    /// The network.
    public let model: MLP
    /// The data (its labels are the true classes).
    public let data: Dataset
    /// C, the true classes (the labels' range).
    public let trueClasses: Int
    /// K, the classes c′ a gradient is taken for (C, or 2 for binary cross-entropy).
    public let classes: Int
    /// W_{c,c′} at `c·K + c′` (Σ W = (1/N)·Σ_i Σ_{c′} ω_{i,c′}: 1 for softmax cross-entropy).
    public let weights: [Double]
    /// δ_{c,c′} in the order of the M real parameters, M × (C·K) column-major,
    /// column `c·K + c′` (zero where W_{c,c′} = 0).
    public let means: [Double]

    /// M, the real parameters.
    public var parameterCount: Int { model.parameterCount }

    /// Computes the weights and means.
    /// - Complexity: one forward pass and K backward passes over the
    ///   examples of each class, about 2·(1 + 2K)·N·M flops; 8·M·C·K bytes.
    /// - Throws: `ClassSplitError` when the loss has no class-pair factor or
    ///   the data are regression targets.
    public init(model: MLP, data: Dataset) throws {
        guard data.targets == nil else { throw ClassSplitError.regressionTargets }
        guard let k = Self.gradientClasses(model.loss, outputs: model.layout.outputDimension) else {
            throw ClassSplitError.noClassPairs(model.loss)
        }
        self.model = model
        self.data = data
        classes = k
        trueClasses = data.classCount
        let m = model.parameterCount, n = data.count
        var weights = [Double](repeating: 0, count: trueClasses * k)
        var means = [Double](repeating: 0, count: m * trueClasses * k)
        let loss = model.loss.function
        let outputs = model.layout.outputDimension
        for c in 0..<trueClasses {
            let members = data.labels.indices.filter { data.labels[$0] == c }
            guard !members.isEmpty else { continue }
            let count = members.count
            var pass = ForwardPass(model: model, data: data.subset(members))
            guard let factor = loss.classPairFactor(pass.output, count: count, classes: outputs) else {
                throw ClassSplitError.noClassPairs(model.loss)
            }
            for a in 0..<k {
                // The outputs u_i = w_{i,c′}·v_{i,c′}; the gradient of the pass
                // is (1/n_c)·Σ_i J_iᵀ·u_i.
                var u = [Double](repeating: 0, count: count * outputs)
                var total = 0.0
                for s in 0..<count {
                    let w = factor.weights[a * count + s] / Double(n)
                    total += w
                    for j in 0..<outputs { u[j * count + s] = w * factor.directions[(a * outputs + j) * count + s] }
                }
                weights[c * k + a] = total
                guard total > 0 else { continue }
                pass.output.gradient = u
                let mean = model.restricted(model.gradient(from: pass))
                let scale = Double(count) / total
                let column = (c * k + a) * m
                for p in 0..<m { means[column + p] = scale * mean[p] }
            }
        }
        self.weights = weights
        self.means = means
    }

    /// K for `loss` with `outputs` outputs, or nil when it has no class-pair
    /// factor (asked of one example with uniform probabilities).
    public static func gradientClasses(_ loss: Loss, outputs: Int) -> Int? {
        let uniform = [Double](repeating: 1 / Double(outputs), count: outputs)
        let probe = LossEvaluation(losses: [0], gradient: [Double](repeating: 0, count: outputs), probabilities: uniform)
        return loss.function.classPairFactor(probe, count: 1, classes: outputs)?.classes
    }

    /// The pairs (c, c′) of `level` with W_{c,c′} > 0, in column order.
    public func pairs(_ level: ClassLevel) -> [(trueClass: Int, gradientClass: Int)] {
        var out: [(trueClass: Int, gradientClass: Int)] = []
        for c in 0..<trueClasses {
            for a in 0..<classes where level.includes(trueClass: c, gradientClass: a) && weights[c * classes + a] > 0 {
                out.append((c, a))
            }
        }
        return out
    }

    /// F, M × k column-major: the columns √W_{c,c′}·δ_{c,c′} over `levels`'
    /// pairs, so that the sum of those levels is F·Fᵀ.
    public func factor(_ levels: [ClassLevel]) -> (columns: [Double], count: Int) {
        let m = parameterCount
        var columns: [Double] = []
        var count = 0
        for level in levels {
            for (c, a) in pairs(level) {
                let root = weights[c * classes + a].squareRoot()
                let start = (c * classes + a) * m
                columns += means[start..<(start + m)].map { root * $0 }
                count += 1
            }
        }
        return (columns, count)
    }

    /// The k × k Gram FᵀF of `factor(levels)`.
    /// - Complexity: 2·M·k² flops.
    func gram(_ levels: [ClassLevel]) -> (gram: [Double], order: Int) {
        let (f, k) = factor(levels)
        guard k > 0 else { return ([], 0) }
        var gram = [Double](repeating: 0, count: k * k)
        BLAS.gemm(transA: true, m: k, n: k, k: parameterCount, a: f, lda: parameterCount, b: f, ldb: parameterCount,
                  c: &gram, ldc: k)
        return (gram, k)
    }

    /// All M eigenvalues, ascending, of G_class or G_cross: those of its
    /// Gram FᵀF (DSYEVD) and M − k zeros.
    /// - Complexity: 2·M·k² + (4/3)·k³ flops.
    public func meanEigenvalues(_ level: ClassLevel) throws -> [Double] {
        precondition(level != .withinClass, "the within-class part has no means of its own")
        var (gram, k) = gram([level])
        var values = try SymmetricEigensolver.eigenvalues(destroying: &gram, order: k)
        if values.contains(where: { !$0.isFinite }) { throw SpectrumError.nonFinite(part: .gaussNewton) }
        values += repeatElement(0, count: max(0, parameterCount - k))
        return values.sorted()
    }
}

/// Why the class decomposition of G cannot be made.
public enum ClassSplitError: Error, CustomStringConvertible, Equatable {
    /// The loss's curvature is not a weighted sum over classes.
    case noClassPairs(Loss)
    /// The data are regression targets, with no classes to group by.
    case regressionTargets
    /// The method estimates; the decomposition is exact only.
    case estimatingMethod(SpectrumMethod)
    /// The within-class part cannot be solved by this method here.
    case withinUnsupported(method: SpectrumMethod, reason: String)

    /// One line for a human.
    public var description: String {
        switch self {
        case .noClassPairs(let loss):
            return "the class decomposition of G needs a loss whose curvature is a weighted sum over classes (nll, the mse losses, logistic); \(loss.rawValue) is not"
        case .regressionTargets:
            return "the class decomposition of G groups examples by their class, and regression targets have none"
        case .estimatingMethod(let method):
            return "the class decomposition of G is exact; the \(method.rawValue) method estimates"
        case .withinUnsupported(let method, let reason):
            return "the within-class part of G cannot be solved by the \(method.rawValue) method: \(reason)"
        }
    }
}
