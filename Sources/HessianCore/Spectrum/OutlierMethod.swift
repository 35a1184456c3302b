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
