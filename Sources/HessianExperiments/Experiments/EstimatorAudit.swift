import Foundation
import HessianCore

/// The estimators a peer tool publishes with, at the settings it ships,
/// run on exact products and measured against the exact spectrum of the
/// same network (`hessian-spectrum audit`).
public enum EstimatorAudit {
    /// Which estimator a run uses.
    public enum Estimator: String, Sendable, CaseIterable {
        case slq
        case power
        case hutchinson
        case hutchPlusPlus = "hutch++"
    }

    /// One estimator at one setting.
    public struct Setting: Sendable, Equatable {
        /// The estimator.
        public var estimator: Estimator
        /// Whose shipped setting this is ("pyhessian"), or "given".
        public var name: String
        /// SLQ probes.
        public var probes: Int?
        /// SLQ Lanczos steps, or power iterations.
        public var steps: Int?
        /// Trace-estimator products.
        public var matvecs: Int?

        /// A setting.
        public init(estimator: Estimator, name: String, probes: Int? = nil, steps: Int? = nil, matvecs: Int? = nil) {
            self.estimator = estimator
            self.name = name
            self.probes = probes
            self.steps = steps
            self.matvecs = matvecs
        }
    }

    /// The peers' shipped settings: PyHessian (SLQ 1 probe × 100 steps,
    /// power iteration 100 iterations tol 1e-3, Hutchinson 100 probes),
    /// hessian-eigenthings (SLQ 10 × 80, Hutch++ 100 products) and
    /// Ghorbani et al.'s spectral-density (SLQ 10 × 80, the same run as
    /// hessian-eigenthings', named for both).
    public static let peerSettings: [Setting] = [
        Setting(estimator: .slq, name: "pyhessian", probes: 1, steps: 100),
        Setting(estimator: .slq, name: "hessian-eigenthings;spectral-density", probes: 10, steps: 80),
        Setting(estimator: .power, name: "pyhessian", steps: 100),
        Setting(estimator: .hutchinson, name: "pyhessian", matvecs: 100),
        Setting(estimator: .hutchPlusPlus, name: "hessian-eigenthings", matvecs: 100),
    ]

    /// One estimator run and its errors against the exact spectrum; nil
    /// where a figure does not apply.
    public struct Record: Sendable {
        /// The estimator and its setting.
        public var setting: Setting
        /// The matrix estimated.
        public var part: HessianPart
        /// 0-based repeat (seed = base seed + repeat).
        public var repetition: Int
        /// SLQ probes.
        public var probes: Int?
        /// SLQ steps taken at most, or the power-iteration limit.
        public var steps: Int?
        /// Products with the matrix.
        public var matvecs: Int
        /// Wall-clock seconds of the run.
        public var seconds: Double
        /// W₁ / (λmax − λmin).
        public var w1: Double?
        /// sup |F_SLQ − F_exact| of the distribution functions.
        public var ks: Double?
        /// |θ_max − λ_max| / |λ_max| (SLQ's largest node, power's first value).
        public var top1RelativeError: Double?
        /// The largest relative error of power iteration's top K.
        public var topKRelativeError: Double?
        /// |t − tr| / |tr| (SLQ: t = M·Σ w·θ); nil when tr is 0 to rounding.
        public var traceRelativeError: Double?
        /// |SLQ mass below −z − exact fraction below −z|, z the zero level.
        public var negativeMassError: Double?
        /// Outliers of the exact spectrum by the largest gap.
        public var outliersExact: Int?
        /// M × the SLQ mass above the exact gap's midpoint, rounded.
        public var outliersEstimated: Int?
        /// The SLQ estimate itself (for a figure).
        public var quadrature: SpectralQuadrature?
    }

    /// One point of a convergence curve: an error after `matvecs` products.
    public struct ConvergencePoint: Sendable {
        /// The estimator.
        public var estimator: Estimator
        /// The matrix.
        public var part: HessianPart
        /// 0-based repeat.
        public var repetition: Int
        /// Products spent.
        public var matvecs: Int
        /// "w1" (SLQ, over the first probes) or "trace_rel_err".
        public var metric: String
        /// The error.
        public var value: Double
    }

