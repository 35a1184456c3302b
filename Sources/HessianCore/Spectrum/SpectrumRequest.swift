/// What to compute, and with which method.
public struct SpectrumRequest: Sendable, Equatable {
    /// Which matrices of the split H = G + R.
    public var parts: [HessianPart]
    /// The method, or `.auto`.
    public var method: SpectrumMethod
    /// Keep only the K largest eigenvalues (with `bottom`: both ends).
    public var top: Int?
    /// Keep only the K smallest eigenvalues.
    public var bottom: Int?
    /// LAPACK driver of the dense and factored eigensolves; nil: each
    /// method's own (syevd for the dense matrix, syevd_2stage for the
    /// factored Gram matrices).
    public var driver: EigenDriver?
    /// Tolerance, iteration limit and seed of Lanczos (`top`/`bottom` are
    /// taken from this request).
    public var lanczosTolerance: Double
    /// Most Lanczos steps per run; nil: min(M, 1000).
    public var lanczosMaxIterations: Int?
    /// Seed of the Lanczos start vectors.
    public var lanczosSeed: UInt64
    /// Grid, block and eigensolver of `--method distributed`.
    public var distributed: DistributedSettings
    /// Also the unit eigenvectors of the `top`/`bottom` extremes (a partial
    /// request only), with residuals ‖A·v − λ·v‖ from exact products.
    public var vectors: Bool
    /// Probes, steps, iterations and seed of the estimators (`slq`, `power`).
    public var estimators: EstimatorSettings

    /// A request; every default is what the command line uses.
    public init(parts: [HessianPart] = [.hessian], method: SpectrumMethod = .auto, top: Int? = nil, bottom: Int? = nil,
                driver: EigenDriver? = nil, lanczosTolerance: Double = 1e-8,
                lanczosMaxIterations: Int? = nil, lanczosSeed: UInt64 = 0, vectors: Bool = false,
                distributed: DistributedSettings = DistributedSettings(), estimators: EstimatorSettings = EstimatorSettings()) {
        self.estimators = estimators
        self.distributed = distributed
        self.parts = parts
        self.method = method
        self.top = top
        self.bottom = bottom
        self.driver = driver
        self.lanczosTolerance = lanczosTolerance
        self.lanczosMaxIterations = lanczosMaxIterations
        self.lanczosSeed = lanczosSeed
        self.vectors = vectors
    }

    /// Whether only the extremes are wanted.
    public var isPartial: Bool { (top ?? 0) > 0 || (bottom ?? 0) > 0 }
}
