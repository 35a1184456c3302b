/// How the groups of a spectrum or width-summary figure share the page.
public enum PlotLayout: String, CaseIterable, Sendable {
    /// Overlay while every group can have its own colour (at most
    /// `overlayLimit` groups; `histogramOverlayLimit` for histograms, whose
    /// filled outlines hide each other sooner), small multiples past that.
    case auto
    /// Every group in one panel; past the palette's seven colours the
    /// colours repeat with dashes on top.
    case overlay
    /// Small multiples: one panel per group, titled with the group, in a
    /// grid sharing both axes.
    case panels

    /// The most groups `auto` overlays: the palette's colours.
    public static let overlayLimit = Palette.colors.count
    /// The most histograms `auto` overlays.
    public static let histogramOverlayLimit = 3

    /// Whether `groups` groups are drawn as small multiples.
    func usesPanels(groups: Int, limit: Int = PlotLayout.overlayLimit) -> Bool {
        switch self {
        case .overlay: return false
        case .panels: return groups > 1
        case .auto: return groups > limit
        }
    }

    /// Columns of a grid of `n` panels on a page about 8:5 wide.
    static func columns(for n: Int) -> Int {
        max(1, min(n, Int((Double(n) * 1.25).squareRoot().rounded(.up))))
    }
}
