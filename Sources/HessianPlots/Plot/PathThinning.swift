/// Shortens a long polyline without changing how it looks: within each
/// one-pixel column it keeps the first and last point and the lowest and
/// highest, in their original order, so spikes and extremes survive (a
/// plain every-k-th sample would drop them).
enum PathThinning {
    /// Lines with at most this many points per pixel of width are kept whole.
    static let pointsPerPixel = 2

    /// `points` in pixels, in drawing order. Lines whose x ever decreases are
    /// returned unchanged.
    /// - Complexity: O(n).
    static func thin(_ points: [PlotPoint]) -> [PlotPoint] {
        guard let first = points.first, let last = points.last else { return points }
        // A non-finite or huge span (pixels of values near ±1.8e308) saturates: such a line is kept whole.
        let columns = Int(saturating: (last.x - first.x).rounded(.up))
        guard columns < points.count, points.count > max(16, pointsPerPixel * columns) else { return points }
        for i in 1..<points.count where points[i].x < points[i - 1].x { return points }

        var kept: [PlotPoint] = []
        kept.reserveCapacity(4 * columns + 4)
        var start = 0
        while start < points.count {
            let column = points[start].x.rounded(.down)
            var end = start
            var lowest = start, highest = start
            while end + 1 < points.count, points[end + 1].x.rounded(.down) == column {
                end += 1
                if points[end].y < points[lowest].y { lowest = end }
                if points[end].y > points[highest].y { highest = end }
            }
            var chosen = [start, lowest, highest, end]
            chosen.sort()
            var previous = -1
            for i in chosen where i != previous {
                kept.append(points[i])
                previous = i
            }
            start = end + 1
        }
        return kept
    }
}
