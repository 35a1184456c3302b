/// The three ways the paper (Table 1) counts the outliers that stand to the
/// right of the bulk: the largest consecutive gap, the largest consecutive
/// ratio, and the elbow of the scree plot.
///
/// Every method looks at the same **window**: the `window` largest eigenvalues
/// u₁ ≥ u₂ ≥ … ≥ u_w in descending order, w = min(window, number of
/// eigenvalues), each raised to at least the zero level
/// z = zeroTolerance · max|λ| (see `ZeroLevel`). Zeros, negative eigenvalues
/// and rounding noise all sit at or below z, so they belong to the bulk and
/// look alike: the distance from the smallest outlier down to the bulk is
/// measured to z, never beyond it into the negative values. The count is a
/// number of leading window values, 0 ≤ count ≤ w − 1, and it is 0 whenever
/// nothing stands apart:
/// - fewer than two values in the window (a single eigenvalue, none);
/// - every window value equal, which includes a spectrum that is all zero or
///   all negative (everything is raised to z).
/// Non-finite eigenvalues are ignored. A window wider than the spectrum uses
/// the whole spectrum.
public enum OutlierMethod: String, CaseIterable, Sendable {
    /// The position of the largest consecutive gap: the count is the i in
    /// 1…w−1 that maximises uᵢ − uᵢ₊₁. Equal largest gaps: the one nearest
    /// the top wins (the smaller count). 0 when the largest gap is 0.
    case largestGap = "largest_gap"
    /// The position of the largest consecutive ratio: the count is the i in
    /// 1…w−1 that maximises rᵢ / rᵢ₊₁, where rᵢ = max(uᵢ, f) is the window
    /// raised further to the **ratio floor** f = ratioFloor · u₁. Below f
    /// the values are the bulk and look alike: without the floor, ratios
    /// between consecutive bulk values, which spread over many decades
    /// (8e-7 / 3e-8), beat the ratio from the smallest outlier to the bulk.
    /// The floor also keeps the division finite. Equal largest ratios: the
    /// one nearest the top wins. 0 when the largest ratio is 1.
    case largestRatio = "largest_ratio"
    /// The elbow of the scree plot (the "kneedle" rule): plot the window as
    /// points (xᵢ, yᵢ) with the rank and the value both scaled to [0, 1],
    /// xᵢ = (i − 1)/(w − 1) and yᵢ = (uᵢ − u_w)/(u₁ − u_w); the elbow is the
    /// point farthest below the chord from the largest value (0, 1) to the
    /// smallest (1, 0), i.e. the i maximising 1 − xᵢ − yᵢ (the first such i
    /// on a tie). The elbow value u_i is the threshold and the count is the
    /// number of window values strictly above it, which is i − 1: the elbow
    /// is the first value of the bulk. 0 when no point lies below the chord
    /// by more than `chordMargin` (a straight or concave scree, w < 3, or
    /// u₁ = u_w). The method needs the window to reach well into the bulk:
    /// a window of only outliers has no elbow.
    case elbow

    /// How far below the chord (in the scaled units of `elbow`) a point must
    /// lie to be an elbow: more than rounding, so that a straight scree,
    /// whose points lie on the chord up to a few ulps, has none.
    public static let chordMargin = 1e-12
}

/// How the outliers are counted: the window of largest eigenvalues, the
/// level below which an eigenvalue counts as zero, and the floor of the
/// ratio method.
public struct OutlierCounting: Sendable, Equatable {
    /// How many of the largest eigenvalues the methods look at, at least 2.
    /// The paper's plots show the largest 120.
    public var window: Int
    /// Eigenvalues with |λ| ≤ zeroTolerance · max|λ| count as zero; a number
    /// in [0, 1).
    public var zeroTolerance: Double
    /// The ratio method treats values at or below ratioFloor · λ_max as the
    /// bulk; a number in [0, 1).
    public var ratioFloor: Double

    public static let defaultWindow = 120
    public static let defaultZeroTolerance = ZeroLevel.defaultTolerance
    /// 1e-3: on a linear plot of the top eigenvalues (the paper's Fig 2–4)
    /// a value below a thousandth of the largest cannot be told from zero.
    public static let defaultRatioFloor = 1e-3

    public init(window: Int = OutlierCounting.defaultWindow,
                zeroTolerance: Double = OutlierCounting.defaultZeroTolerance,
                ratioFloor: Double = OutlierCounting.defaultRatioFloor) {
        self.window = window
        self.zeroTolerance = zeroTolerance
        self.ratioFloor = ratioFloor
    }

    /// The first problem with these settings, as one line for the user, or nil.
    public var problem: String? {
        if window < 2 { return "--window must be at least 2, got \(window)" }
        if let problem = ZeroLevel.problem(zeroTolerance) { return problem }
        if !(ratioFloor >= 0 && ratioFloor < 1) { return "--ratio-floor must be at least 0 and below 1, got \(ratioFloor)" }
        return nil
    }

    /// The number of outliers by `method`; see `OutlierMethod` for the rules.
    /// Settings out of range are brought into it (a window below 2 counts as
    /// 2, a tolerance or floor outside [0, 1) as the nearest end of it, NaN
    /// as 0) rather than stopping the program; check `problem` first to
    /// report them.
    /// - Complexity: O(n log n) for n eigenvalues (one sort).
    public func count(_ eigenvalues: [Double], method: OutlierMethod) -> Int {
        countWindow(self.window(of: eigenvalues), method: method)
    }

