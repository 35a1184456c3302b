import ArgumentParser
import HessianKit

/// What `--decompose` adds to H: the split H = G + R, G's class levels, or both.
struct Decomposition: ExpressibleByArgument, CustomStringConvertible, Equatable {
    /// One value of the list.
    enum Level: String, CaseIterable {
        /// G and R = H − G.
        case gaussNewton = "gauss-newton"
        /// G's class means, cross-class means and within-class remainder.
        case classes
    }

    /// The levels asked for, in the order given.
    var levels: [Level]

    /// `--decompose` alone: G and R, as before the class levels existed.
    static let split = Decomposition(levels: [.gaussNewton])

    init(levels: [Level]) { self.levels = levels }

    /// A comma-separated list of levels, e.g. `classes` or `gauss-newton,classes`.
    init?(argument: String) {
        var levels: [Level] = []
        for name in argument.split(separator: ",", omittingEmptySubsequences: false) {
            guard let level = Level(rawValue: String(name)) else { return nil }
            if !levels.contains(level) { levels.append(level) }
        }
        guard !levels.isEmpty else { return nil }
        self.levels = levels
    }

    static var allValueStrings: [String] { Level.allCases.map(\.rawValue) }

    var description: String { levels.map(\.rawValue).joined(separator: ",") }

    func contains(_ level: Level) -> Bool { levels.contains(level) }
}
