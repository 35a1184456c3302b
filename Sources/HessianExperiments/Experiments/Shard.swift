import HessianCore

/// One part of a sweep split over several processes (a job array, GNU
/// parallel): shard i of n runs the configurations at positions i, i + n,
/// i + 2n, … of the sweep's deterministic order, counted from 1. The shards'
/// outputs together hold exactly the rows of the whole sweep, because each
/// configuration is trained and measured on its own from its own seeds.
public struct Shard: Sendable, Equatable {
    /// i, from 1.
    public var index: Int
    /// n.
    public var count: Int

    /// The whole sweep.
    public static let whole = Shard(uncheckedIndex: 1, count: 1)

    private init(uncheckedIndex: Int, count: Int) {
        index = uncheckedIndex
        self.count = count
    }

    /// Parses `i/n` with 1 ≤ i ≤ n.
    /// - Throws: `SettingError` otherwise.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n else {
            throw SettingError(.shard, .rule("takes i/n with 1 ≤ i ≤ n (e.g. 2/4 for the second of four)"), got: "'\(text)'")
        }
        self.init(uncheckedIndex: i, count: n)
    }

    /// Whether the configuration at `position` (from 1) is this shard's.
    public func contains(position: Int) -> Bool { (position - 1) % count == index - 1 }

    /// This shard's items of a sweep's configurations, in order.
    public func select<T>(_ configurations: [T]) -> [T] {
        configurations.enumerated().filter { contains(position: $0.offset + 1) }.map(\.element)
    }
}
