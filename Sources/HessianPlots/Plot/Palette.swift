/// Line colours for series: the Okabe–Ito palette (Okabe & Ito, "Color
/// Universal Design", 2008), which stays distinguishable under the common
/// colour-vision deficiencies, without its yellow (#F0E442), too light to
/// read as a line on white. Seven colours; past seven they repeat with a
/// dash pattern on top, and figures that can split into panels do so
/// instead (`PlotLayout`).
enum Palette {
    static let colors = [
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000",
    ]
    static let dashes: [String?] = [nil, "7 3", "2 3"]
    /// The dash of test-set lines and overlaid laws.
    static let testDash = "6 4"
    /// Grey, for a reference drawn behind the coloured estimates (the exact
    /// histogram of an audit), never for one of several series.
    static let neutral = "#555555"

    static func style(_ i: Int) -> LineStyle {
        LineStyle(color: colors[i % colors.count], dash: dashes[(i / colors.count) % dashes.count])
    }
}
