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

    /// The window of the paper's figures: the 120 largest eigenvalues.
    public static let defaultWindow = 120
    /// See `ZeroLevel.defaultTolerance`.
    public static let defaultZeroTolerance = ZeroLevel.defaultTolerance
    /// 1e-3: on a linear plot of the top eigenvalues (the paper's Fig 2–4)
    /// a value below a thousandth of the largest cannot be told from zero.
    public static let defaultRatioFloor = 1e-3

    /// Counting settings; `problem` says whether they are in range.
    public init(window: Int = OutlierCounting.defaultWindow,
                zeroTolerance: Double = OutlierCounting.defaultZeroTolerance,
                ratioFloor: Double = OutlierCounting.defaultRatioFloor) {
        self.window = window
        self.zeroTolerance = zeroTolerance
        self.ratioFloor = ratioFloor
    }

    /// The first setting out of range, or nil.
    public var problem: SettingError? {
        if window < 2 { return SettingError(.window, .atLeast(2), got: window) }
        if let problem = ZeroLevel.problem(zeroTolerance) { return problem }
        if !(ratioFloor >= 0 && ratioFloor < 1) { return SettingError(.ratioFloor, .unitInterval, got: ratioFloor) }
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
