/// Which data a model was trained on, recorded beside it so that another
/// data set is not analysed by mistake: N, d and a 64-bit FNV-1a hash of
/// the bits of the features (column-major, as `Dataset` holds them) and of
/// the labels (and regression targets). The same numbers read from CSV or .npz give the same
/// fingerprint. Written as `N=200 d=784 fnv1a=89ab…` (16 hex digits).
public struct DataFingerprint: Equatable, Sendable, CustomStringConvertible {
    /// N.
    public let count: Int
    /// d.
    public let dimension: Int
    /// FNV-1a over the features' bit patterns, then the labels.
    public let hash: UInt64

    /// The fingerprint of `data`.
    /// - Complexity: O(N·d).
    public init(_ data: Dataset) {
        var hash = FNV1a()
        for value in data.features { hash.mix(value.bitPattern) }
        for label in data.labels { hash.mix(UInt64(bitPattern: Int64(label))) }
        for target in data.targets ?? [] { hash.mix(target.bitPattern) }
        self.count = data.count
        self.dimension = data.dimension
        self.hash = hash.value
    }

    /// A fingerprint from its text, or nil when the text is not one.
    public init?(text: String) {
        var fields: [String: Substring] = [:]
        for part in text.split(separator: " ") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { return nil }
            fields[String(pair[0])] = pair[1]
        }
        guard let n = fields["N"].flatMap({ Int($0) }), let d = fields["d"].flatMap({ Int($0) }),
              let hash = fields["fnv1a"].flatMap({ UInt64($0, radix: 16) }) else { return nil }
        self.count = n
        self.dimension = d
        self.hash = hash
    }

    /// `N=… d=… fnv1a=…`.
    public var description: String {
        let hex = String(hash, radix: 16)
        return "N=\(count) d=\(dimension) fnv1a=\(String(repeating: "0", count: 16 - hex.count) + hex)"
    }
}
