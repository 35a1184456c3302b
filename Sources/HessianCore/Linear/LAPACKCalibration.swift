import Foundation

/// Which LAPACK library and eigenvalue-only driver are fastest on this
/// machine, measured rather than looked up: every candidate library ×
/// every driver of `drivers` solves the same random symmetric matrix of
/// order `order`, interleaved (library A's drivers, B's, …, then A's again) over `rounds` rounds so
/// that a burst of load from elsewhere hits every candidate alike; each
/// candidate keeps its fastest round.
///
/// Which order predicts a large one: all three drivers spend their time in
/// the reduction to tridiagonal (or band) form, (4/3)·n³ flops. The
/// one-stage reduction does half of them as matrix–vector products, which
/// run from cache while the matrix fits in the last-level cache and from
/// memory once it does not: a matrix inside the cache ranks the libraries
/// differently (OpenBLAS syevd wins at n = 1000 on a 32 MiB L3 where MKL
/// wins at 2400 and 5510). So the order measured is the least whose matrix
/// is 1.15× the last-level cache (`order(lastLevelCacheBytes:)`); see
/// docs/calibration.md for the orders measured.
///
/// - Complexity: rounds · libraries · 3 solves of (4/3)·order³ flops each,
///   8·order² bytes twice (the matrix and its working copy).
public struct LAPACKCalibration: Sendable, Equatable {
    /// One library × driver and its time.
    public struct Measurement: Sendable, Equatable {
        /// The library's name and version, e.g. "OpenBLAS 0.3.21".
        public var library: String
        /// The file loaded; empty for the OpenBLAS linked into the binary.
        public var path: String
        /// The LAPACK driver.
        public var driver: EigenDriver
        /// Seconds of the fastest round.
        public var seconds: Double

        /// A measurement.
        public init(library: String, path: String, driver: EigenDriver, seconds: Double) {
            self.library = library
            self.path = path
            self.driver = driver
            self.seconds = seconds
        }

        /// Whether this is a measurement of `backend`.
        public func isOf(_ backend: LAPACKBackend) -> Bool {
            library == backend.name && path == (backend.path ?? "")
        }

        /// "Intel MKL syevd_2stage".
        public var label: String { "\(library.split(separator: " ").dropLast().joined(separator: " ")) \(driver.rawValue)" }
    }

    /// What a calibration is valid for: the same processor, core count,
    /// thread count and version of this library.
    public struct Key: Sendable, Equatable {
        /// The processor.
        public var cpu: CPUIdentity
        /// LAPACK threads per call.
        public var threads: Int
        /// `HessianKitVersion.string`.
        public var version: String

        /// A key.
        public init(cpu: CPUIdentity, threads: Int, version: String = HessianKitVersion.string) {
            self.cpu = cpu
            self.threads = threads
            self.version = version
        }
    }

    /// The eigenvalue-only drivers compared.
    public static let drivers: [EigenDriver] = [.divideAndConquer, .twoStage, .relativelyRobust]
    /// The default number of interleaved rounds: one, so that a
    /// calibration costs about 3.9 solves of its order by OpenBLAS syevd.
    public static let defaultRounds = 1

    /// The order measured on a processor whose last-level cache holds
    /// `bytes`: the least multiple of 100 whose matrix, 8·n² bytes, is
    /// at least 1.15 times the cache, within 1000…4000 (2000 when the
    /// cache size is unknown). 2200 for a 32 MiB L3.
    public static func order(lastLevelCacheBytes bytes: Int?) -> Int {
        guard let bytes else { return 2000 }
        let n = (1.15 * Double(bytes) / 8).squareRoot()
        return min(4000, max(1000, Int((n / 100).rounded(.up)) * 100))
    }

    /// Where and with what it was measured.
    public var key: Key
    /// The order of the matrix solved.
    public var order: Int
    /// One per library × driver, libraries in the order given.
    public var measurements: [Measurement]
    /// Seconds the whole calibration took (filling the matrix included); 0 when read from a cache.
    public var cost: Double
    /// The share of `key.threads` cores the process had while measuring:
    /// its CPU time over the wall time × threads (1 when read from a
    /// cache). Well below 1 the machine was busy with other work, and the
    /// ranking may not hold for a quiet one.
    public var cpuShare: Double = 1

