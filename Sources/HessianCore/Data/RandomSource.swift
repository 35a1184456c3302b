import Foundation

/// A small, seedable pseudo-random generator (xoshiro256**, seeded through
/// SplitMix64) so that every run with the same seed makes the same numbers on
/// every platform; the standard library's generator cannot be seeded.
public struct RandomSource: RandomNumberGenerator, Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)
    private var spareNormal: Double?

    /// A generator whose whole sequence is fixed by `seed`.
    public init(seed: UInt64) {
        var x = seed
        func splitMix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitMix(), splitMix(), splitMix(), splitMix())
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotl(s.1 &* 5, 7) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = rotl(s.3, 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1) with 53 random bits.
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [a, b).
    public mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * uniform() }

    /// Standard normal by the Box–Muller transform.
    public mutating func normal() -> Double {
        if let z = spareNormal {
            spareNormal = nil
            return z
        }
        var u = uniform()
        while u == 0 { u = uniform() }
        let v = uniform()
        let r = (-2 * Foundation.log(u)).squareRoot()
        spareNormal = r * Foundation.sin(2 * Double.pi * v)
        return r * Foundation.cos(2 * Double.pi * v)
    }

    /// A uniformly random permutation of `0..<n` (Fisher–Yates).
    public mutating func permutation(_ n: Int) -> [Int] {
        var p = Array(0..<n)
        if n < 2 { return p }
        for i in stride(from: n - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            p.swapAt(i, j)
        }
        return p
    }
}
