import Foundation

/// How data values are spaced along an axis.
enum AxisScale: Equatable {
    case linear
    /// Base-10 logarithmic; values ≤ 0 are drawn at the lower end.
    case log
    /// Symmetric logarithm with linear part ±`threshold`:
    /// t(x) = x/c for |x| < c, else sign(x)·(1 + log₁₀(|x|/c)), so zero, the
    /// bulk and both tails share one axis and every decade has equal length.
    case symlog(threshold: Double)

    /// The coordinate in which the axis is linear.
    func transform(_ x: Double) -> Double {
        switch self {
        case .linear:
            return x
        case .log:
            return log10(x)
        case .symlog(let c):
            let a = abs(x)
            if a < c { return x / c }
            return (x < 0 ? -1 : 1) * (1 + log10(a / c))
        }
    }

    /// A symmetric-log scale whose linear part is six decades below the
    /// largest magnitude, so the outliers, the bulk and the negative tail
    /// each get their own decades.
    static func symlog(fitting values: [Double]) -> AxisScale {
        let largest = values.reduce(0) { max($0, abs($1)) }
        guard largest > 0, largest.isFinite else { return .linear }
        // Six decades below values near 5e-324 underflow to 0: keep the smallest normal double.
        return .symlog(threshold: max(Double.leastNormalMagnitude, pow(10, (log10(largest)).rounded(.up) - 6)))
    }
}

/// One labelled tick.
struct Tick: Equatable {
    var value: Double
    var label: String
}

/// An axis: a data interval with its ticks, mapped onto a pixel interval.
/// `lower` maps to `start` and `upper` to `end` (for a y axis `start` is the
/// bottom edge, so `end < start`).
struct Axis {
    var scale: AxisScale
    var lower: Double
    var upper: Double
    var ticks: [Tick]
    /// Tick labels of a linear axis are in units of 10^`power` (a multiple
    /// of 3) when its numbers are very small or very large; the axis title
    /// says so with `unitSuffix`.
    var power: Int = 0
    var start: Double = 0
    var end: Double = 1

    /// " (×10⁻³)" for labels in thousandths, "" for plain labels.
    var unitSuffix: String { power == 0 ? "" : " (\u{00D7}10" + TickLabel.superscript(power) + ")" }

    /// The pixel of a data value: linear interpolation in the scale's
    /// transformed coordinate. Values outside the domain of a log scale are
    /// clamped to its lower end.
    func pixel(_ x: Double) -> Double {
        var value = x
        if scale == .log, !(value >= lower) { value = lower }
        // Halves keep the differences finite for numbers near ±Double.greatestFiniteMagnitude.
        let t0 = scale.transform(lower) / 2, t1 = scale.transform(upper) / 2
        let fraction = (scale.transform(value) / 2 - t0) / (t1 - t0)
        return start + fraction * (end - start)
    }

    /// An axis fitted to data between `low` and `high`. A linear scale has
    /// ticks at multiples of a 1-2-2.5-5 step giving about `targetTicks`
    /// ticks, and each end of the data is widened to the next tick when that
    /// adds at most `widening` of the data range (else the axis ends at the
    /// data). Log scales are widened to whole decades.
    /// `integerSteps` keeps linear ticks on whole numbers (ranks, steps).
    static func fitted(low: Double, high: Double, scale: AxisScale, targetTicks: Int, integerSteps: Bool = false) -> Axis {
        switch scale {
        case .linear:
            return linear(low: low, high: high, targetTicks: targetTicks, integerSteps: integerSteps)
        case .log:
            return logarithmic(low: low, high: high, targetTicks: targetTicks)
        case .symlog(let c):
            return symmetricLog(low: low, high: high, threshold: c, targetTicks: targetTicks)
        }
    }

    private static func linear(low: Double, high: Double, targetTicks: Int, integerSteps: Bool) -> Axis {
        var lo = low, hi = high
        if !(hi - lo > 1e-12 * max(abs(lo), abs(hi))) {
            let pad = lo == 0 ? 1 : abs(lo) * 0.1
            lo = max(lo - pad, -Double.greatestFiniteMagnitude)
            hi = min(hi + pad, Double.greatestFiniteMagnitude)
        }
        var step = niceStep((hi / 2 - lo / 2) / Double(max(1, targetTicks)) * 2)
        if integerSteps { step = step < 1 ? 1 : step.rounded() == step ? step : 2 * step }
        let first = (lo / step + 1e-9).rounded(.down), last = (hi / step - 1e-9).rounded(.up)
        // Widen an end to its tick only when that costs little room, so a
        // tiny negative eigenvalue does not push the axis down a whole step.
        let slack = widening * (hi / 2 - lo / 2) * 2
        var lower = (first * step).isFinite && lo - first * step <= slack ? first * step : lo
        var upper = (last * step).isFinite && last * step - hi <= slack ? last * step : hi
        // Integer steps over a range far below 1 can round both ends to one
        // tick; then the data's own ends are the axis.
        if !(upper > lower) { (lower, upper) = (lo, hi) }
        let tolerance = 1e-9 * step
        let largest = max(abs(lower), abs(upper))
        var power = 0
        if largest > 0, largest.isFinite, largest < 1e-2 || largest >= 1e5 {
            // Above 10⁻³²⁴, whose double is 0: subnormal data (5e-324) keeps a nonzero unit.
            power = max(-321, 3 * Int(saturating: (log10(largest).rounded(.down) / 3).rounded(.down)))
        }
        let unit = pow(10, Double(power))
        let count = last - first
        let ticks = (0...(count.isFinite && count >= 0 && count < 1000 ? Int(count) : 0)).compactMap { i -> Tick? in
            let value = (first + Double(i)) * step
            guard value.isFinite, value >= lower - tolerance, value <= upper + tolerance else { return nil }
            return Tick(value: value, label: TickLabel.linear(value / unit, step: step / unit))
        }
        return Axis(scale: .linear, lower: lower, upper: upper, ticks: ticks, power: power)
    }