    /// A calibration from its parts (as read back from a cache).
    public init(key: Key, order: Int, measurements: [Measurement], cost: Double = 0) {
        self.key = key
        self.order = order
        self.measurements = measurements
        self.cost = cost
    }

    /// Measures every backend × `drivers` (see the type's summary). A
    /// library's drivers run one after the other, after an untimed solve of
    /// a tiny matrix, so that its thread pool's start (and the other
    /// library's threads still spinning) are not charged to its first driver.
    /// - Throws: `MemoryError` when two order × order matrices do not fit
    ///   in `available` bytes (nil: no limit known),
    ///   `LAPACKError` when a library fails on the random matrix.
    public static func measure(
        backends: [LAPACKBackend], key: Key, order: Int, rounds: Int = defaultRounds,
        drivers: [EigenDriver] = drivers, seed: UInt64 = 1, available: Int? = nil
    ) throws -> LAPACKCalibration {
        let start = DispatchTime.now(), startCPU = processCPUSeconds()
        let matrix = try EigensolveFloor.randomSymmetric(order: order, seed: seed, available: available.map { $0 / 2 })
        let tiny = try EigensolveFloor.randomSymmetric(order: 64, seed: seed)
        var best = [Double](repeating: .infinity, count: backends.count * drivers.count)
        var work = matrix
        for _ in 0..<max(1, rounds) {
            for (b, backend) in backends.enumerated() {
                var warm = tiny
                _ = try SymmetricEigensolver.eigenvalues(destroying: &warm, order: 64, backend: backend)
                for (d, driver) in drivers.enumerated() {
                    work = matrix
                    let t0 = DispatchTime.now()
                    _ = try SymmetricEigensolver.eigenvalues(destroying: &work, order: order, driver: driver, backend: backend)
                    best[b * drivers.count + d] = min(best[b * drivers.count + d], Self.seconds(since: t0))
                }
            }
        }
        let measurements = backends.enumerated().flatMap { b, backend in
            drivers.enumerated().map { d, driver in
                Measurement(library: backend.name, path: backend.path ?? "", driver: driver, seconds: best[b * drivers.count + d])
            }
        }
        var calibration = LAPACKCalibration(key: key, order: order, measurements: measurements, cost: Self.seconds(since: start))
        calibration.cpuShare = (processCPUSeconds() - startCPU) / (calibration.cost * Double(max(1, key.threads)))
        return calibration
    }

    /// User and system seconds of every thread of this process so far.
    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// The fastest measurement, or nil when there are none.
    public var fastest: Measurement? { measurements.min { $0.seconds < $1.seconds } }

    /// The fastest driver measured for `backend`, or nil when it was not measured.
    public func fastest(for backend: LAPACKBackend) -> Measurement? {
        measurements.filter { $0.isOf(backend) }.min { $0.seconds < $1.seconds }
    }

    /// The measurement of `backend` with `driver`, or nil.
    public func measurement(of backend: LAPACKBackend, driver: EigenDriver) -> Measurement? {
        measurements.first { $0.isOf(backend) && $0.driver == driver }
    }

    /// Whether this calibration answers for `backends` on `key`: the same
    /// key, exactly these libraries (same names, versions and files), every
    /// driver of `drivers` once each, and every time positive and finite.
    public func isValid(for key: Key, backends: [LAPACKBackend]) -> Bool {
        guard self.key == key, order > 0, measurements.count == backends.count * Self.drivers.count else { return false }
        return backends.allSatisfy { backend in
            let mine = measurements.filter { $0.isOf(backend) }
            return Set(mine.map(\.driver)) == Set(Self.drivers) && mine.count == Self.drivers.count
                && mine.allSatisfy { $0.seconds.isFinite && $0.seconds > 0 }
        }
    }

    private static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
