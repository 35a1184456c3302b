import Foundation

/// The floor every dense spectrum stands on: LAPACK's eigenvalue-only solve
/// of a random symmetric matrix of the same order, timed alone.
public enum EigensolveFloor {
    /// Seconds to fill an `order × order` symmetric matrix with standard
    /// normal entries (untimed), then solve it (timed); the matrix must fit
    /// in `available` bytes (nil: no limit known).
    public static func measure(order: Int, driver: EigenDriver = .divideAndConquer,
                               backend: LAPACKBackend = .active, seed: UInt64 = 1, available: Int? = nil) throws -> Double {
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
        let start = DispatchTime.now()
        _ = try SymmetricEigensolver.eigenvalues(destroying: &a, order: order, driver: driver, backend: backend)
        return Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