    /// The exact figures an estimate is compared with, from all M
    /// eigenvalues (ascending).
    public struct Exact: Sendable {
        /// All M eigenvalues, ascending.
        public var eigenvalues: [Double]
        /// Σλ = tr.
        public var trace: Double
        /// Whether tr is 0 to rounding (|tr| ≤ 1e-8·Σ|λ|, the residual R
        /// of a ReLU network, say): then no error relative to it exists.
        public var traceIsZero: Bool
        /// Fraction below −zeroTolerance·max|λ|.
        public var negativeMass: Double
        /// Outliers by the largest gap (`OutlierMethod.largestGap`).
        public var outliers: Int
        /// Midway across that gap: estimated mass above it counts outliers.
        public var outlierCut: Double
        /// max|λ|·zeroTolerance: below −level a value is negative.
        public var zeroLevel: Double

        /// The figures of an ascending spectrum.
        public init(eigenvalues: [Double], counting: OutlierCounting = OutlierCounting()) {
            self.eigenvalues = eigenvalues
            let m = eigenvalues.count
            trace = eigenvalues.reduce(0, +)
            traceIsZero = abs(trace) <= 1e-8 * eigenvalues.reduce(0) { $0 + abs($1) }
            zeroLevel = counting.zeroTolerance * (eigenvalues.map(abs).max() ?? 0)
            negativeMass = Double(negativeCount(eigenvalues, tolerance: counting.zeroTolerance)) / Double(max(1, m))
            outliers = counting.count(eigenvalues, method: .largestGap)
            let k = outliers
            outlierCut = k > 0 && k < m ? (eigenvalues[m - k] + eigenvalues[m - k - 1]) / 2 : .infinity
        }

        var range: Double { (eigenvalues.last ?? 0) - (eigenvalues.first ?? 0) }
    }

    /// The errors of an SLQ estimate: W₁/(λmax − λmin), KS, the largest
    /// node against λmax, the trace M·Σ w·θ, the mass below −zero level,
    /// and M times the mass above the exact outlier cut.
    public static func measure(_ q: SpectralQuadrature, against exact: Exact) -> Record {
        let m = Double(exact.eigenvalues.count)
        let (w1, ks) = SpectralDistance.compare(positions: q.nodes, weights: q.weights, eigenvalues: exact.eigenvalues)
        let lambdaMax = exact.eigenvalues.last ?? .nan
        let trace = m * zip(q.nodes, q.weights).reduce(0) { $0 + $1.0 * $1.1 }
        let negative = zip(q.nodes, q.weights).filter { $0.0 < -exact.zeroLevel }.reduce(0) { $0 + $1.1 }
        let above = zip(q.nodes, q.weights).filter { $0.0 > exact.outlierCut }.reduce(0) { $0 + $1.1 }
        return Record(setting: Setting(estimator: .slq, name: ""), part: .hessian, repetition: 0, probes: q.probeCount,
                      steps: q.steps.max(), matvecs: q.products, seconds: 0,
                      w1: exact.range > 0 ? w1 / exact.range : w1, ks: ks,
                      top1RelativeError: relative(q.nodes.max() ?? .nan, lambdaMax),
                      traceRelativeError: exact.traceIsZero ? nil : relative(trace, exact.trace),
                      negativeMassError: abs(negative - exact.negativeMass),
                      outliersExact: exact.outliers, outliersEstimated: Int(saturating: (m * above).rounded()), quadrature: q)
    }

    /// |estimate − exact| / |exact| (the absolute error when exact is 0).
    public static func relative(_ estimate: Double, _ exact: Double) -> Double {
        exact == 0 ? abs(estimate) : abs(estimate - exact) / abs(exact)
    }

    /// Every setting on every part, `repeats` times with seeds seed + r.
    /// - Parameters:
    ///   - exact: the ascending eigenvalues of each part, all M of them.
    ///   - top: K of power iteration and of `topk_rel_err`.
    /// - Complexity: the products of every run (≈ 6·N·M flops each) plus
    ///   their reorthogonalisation.
    /// - Throws: as the estimators.
    public static func run(
        products: HessianVectorProduct, exact: [HessianPart: [Double]], parts: [HessianPart], settings: [Setting],
        top: Int, repeats: Int, seed: UInt64
    ) throws -> [Record] {
        var records: [Record] = []
        for part in parts {
            guard let values = exact[part] else { continue }
            let reference = Exact(eigenvalues: values)
            let a = SymmetricOperator.objectiveCurvature(products, part: part)
            for setting in settings {
                for r in 0..<repeats {
                    let t0 = DispatchTime.now()
                    var record = try runOne(setting, on: a, reference: reference, top: top, seed: seed &+ UInt64(r))
                    record.seconds = elapsedSeconds(t0, DispatchTime.now())
                    record.setting = setting
                    record.part = part
                    record.repetition = r
                    records.append(record)
                }
            }
        }
        return records
    }

