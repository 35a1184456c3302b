/// What to draw and how large.
public struct PlotOptions: Sendable, Equatable {
    public var kind: PlotKind
    /// Eigenvalues per group in a `top` plot.
    public var top: Int
    /// A symmetric-log eigenvalue axis (ordered, top and negative plots).
    public var symlog: Bool
    /// A logarithmic count axis (histograms).
    public var logCount: Bool
    /// Equal-width bins in a histogram.
    public var bins: Int
    /// The title; nil gives one named after the kind.
    public var title: String?
    /// Size of the picture in pixels.
    public var width: Int
    public var height: Int

    public static let minimumWidth = 320
    public static let minimumHeight = 240
    public static let maximumSide = 20_000
    public static let maximumBins = 10_000

    public init(kind: PlotKind = .auto, top: Int = 120, symlog: Bool = false, logCount: Bool = false,
                bins: Int = 100, title: String? = nil, width: Int = 800, height: Int = 500) {
        self.kind = kind
        self.top = top
        self.symlog = symlog
        self.logCount = logCount
        self.bins = bins
        self.title = title
        self.width = width
        self.height = height
    }

    /// The first problem with these options, as one line for the user, or nil.
    public var problem: String? {
        if top < 1 { return "--top must be at least 1, got \(top)" }
        if bins < 1 || bins > Self.maximumBins { return "--bins must be between 1 and \(Self.maximumBins), got \(bins)" }
        if width < Self.minimumWidth || width > Self.maximumSide {
            return "--width must be between \(Self.minimumWidth) and \(Self.maximumSide) pixels, got \(width)"
        }
        if height < Self.minimumHeight || height > Self.maximumSide {
            return "--height must be between \(Self.minimumHeight) and \(Self.maximumSide) pixels, got \(height)"
        }
        return nil
    }
}
