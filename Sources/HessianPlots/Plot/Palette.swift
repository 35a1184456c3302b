/// Line colours for groups: ten distinct hues, dark enough to read on
/// white; past ten the hues repeat with a dash pattern.
enum Palette {
    static let colors = [
        "#1f5fa8", "#e0662b", "#2a9d5c", "#c23b6f", "#7b57b5",
        "#b8860b", "#17a2b8", "#5c5c5c", "#8c4a2f", "#6b8e23",
    ]
    static let dashes: [String?] = [nil, "7 3", "2 3"]
    /// The dash of test-set lines.
    static let testDash = "6 4"
    static let neutral = "#555555"

    static func style(_ i: Int) -> LineStyle {
        LineStyle(color: colors[i % colors.count], dash: dashes[(i / colors.count) % dashes.count])
    }
}