    private static func runOne(_ setting: Setting, on a: SymmetricOperator, reference: Exact, top: Int, seed: UInt64) throws -> Record {
        let n = a.order
        switch setting.estimator {
        case .slq:
            let settings = EstimatorSettings(probes: setting.probes ?? 10, lanczosSteps: min(setting.steps ?? 80, n), seed: seed)
            return measure(try StochasticLanczosQuadrature.density(of: a, settings: settings), against: reference)
        case .power:
            let k = min(top, n)
            let settings = EstimatorSettings(powerIterations: setting.steps ?? 100, seed: seed)
            let result = try PowerIteration.topEigenvalues(of: a, count: k, settings: settings)
            let exactTop = Array(reference.eigenvalues.suffix(k).reversed())
            let errors = zip(result.values.sorted(by: >), exactTop).map { relative($0, $1) }
            return Record(setting: setting, part: .hessian, repetition: 0, probes: nil, steps: settings.powerIterations,
                          matvecs: result.products, seconds: 0, top1RelativeError: errors.first,
                          topKRelativeError: errors.max())
        case .hutchinson, .hutchPlusPlus:
            let estimator: TraceEstimator = setting.estimator == .hutchinson ? .hutchinson : .hutchPlusPlus
            let estimate = try estimator.estimate(of: a, products: setting.matvecs ?? 100, seed: seed)
            return Record(setting: setting, part: .hessian, repetition: 0, probes: nil, steps: nil, matvecs: estimate.products,
                          seconds: 0, traceRelativeError: reference.traceIsZero ? nil : relative(estimate.value, reference.trace))
        }
    }

    /// Error against products: W₁/(λmax − λmin) of an SLQ run over its
    /// first p probes, p = 1…P; the trace estimators' relative error at
    /// K = 3, 6, 12, … up to `matvecs`.
    public static func convergence(
        products: HessianVectorProduct, exact: [HessianPart: [Double]], parts: [HessianPart], records: [Record],
        matvecs: Int, repeats: Int, seed: UInt64
    ) throws -> [ConvergencePoint] {
        var points: [ConvergencePoint] = []
        for part in parts {
            guard let values = exact[part] else { continue }
            let reference = Exact(eigenvalues: values)
            // Every SLQ run of more than one probe, probe by probe.
            for record in records where record.part == part && record.setting.estimator == .slq {
                guard let q = record.quadrature, q.probeCount > 1 else { continue }
                for p in 1...q.probeCount {
                    let prefix = q.prefix(probes: p)
                    let (w1, _) = SpectralDistance.compare(positions: prefix.nodes, weights: prefix.weights, eigenvalues: values)
                    points.append(ConvergencePoint(estimator: .slq, part: part, repetition: record.repetition, matvecs: prefix.products,
                                                   metric: "w1", value: reference.range > 0 ? w1 / reference.range : w1))
                }
            }
            let a = SymmetricOperator.objectiveCurvature(products, part: part)
            var counts: [Int] = []
            var k = 3
            while k < matvecs { counts.append(k); k *= 2 }
            counts.append(matvecs)
            for estimator in [TraceEstimator.hutchinson, .hutchPlusPlus] where !reference.traceIsZero {
                for r in 0..<repeats {
                    for k in counts where k >= estimator.minimumProducts {
                        let estimate = try estimator.estimate(of: a, products: k, seed: seed &+ UInt64(r))
                        points.append(ConvergencePoint(estimator: estimator == .hutchinson ? .hutchinson : .hutchPlusPlus, part: part,
                                                       repetition: r, matvecs: estimate.products, metric: "trace_rel_err",
                                                       value: relative(estimate.value, reference.trace)))
                    }
                }
            }
        }
        return points
    }
}