    /// The count of every method, from one sort.
    public func counts(_ eigenvalues: [Double]) -> [OutlierMethod: Int] {
        let values = window(of: eigenvalues)
        var result: [OutlierMethod: Int] = [:]
        for method in OutlierMethod.allCases { result[method] = countWindow(values, method: method) }
        return result
    }

    /// u₁ ≥ … ≥ u_w: the largest `window` finite values, raised to the zero level.
    func window(of eigenvalues: [Double]) -> [Double] {
        let finite = eigenvalues.filter(\.isFinite)
        let z = ZeroLevel(tolerance: zeroTolerance).level(of: finite)
        return finite.sorted(by: >).prefix(max(window, 2)).map { max($0, z) }
    }

    func countWindow(_ u: [Double], method: OutlierMethod) -> Int {
        guard u.count >= 2, let top = u.first, let bottom = u.last, top > bottom else { return 0 }
        switch method {
        case .largestGap:
            return Self.firstMaximum(of: (0..<(u.count - 1)).map { u[$0] - u[$0 + 1] }, above: 0)
        case .largestRatio:
            // The smallest normal number keeps a floor of 0 (tolerance and
            // floor 0) from dividing by 0.
            let floor = max(Self.unitInterval(ratioFloor) * top, .leastNormalMagnitude)
            return Self.firstMaximum(of: (0..<(u.count - 1)).map { max(u[$0], floor) / max(u[$0 + 1], floor) }, above: 1)
        case .elbow:
            guard u.count >= 3 else { return 0 }
            let last = Double(u.count - 1), span = top - bottom
            let depths = u.indices.map { i in 1 - Double(i) / last - (u[i] - bottom) / span }
            // The elbow's rank from the top; the values above it are one fewer.
            let elbow = Self.firstMaximum(of: depths, above: OutlierMethod.chordMargin)
            return max(elbow - 1, 0)
        }
    }

    /// `x` brought into [0, 1]; NaN to 0.
    static func unitInterval(_ x: Double) -> Double { x.isNaN ? 0 : min(max(x, 0), 1) }

    /// The rank (1-based) of the first largest element, or 0 when no element
    /// exceeds `threshold`.
    static func firstMaximum(of values: [Double], above threshold: Double) -> Int {
        var best = threshold, at = 0
        for (i, x) in values.enumerated() where x > best {
            best = x
            at = i + 1
        }
        return at
    }
}

/// The number of outliers of a spectrum by `method`, looking at the
/// `window` largest eigenvalues; see `OutlierMethod` for each rule.
/// - Complexity: O(n log n) for n eigenvalues.
public func outlierCount(_ eigenvalues: [Double], method: OutlierMethod,
                         window: Int = OutlierCounting.defaultWindow,
                         zeroTolerance: Double = OutlierCounting.defaultZeroTolerance,
                         ratioFloor: Double = OutlierCounting.defaultRatioFloor) -> Int {
    OutlierCounting(window: window, zeroTolerance: zeroTolerance, ratioFloor: ratioFloor).count(eigenvalues, method: method)
}

/// What counts as a zero eigenvalue: |λ| ≤ z with z = tolerance · max|λ|
/// over the finite eigenvalues of the spectrum. The default tolerance 1e-6
/// lies well above the rounding error of a double-precision eigensolve
/// (about M · 2.2e-16 · max|λ|, 1e-11 · max|λ| for M = 55660) and well
/// below the outliers, so the exact zeros of a rank-deficient Gauss-Newton
/// matrix, which come out of the solver as ±rounding noise, count as zero.
public struct ZeroLevel: Sendable, Equatable {
    public static let defaultTolerance = 1e-6

    /// In [0, 1); values outside are brought to the nearest end, NaN to 0.
    public var tolerance: Double

    public init(tolerance: Double = ZeroLevel.defaultTolerance) {
        self.tolerance = tolerance
    }

    /// The problem with a tolerance, as one line for the user, or nil.
    public static func problem(_ tolerance: Double) -> String? {
        tolerance >= 0 && tolerance < 1 ? nil : "--zero-tol must be at least 0 and below 1, got \(tolerance)"
    }

    /// z = tolerance · max|λ| over the finite values; 0 for no values.
    public func level(of eigenvalues: [Double]) -> Double {
        OutlierCounting.unitInterval(tolerance) * eigenvalues.reduce(0) { $1.isFinite ? max($0, abs($1)) : $0 }
    }
}

/// The number of eigenvalues below −z, z = tolerance · max|λ|: the negative
/// eigenvalues that are not rounding noise around zero. Negatives only
/// (−1, −2, −3) gives 3; an all-zero spectrum 0. Non-finite values are ignored.
/// - Complexity: O(n).
public func negativeCount(_ eigenvalues: [Double], tolerance: Double = ZeroLevel.defaultTolerance) -> Int {
    let z = ZeroLevel(tolerance: tolerance).level(of: eigenvalues)
    return eigenvalues.reduce(0) { $0 + ($1.isFinite && $1 < -z ? 1 : 0) }
}

/// The fraction of the finite eigenvalues with |λ| ≤ z, z = tolerance ·
/// max|λ|: how much of the spectrum is the bulk at zero. An all-zero
/// spectrum gives 1 (z = 0 and every |λ| ≤ 0); an empty one 0.
/// - Complexity: O(n).
public func nearZeroFraction(_ eigenvalues: [Double], tolerance: Double = ZeroLevel.defaultTolerance) -> Double {
    let finite = eigenvalues.filter(\.isFinite)
    guard !finite.isEmpty else { return 0 }
    let z = ZeroLevel(tolerance: tolerance).level(of: finite)
    return Double(finite.reduce(0) { $0 + (abs($1) <= z ? 1 : 0) }) / Double(finite.count)
}
