/// What to compute, and with which method.
public struct SpectrumRequest: Sendable, Equatable {
    public var parts: [HessianPart]
    public var method: SpectrumMethod
    /// Keep only the K largest eigenvalues (with `bottom`: both ends).
    public var top: Int?
    /// Keep only the K smallest eigenvalues.
    public var bottom: Int?
    /// LAPACK driver of the dense path.
    public var driver: EigenDriver
    /// Tolerance, iteration limit and seed of Lanczos (`top`/`bottom` are
    /// taken from this request).
    public var lanczosTolerance: Double
    public var lanczosMaxIterations: Int?
    public var lanczosSeed: UInt64
    /// Grid, block and eigensolver of `--method distributed`.
    public var distributed: DistributedSettings

    public init(parts: [HessianPart] = [.hessian], method: SpectrumMethod = .auto, top: Int? = nil, bottom: Int? = nil,
                driver: EigenDriver = .divideAndConquer, lanczosTolerance: Double = 1e-8,
                lanczosMaxIterations: Int? = nil, lanczosSeed: UInt64 = 0, distributed: DistributedSettings = DistributedSettings()) {
        self.distributed = distributed
        self.parts = parts
        self.method = method
        self.top = top
        self.bottom = bottom
        self.driver = driver
        self.lanczosTolerance = lanczosTolerance
        self.lanczosMaxIterations = lanczosMaxIterations
        self.lanczosSeed = lanczosSeed
    }

    /// Whether only the extremes are wanted.
    public var isPartial: Bool { (top ?? 0) > 0 || (bottom ?? 0) > 0 }
}
