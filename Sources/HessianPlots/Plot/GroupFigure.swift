/// A figure of one line per group, as an overlay (a colour per group, a
/// legend naming them) or as small multiples (a panel per group titled with
/// its name, one colour, shared axes), by `PlotLayout`.
enum GroupFigure {
    struct Line {
        /// The legend entry or panel title.
        var label: String
        /// The `data-series` name.
        var name: String
        var points: [PlotPoint]
    }

    /// `panel` gives the y axis (its series are ignored); a `filled` line is
    /// a closed outline (histograms).
    static func figure(title: String, xTitle: String, xIntegerTicks: Bool = false, panel: Panel, groups: [Line],
                       layout: PlotLayout, limit: Int = PlotLayout.overlayLimit, filled: Bool = false,
                       caption: [String] = [], note: String? = nil) -> Figure {
        func style(_ i: Int) -> LineStyle {
            var s = Palette.style(i)
            if filled {
                s.filled = true
                s.width = 1.2
            }
            return s
        }
        if layout.usesPanels(groups: groups.count, limit: limit) {
            let panels = groups.map { line -> Panel in
                var p = panel
                p.title = line.label
                p.series = [Series(group: line.label, name: line.name, points: line.points, style: style(0))]
                return p
            }
            return Figure(title: title, xTitle: xTitle, xIntegerTicks: xIntegerTicks, panels: panels, legend: [],
                          note: note, caption: caption, columns: PlotLayout.columns(for: groups.count), sharedY: true)
        }
        var p = panel
        p.series = groups.enumerated().map { i, line in Series(group: line.label, name: line.name, points: line.points, style: style(i)) }
        return Figure(title: title, xTitle: xTitle, xIntegerTicks: xIntegerTicks, panels: [p],
                      legend: groups.enumerated().map { i, line in LegendEntry(label: line.label, style: style(i)) },
                      note: note, caption: caption)
    }
}