    /// The largest widening of a linear axis end to reach a tick, as a
    /// fraction of the data range.
    static let widening = 0.1

    private static func logarithmic(low: Double, high: Double, targetTicks: Int) -> Axis {
        let lo = low > 0 ? low : 1
        let top = max(high, lo * 10)
        // Decades of doubles lie in −324…309; a non-finite end saturates into that range.
        let firstDecade = Self.decade(log10(lo).rounded(.down)), lastDecade = max(firstDecade, Self.decade(log10(top).rounded(.up)))
        let every = max(1, (lastDecade - firstDecade + targetTicks - 1) / max(1, targetTicks))
        let ticks = stride(from: firstDecade, through: lastDecade, by: every).map {
            Tick(value: pow(10, Double($0)), label: TickLabel.decade($0))
        }
        return Axis(scale: .log, lower: pow(10, Double(firstDecade)), upper: pow(10, Double(lastDecade)), ticks: ticks)
    }

    private static func symmetricLog(low: Double, high: Double, threshold c: Double, targetTicks: Int) -> Axis {
        let exponent = Self.decade(log10(c).rounded())
        // The domain ends at the decade beyond the data, or at ±c when the
        // data stay inside the linear part.
        func bound(_ magnitude: Double) -> (value: Double, decade: Int) {
            guard magnitude > c else { return (c, exponent) }
            let decade = Self.decade(log10(magnitude).rounded(.up))
            let end = pow(10, Double(decade))
            return end.isFinite ? (end, decade) : (magnitude, decade - 1)
        }
        let (upper, topDecade) = high > 0 ? bound(high) : (0, exponent - 1)
        let (negativeBound, bottomDecade) = low < 0 ? bound(-low) : (0, exponent - 1)
        let lower = -negativeBound
        let decades = max(0, topDecade - exponent + 1) + max(0, bottomDecade - exponent + 1)
        let every = max(1, (decades + targetTicks - 2) / max(1, targetTicks - 1))
        var ticks: [Tick] = []
        if bottomDecade >= exponent {
            for k in stride(from: bottomDecade, through: exponent, by: -every) {
                ticks.append(Tick(value: -pow(10, Double(k)), label: "\u{2212}" + TickLabel.decade(k)))
            }
        }
        ticks.append(Tick(value: 0, label: "0"))
        if topDecade >= exponent {
            let upward = stride(from: topDecade, through: exponent, by: -every).reversed()
            for k in upward { ticks.append(Tick(value: pow(10, Double(k)), label: TickLabel.decade(k))) }
        }
        if lower == upper {
            return Axis(scale: .symlog(threshold: c), lower: -c, upper: c, ticks: ticks)
        }
        return Axis(scale: .symlog(threshold: c), lower: lower, upper: upper, ticks: ticks)
    }

    /// A decade exponent clamped to the range of doubles (10⁻³²⁴ … 10³⁰⁸);
    /// NaN (log of a non-positive or NaN value) gives 0.
    static func decade(_ exponent: Double) -> Int {
        min(308, max(-324, Int(saturating: exponent)))
    }

    /// The smallest of 1, 2, 2.5, 5, 10 × 10ᵏ that is at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, log10(raw).rounded(.down))
        let residual = raw / magnitude
        let nice: Double = residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 2.5 ? 2.5 : residual <= 5 ? 5 : 10
        return nice * magnitude
    }
}

/// Tick label text: short, with exactly the decimals the step needs and a
/// true minus sign.
enum TickLabel {
    static let minus = "\u{2212}"

    static func linear(_ value: Double, step: Double) -> String {
        if abs(value) < step * 1e-6 { return "0" }
        return (value < 0 ? minus : "") + String(format: "%.\(decimals(step))f", abs(value))
    }

    /// 10ᵏ as text: plain for 0.001 … 10000, else 1eK.
    static func decade(_ k: Int) -> String {
        switch k {
        case 0...4: return String(Int(pow(10, Double(k))))
        case -3 ... -1: return "0." + String(repeating: "0", count: -k - 1) + "1"
        default: return "1e\(k)"
        }
    }

    /// An integer in superscript digits: −3 → "⁻³".
    static func superscript(_ k: Int) -> String {
        let digits: [Character] = ["\u{2070}", "\u{00B9}", "\u{00B2}", "\u{00B3}", "\u{2074}",
                                   "\u{2075}", "\u{2076}", "\u{2077}", "\u{2078}", "\u{2079}"]
        let body = String(String(abs(k)).compactMap { $0.wholeNumberValue.map { digits[$0] } })
        return (k < 0 ? "\u{207B}" : "") + body
    }

    /// Decimals needed to write multiples of `step` exactly.
    private static func decimals(_ step: Double) -> Int {
        var digits = 0
        var scaled = step
        while digits < 12, abs(scaled - scaled.rounded()) > 1e-6 * max(1, scaled) {
            digits += 1
            scaled *= 10
        }
        return digits
    }
}
