extension Int {
    /// `x` rounded toward zero and clamped to ±2⁵³ (the integers a double
    /// holds exactly); NaN gives `nanValue`. For a coordinate, count or
    /// exponent computed from data, where `Int(x)` would trap on an infinite,
    /// NaN or huge value (a subnormal's reciprocal, a sum near ±1.8e308).
    @inlinable
    public init(saturating x: Double, nanValue: Int = 0) {
        let bound = 9_007_199_254_740_992.0
        if x.isNaN { self = nanValue } else { self = Int(Swift.min(bound, Swift.max(-bound, x))) }
    }
}
