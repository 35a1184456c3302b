import Foundation
import HessianCore

/// What a log eigenvalue axis leaves out, and the caption that says so.
///
/// A log axis can only show λ > 0, and a dense solve's zero bulk comes back
/// as round-off of either sign (|λ| ~ 10⁻¹⁶ · max|λ|) that would spend most
/// of the axis's decades on noise. So it drops λ ≤ 0 and the round-off
/// positives 0 < λ ≤ z, z = 10⁻⁶ · max|λ| of the group (`ZeroLevel`, the
/// tolerance `outliers` counts with), leaving a gap in the line, and counts
/// both.
struct LogAxisCut {
    private(set) var total = 0
    private(set) var nonPositive = 0
    private(set) var roundOff = 0
    let zeroLevel = ZeroLevel()

    /// `points` with every y the axis leaves out replaced by NaN (a gap);
    /// `spectrum` is the group's whole spectrum, which sets z.
    mutating func keep(_ points: [PlotPoint], spectrum: [Double]) -> [PlotPoint] {
        let z = zeroLevel.level(of: spectrum)
        total += points.count
        return points.map { p in
            if !(p.y > 0) {
                nonPositive += 1
                return PlotPoint(x: p.x, y: .nan)
            }
            if p.y <= z {
                roundOff += 1
                return PlotPoint(x: p.x, y: .nan)
            }
            return p
        }
    }

    /// One sentence for the caption, or nil when nothing was left out.
    var caption: String? {
        guard nonPositive + roundOff > 0 else { return nil }
        let tolerance = TickLabel.decade(Int(log10(zeroLevel.tolerance).rounded()))
        return "Log axis: of \(total) eigenvalues, \(nonPositive) \u{2264} 0 and \(roundOff) round-off positives "
            + "(\u{03BB} \u{2264} \(tolerance)\u{00B7}max|\u{03BB}| of their group, the zero level of outliers) are not drawn."
    }
}
