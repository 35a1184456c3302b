import HessianCore

/// What to draw and how large.
public struct PlotOptions: Sendable, Equatable {
    /// Which picture (auto: from the CSV's columns).
    public var kind: PlotKind
    /// Eigenvalues per group in a `top` plot; nil: `defaultTop` of a
    /// spectrum, and for a width summary three times its largest outlier
    /// count (`WidthSummaryPlot.defaultTop`).
    public var top: Int?
    /// A symmetric-log eigenvalue axis (ordered, top and negative plots).
    public var symlog: Bool
    /// A logarithmic y axis (eigenvalues of ordered and top plots, loss and
    /// top eigenvalues of interpolation and curves plots); values ≤ 0 are
    /// left out.
    public var logY: Bool
    /// A logarithmic count axis (histograms).
    public var logCount: Bool
    /// Equal-width bins in a histogram.
    public var bins: Int
    /// The kernel width σ of a density plot; nil: 1 % of the eigenvalues' span.
    public var bandwidth: Double?
    /// Overlay the Marchenko–Pastur density (density plots).
    public var marchenkoPastur: Bool
    /// N, the examples behind the spectrum: the Marchenko–Pastur ratio is M/N.
    public var samples: Int?
    /// σ² of the Marchenko–Pastur law; nil: the mean eigenvalue of the group.
    public var variance: Double?
    /// Only rows that pass every filter are drawn.
    public var filters: [RowFilter]
    /// Group by these columns only (the rest are pooled); nil: by every
    /// column that is not a value column.
    public var groupBy: [String]?
    /// Overlay the groups or give each its own panel.
    public var layout: PlotLayout
    /// Summary columns to draw against the step, one panel each; nil: the
    /// spectrum figures the file has (`SummaryPlot.defaultColumns`).
    public var columns: [String]?
    /// The title; nil gives one named after the kind.
    public var title: String?
    /// Size of the picture in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// Eigenvalues per group of a spectrum's `top` plot unless given.
    public static let defaultTop = 120
    /// Narrowest picture, in pixels.
    public static let minimumWidth = 320
    /// Lowest picture, in pixels.
    public static let minimumHeight = 240
    /// Longest side, in pixels.
    public static let maximumSide = 20_000
    /// Most histogram bins.
    public static let maximumBins = 10_000

    /// How a caption names a setting that changes the figure, with a
    /// placeholder for its value (the command line: "--top K"); a setting
    /// not given here is named in the library's words.
    public var settingWords: [Setting: String] = [:]

    /// Options; every default is what the command line uses.
    public init(kind: PlotKind = .auto, top: Int? = nil, symlog: Bool = false, logY: Bool = false, logCount: Bool = false,
                bins: Int = 100, bandwidth: Double? = nil, marchenkoPastur: Bool = false, samples: Int? = nil,
                variance: Double? = nil, filters: [RowFilter] = [], groupBy: [String]? = nil,
                layout: PlotLayout = .auto, columns: [String]? = nil, title: String? = nil, width: Int = 800, height: Int = 500) {
        self.kind = kind
        self.top = top
        self.symlog = symlog
        self.logY = logY
        self.logCount = logCount
        self.bins = bins
        self.bandwidth = bandwidth
        self.marchenkoPastur = marchenkoPastur
        self.samples = samples
        self.variance = variance
        self.filters = filters
        self.groupBy = groupBy
        self.layout = layout
        self.columns = columns
        self.title = title
        self.width = width
        self.height = height
    }

    /// The first option out of range, or nil.
    public var problem: SettingError? {
        if let top, top < 1 { return SettingError(.top, .atLeast(1), got: top) }
        if bins < 1 || bins > Self.maximumBins { return SettingError(.bins, .between(1, Double(Self.maximumBins), unit: ""), got: bins) }
        if width < Self.minimumWidth || width > Self.maximumSide {
            return SettingError(.plotWidth, .between(Double(Self.minimumWidth), Double(Self.maximumSide), unit: "pixels"), got: width)
        }
        if height < Self.minimumHeight || height > Self.maximumSide {
            return SettingError(.plotHeight, .between(Double(Self.minimumHeight), Double(Self.maximumSide), unit: "pixels"), got: height)
        }
        if symlog && logY { return SettingError(.logY, .rule("cannot go with the symmetric-log axis; choose one")) }
        if let bandwidth, !(bandwidth > 0 && bandwidth.isFinite) { return SettingError(.bandwidth, .positiveNumber, got: bandwidth) }
        if let samples, samples < 1 { return SettingError(.lawSamples, .positive, got: samples) }
        if let variance, !(variance > 0 && variance.isFinite) { return SettingError(.lawVariance, .positiveNumber, got: variance) }
        if marchenkoPastur && samples == nil {
            return SettingError(.lawSamples, .rule("is needed by the Marchenko–Pastur overlay, whose ratio is M/N"))
        }
        if !marchenkoPastur, samples != nil { return SettingError(.lawSamples, .rule("only goes with the Marchenko–Pastur overlay")) }
        if !marchenkoPastur, variance != nil { return SettingError(.lawVariance, .rule("only goes with the Marchenko–Pastur overlay")) }
        if let groupBy, groupBy.isEmpty { return SettingError(.groupBy, .nonEmpty) }
        if let columns, columns.isEmpty { return SettingError(.plotColumns, .nonEmpty) }
        return nil
    }
}
