/// What to draw and how large.
public struct PlotOptions: Sendable, Equatable {
    /// Which picture (auto: from the CSV's columns).
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
    /// Height in pixels.
    public var height: Int

    /// Narrowest picture, in pixels.
    public static let minimumWidth = 320
    /// Lowest picture, in pixels.
    public static let minimumHeight = 240
    /// Longest side, in pixels.
    public static let maximumSide = 20_000
    /// Most histogram bins.
    public static let maximumBins = 10_000

    /// Options; every default is what the command line uses.
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

    /// The first option out of range, or nil.
    public var problem: SettingError? {
        if top < 1 { return SettingError(.top, .atLeast(1), got: top) }
        if bins < 1 || bins > Self.maximumBins { return SettingError(.bins, .between(1, Double(Self.maximumBins), unit: ""), got: bins) }
        if width < Self.minimumWidth || width > Self.maximumSide {
            return SettingError(.plotWidth, .between(Double(Self.minimumWidth), Double(Self.maximumSide), unit: "pixels"), got: width)
        }
        if height < Self.minimumHeight || height > Self.maximumSide {
            return SettingError(.plotHeight, .between(Double(Self.minimumHeight), Double(Self.maximumSide), unit: "pixels"), got: height)
        }
        return nil
    }
}
