import Foundation

/// The floor every dense spectrum stands on: LAPACK's eigenvalue-only solve
/// of a random symmetric matrix of the same order, timed alone.
public enum EigensolveFloor {
    /// Seconds to fill an `order × order` symmetric matrix with standard
    /// normal entries (untimed), then solve it (timed); the matrix must fit
    /// in `available` bytes (nil: no limit known).
    public static func measure(order: Int, driver: EigenDriver = .divideAndConquer,
                               backend: LAPACKBackend = .openBLAS, seed: UInt64 = 1, available: Int? = nil) throws -> Double {
        var a = try randomSymmetric(order: order, seed: seed, available: available)
        let start = DispatchTime.now()
        _ = try SymmetricEigensolver.eigenvalues(destroying: &a, order: order, driver: driver, backend: backend)
        return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }

    /// The DGEMM rate of the linked BLAS, flops per second: the fastest of
    /// `rounds` products of two `order × order` matrices (2·order³ flops each).
    /// A blocked reduction to tridiagonal form cannot beat (4/3)·n³ flops at
    /// this rate: `floorSeconds`.
    public static func gemmRate(order: Int = 1000, rounds: Int = 3, seed: UInt64 = 2, available: Int? = nil) throws -> Double {
        let a = try randomSymmetric(order: order, seed: seed, available: available)
        var c = [Double](repeating: 0, count: a.count)
        var best = Double.infinity
        for _ in 0..<max(1, rounds) {
            let start = DispatchTime.now()
            BLAS.gemm(m: order, n: order, k: order, a: a, lda: order, b: a, ldb: order, c: &c, ldc: order)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
        }
        return 2 * pow(Double(order), 3) / best
    }

    /// (4/3)·order³ / `gemmRate`: the seconds of a reduction to tridiagonal
    /// form whose every flop ran at DGEMM speed.
    public static func floorSeconds(order: Int, gemmRate: Double) -> Double {
        4.0 / 3.0 * pow(Double(order), 3) / gemmRate
    }

    /// An `order × order` symmetric matrix (column-major, both triangles)
    /// of standard normal entries from `seed`.
    /// - Throws: `MemoryError` when it does not fit in `available` bytes (nil: no limit known).
    public static func randomSymmetric(order: Int, seed: UInt64, available: Int? = nil) throws -> [Double] {
        try MemoryBudget.requireDoubles(order, order, for: "a \(order)×\(order) matrix", available: available)
        var random = RandomSource(seed: seed)
        var a = [Double](repeating: 0, count: order * order)
        for j in 0..<order {
            for i in j..<order {
                let x = random.normal()
                a[j * order + i] = x
                a[i * order + j] = x
            }
        }
        return a
    }
}
