import Foundation

/// Two-class data sets in the plane, made the way scikit-learn's
/// `make_circles` and `make_moons` make them, and the two Gaussian blobs of
/// Sagun, Bottou and LeCun (arXiv:1611.07476).
///
/// Every set has d = 2 and two classes, class 0 with ⌈N/2⌉ examples and
/// class 1 with ⌊N/2⌋; the examples are shuffled and the features are not
/// standardised. The same seed gives the same set.
extension Dataset {
    /// Two concentric circles: class 0 on the unit circle, class 1 on the
    /// circle of radius `factor`; each class's points at equally spaced
    /// angles 2πk/n_c, k = 0…n_c−1, then moved by Gaussian noise of standard
    /// deviation `noise` in each coordinate.
    /// - Throws: `SettingError` unless `samples` ≥ 2, `noise` ≥ 0 and
    ///   0 < `factor` < 1.
    public static func circles(samples: Int, noise: Double = 0, factor: Double = 0.8, seed: UInt64 = 0) throws -> Dataset {
        try SyntheticCheck.samplesAndNoise(samples, noise)
        guard factor > 0, factor < 1 else {
            throw SettingError(.circleFactor, .openUnitInterval, got: factor)
        }
        return twoClasses(samples: samples, noise: noise, seed: seed) { label, k, n in
            let angle = 2 * Double.pi * Double(k) / Double(n)
            let radius = label == 0 ? 1 : factor
            return (radius * cos(angle), radius * sin(angle))
        }
    }

    /// Two interleaving half circles of radius 1: class 0 on the upper half
    /// (cos t, sin t), class 1 on the lower half shifted right and up
    /// (1 − cos t, 0.5 − sin t), each with t at n_c equally spaced angles
    /// from 0 to π inclusive, then moved by Gaussian noise of standard
    /// deviation `noise` in each coordinate.
    /// - Throws: `SettingError` unless `samples` ≥ 2 and `noise` ≥ 0.
    public static func moons(samples: Int, noise: Double = 0, seed: UInt64 = 0) throws -> Dataset {
        try SyntheticCheck.samplesAndNoise(samples, noise)
        return twoClasses(samples: samples, noise: noise, seed: seed) { label, k, n in
            let t = n > 1 ? Double.pi * Double(k) / Double(n - 1) : 0
            return label == 0 ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
        }
    }

    /// The companion paper's two Gaussian blobs: class 0 around (1, 1),
    /// class 1 around (−1, −1), isotropic standard deviation `std`.
    /// - Throws: `SettingError` unless `samples` ≥ 2 and `std` > 0.
    public static func twoBlobs(samples: Int, std: Double = 1, seed: UInt64 = 0) throws -> Dataset {
        guard std > 0, std.isFinite else { throw SettingError(.covarianceScale, .positiveNumber, got: std) }
        try SyntheticCheck.samplesAndNoise(samples, std)
        return twoClasses(samples: samples, noise: std, seed: seed) { label, _, _ in
            label == 0 ? (1, 1) : (-1, -1)
        }
    }

    /// ⌈N/2⌉ examples of class 0 and ⌊N/2⌋ of class 1, example k of n_c in
    /// its class placed at `point(label, k, n_c)` plus N(0, noise²) in each
    /// coordinate, in a random order.
    /// - Complexity: O(N).
    static func twoClasses(samples: Int, noise: Double, seed: UInt64,
                           point: (_ label: Int, _ k: Int, _ classCount: Int) -> (Double, Double)) -> Dataset {
        let sizes = [(samples + 1) / 2, samples / 2]
        var random = RandomSource(seed: seed)
        let order = random.permutation(samples)
        var features = [Double](repeating: 0, count: 2 * samples)
        var labels = [Int](repeating: 0, count: samples)
        var position = 0
        for label in 0..<2 {
            for k in 0..<sizes[label] {
                let s = order[position]
                position += 1
                let (x, y) = point(label, k, sizes[label])
                features[s] = x + noise * random.normal()
                features[samples + s] = y + noise * random.normal()
                labels[s] = label
            }
        }
        return Dataset(unchecked: features, labels: labels, dimension: 2, classCount: 2)
    }
}

/// The checks the synthetic sets share.
private enum SyntheticCheck {
    static func samplesAndNoise(_ samples: Int, _ noise: Double) throws {
        guard samples >= 2 else { throw SettingError(.samples, .atLeast(2), got: samples) }
        guard noise >= 0, noise.isFinite else { throw SettingError(.noise, .nonNegativeNumber, got: noise) }
    }
}
