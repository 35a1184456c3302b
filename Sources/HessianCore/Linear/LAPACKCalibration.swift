import Foundation

/// Which LAPACK library and eigenvalue-only driver are fastest on this
/// machine at a given order, measured rather than looked up: every
/// candidate library × every driver of `drivers` solves the same random
/// symmetric matrix at each of two orders, interleaved (library A's
/// drivers, B's, …, then A's again) over `rounds` rounds so that a burst of
/// load from elsewhere hits every candidate alike; each candidate keeps its
/// fastest round at each order. The time at the order a run needs is then
/// predicted per candidate (`predictedSeconds`), not read off the smaller
/// order.
///
/// Why two orders: all three drivers spend their time in the reduction to
/// tridiagonal (or band) form, (4/3)·n³ flops, but not at the same rate.
/// The one-stage reduction does half of them as matrix–vector products that
/// run from cache while the matrix fits in the last-level cache and from
/// memory once it does not; the two-stage reduction does all of them as
/// matrix–matrix products whose efficiency still grows with n, and adds a
/// band-to-tridiagonal step of order n²·b. So a ranking measured at one
/// order can be the opposite at 2.5 times that order (docs/calibration.md,
/// measured). Each candidate's own t(n) = a·n³ + b·n² through its two
/// measurements captures both its cubic rate and what does not grow as n³.
///
/// - Complexity: rounds · libraries · drivers solves at each order, of
///   (4/3)·n³ flops each; 8·n² bytes per order and a working copy.
public struct LAPACKCalibration: Sendable, Equatable {
    /// A library × driver: what `auto` chooses among.
    public struct Candidate: Sendable, Hashable {
        /// The library's name and version, e.g. "OpenBLAS 0.3.21".
        public var library: String
        /// The file loaded; empty for the OpenBLAS linked into the binary.
        public var path: String
        /// The LAPACK driver.
        public var driver: EigenDriver

        /// A candidate.
        public init(library: String, path: String, driver: EigenDriver) {
            self.library = library
            self.path = path
            self.driver = driver
        }

        /// `backend` with `driver`.
        public init(_ backend: LAPACKBackend, _ driver: EigenDriver) {
            self.init(library: backend.name, path: backend.path ?? "", driver: driver)
        }

        /// Whether this is a candidate of `backend`.
        public func isOf(_ backend: LAPACKBackend) -> Bool {
            library == backend.name && path == (backend.path ?? "")
        }

        /// "Intel MKL syevd_2stage".
        public var label: String { "\(library.split(separator: " ").dropLast().joined(separator: " ")) \(driver.rawValue)" }
    }

    /// One candidate's time at one order.
    public struct Measurement: Sendable, Equatable {
        /// The library × driver measured.
        public var candidate: Candidate
        /// The order of the matrix solved.
        public var order: Int
        /// Seconds of the fastest round.
        public var seconds: Double

        /// A measurement.
        public init(library: String, path: String, driver: EigenDriver, order: Int, seconds: Double) {
            self.candidate = Candidate(library: library, path: path, driver: driver)
            self.order = order
            self.seconds = seconds
        }
    }

    /// A candidate and the seconds predicted for it at some order.
    public struct Prediction: Sendable, Equatable {
        /// The library × driver.
        public var candidate: Candidate
        /// The order predicted for.
        public var order: Int
        /// Predicted seconds of one eigenvalue-only solve at `order`.
        public var seconds: Double
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
    /// calibration costs about 6 solves of its larger order by OpenBLAS
    /// syevd with MKL found (`LAPACKAutoChoice` in the command line).
    public static let defaultRounds = 1
    /// The larger order measured over the smaller.
    public static let orderRatio = 2.0
    /// The driver whose reduction `driver` shares, when it has one: syevr
    /// reduces with the same one-stage `dsytrd` as syevd, so its time
    /// cannot grow slower than syevd's of the same library. When it is the
    /// slower of the two at one order it is not measured at the next, and
    /// its prediction is syevd's scaled by their ratio where both were
    /// measured. (MKL's syevr, 3–4× behind at large orders on the EPYCs
    /// measured, would otherwise be a quarter of a calibration.)
    public static func reductionPartner(of driver: EigenDriver) -> EigenDriver? {
        driver == .relativelyRobust ? .divideAndConquer : nil
    }

    /// The smaller order measured on a processor whose last-level cache
    /// holds `bytes`: the least multiple of 100 whose matrix, 8·n² bytes,
    /// is at least 1.15 times the cache, within 1000…4000 (2000 when the
    /// cache size is unknown): 1600 for a 16 MiB L3, 2200 for 32 MiB.
    /// Below it the one-stage reduction runs from cache and ranks the
    /// libraries as it will not at large orders.
    public static func order(lastLevelCacheBytes bytes: Int?) -> Int {
        guard let bytes else { return 2000 }
        let n = (1.15 * Double(bytes) / 8).squareRoot()
        return min(4000, max(1000, Int((n / 100).rounded(.up)) * 100))
    }

    /// The two orders measured: `order(lastLevelCacheBytes:)` and
    /// `orderRatio` times it (a multiple of 100).
    public static func orders(lastLevelCacheBytes bytes: Int?) -> [Int] {
        let small = order(lastLevelCacheBytes: bytes)
        return [small, Int((orderRatio * Double(small) / 100).rounded()) * 100]
    }

    /// Where and with what it was measured.
    public var key: Key
    /// One per library × driver × order, libraries in the order given.
    public var measurements: [Measurement]
    /// Seconds the whole calibration took (filling the matrices included); 0 when read from a cache.
    public var cost: Double
    /// The share of `key.threads` cores the process had while measuring:
    /// its CPU time over the wall time × threads (1 when read from a
    /// cache). Well below 1 the machine was busy with other work, and the
    /// ranking may not hold for a quiet one.
    public var cpuShare: Double = 1

    /// A calibration from its parts (as read back from a cache).
    public init(key: Key, measurements: [Measurement], cost: Double = 0) {
        self.key = key
        self.measurements = measurements
        self.cost = cost
    }

    /// The orders measured, ascending.
    public var orders: [Int] { Array(Set(measurements.map(\.order))).sorted() }

    /// The candidates measured, in the order of the measurements.
    public var candidates: [Candidate] {
        var seen = Set<Candidate>()
        return measurements.map(\.candidate).filter { seen.insert($0).inserted }
    }

    /// Measures every backend × `drivers` at every order of `orders` (see
    /// the type's summary), except at the larger orders a driver slower than
    /// its `reductionPartner` at the order below. A library's drivers run one after the other,
    /// after an untimed solve of a tiny matrix, so that its thread pool's
    /// start (and the other library's threads still spinning) are not
    /// charged to its first driver.
    /// - Throws: `MemoryError` when the matrices (one per order, and a
    ///   working copy) do not fit in `available` bytes (nil: no limit known),
    ///   `LAPACKError` when a library fails on the random matrix.
    public static func measure(
        backends: [LAPACKBackend], key: Key, orders: [Int], rounds: Int = defaultRounds,
        drivers: [EigenDriver] = drivers, seed: UInt64 = 1, available: Int? = nil
    ) throws -> LAPACKCalibration {
        let start = DispatchTime.now(), startCPU = processCPUSeconds()
        let orders = Array(Set(orders)).sorted()
        let tiny = try EigensolveFloor.randomSymmetric(order: 64, seed: seed)
        let candidates = backends.flatMap { backend in drivers.map { Candidate(backend, $0) } }
        var best = [Double](repeating: .infinity, count: orders.count * candidates.count)
        let matrices = try orders.map { try EigensolveFloor.randomSymmetric(order: $0, seed: seed, available: available.map { $0 / 3 }) }
        var work: [Double] = []
        for _ in 0..<max(1, rounds) {
            for (o, order) in orders.enumerated() {
                // Slower than its reduction partner at the order below: not measured at this one.
                func behind(_ b: Int, _ d: Int) -> Bool {
                    guard o > 0, let partner = Self.reductionPartner(of: drivers[d]), let p = drivers.firstIndex(of: partner) else { return false }
                    let below = (o - 1) * candidates.count + b * drivers.count
                    return best[below + d] > best[below + p]
                }
                for (b, backend) in backends.enumerated() {
                    let active = drivers.indices.filter { !behind(b, $0) }
                    guard !active.isEmpty else { continue }
                    var warm = tiny
                    _ = try SymmetricEigensolver.eigenvalues(destroying: &warm, order: 64, backend: backend)
                    for d in active {
                        work = matrices[o]
                        let t0 = DispatchTime.now()
                        _ = try SymmetricEigensolver.eigenvalues(destroying: &work, order: order, driver: drivers[d], backend: backend)
                        let index = o * candidates.count + b * drivers.count + d
                        best[index] = min(best[index], Self.seconds(since: t0))
                    }
                }
            }
        }
        let measurements = orders.enumerated().flatMap { o, order in
            candidates.enumerated().compactMap { c, candidate -> Measurement? in
                let seconds = best[o * candidates.count + c]
                guard seconds.isFinite else { return nil }
                return Measurement(library: candidate.library, path: candidate.path, driver: candidate.driver, order: order, seconds: seconds)
            }
        }
        var calibration = LAPACKCalibration(key: key, measurements: measurements, cost: Self.seconds(since: start))
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

    /// The seconds `candidate` is predicted to take at order `n`, or nil
    /// when it was not measured.
    ///
    /// Through its measurements at the two largest orders n₁ < n₂ (times
    /// t₁, t₂), t(n) = a·n³ + b·n² with
    /// a = (t₂/n₂² − t₁/n₁²) / (n₂ − n₁) and b = t₁/n₁² − a·n₁: the cubic
    /// term is the reduction at the rate the candidate reaches at these
    /// sizes, the square term what does not grow as n³ (positive: the
    /// two-stage driver's band-to-tridiagonal step, the tridiagonal solve;
    /// negative: the efficiency gained with size). When the two times
    /// grow slower than n² (a ≤ 0, which only noise gives), or with one
    /// order measured, the time at the nearest order scales as n³ — except
    /// for a driver left out at the larger order (`reductionPartner`):
    /// its partner's prediction times their ratio at the largest order both
    /// were measured at.
    /// - Complexity: O(measurements).
    public func predictedSeconds(of candidate: Candidate, order n: Int) -> Double? {
        let mine = measurements.filter { $0.candidate == candidate }.sorted { $0.order < $1.order }
        guard let last = mine.last else { return nil }
        let x = Double(n)
        if let exact = mine.first(where: { $0.order == n }) { return exact.seconds }
        if mine.count >= 2 {
            let (m1, m2) = (mine[mine.count - 2], last)
            let (n1, n2) = (Double(m1.order), Double(m2.order))
            let a = (m2.seconds / (n2 * n2) - m1.seconds / (n1 * n1)) / (n2 - n1)
            let b = m1.seconds / (n1 * n1) - a * n1
            let t = a * x * x * x + b * x * x
            if a > 0, t > 0 { return t }
        }
        var partner = candidate
        if let driver = Self.reductionPartner(of: candidate.driver) {
            partner.driver = driver
            let theirs = measurements.filter { $0.candidate == partner }
            if theirs.count > mine.count, let shared = theirs.filter({ m in mine.contains { $0.order == m.order } }).max(by: { $0.order < $1.order }),
               let own = mine.first(where: { $0.order == shared.order }), let scaled = predictedSeconds(of: partner, order: n) {
                return scaled * own.seconds / shared.seconds
            }
        }
        let nearest = mine.min { abs($0.order - n) < abs($1.order - n) } ?? last
        return nearest.seconds * pow(x / Double(nearest.order), 3)
    }

    /// Every candidate's predicted seconds at order `n`, fastest first.
    public func predictions(order n: Int) -> [Prediction] {
        candidates.compactMap { candidate in
            predictedSeconds(of: candidate, order: n).map { Prediction(candidate: candidate, order: n, seconds: $0) }
        }.sorted { $0.seconds < $1.seconds }
    }

    /// The candidate predicted fastest at order `n` (of `driver` when
    /// given, of `backend`'s when given), or nil when none was measured.
    public func fastest(order n: Int, driver: EigenDriver? = nil, backend: LAPACKBackend? = nil) -> Prediction? {
        predictions(order: n).first { (driver == nil || $0.candidate.driver == driver) && (backend.map($0.candidate.isOf) ?? true) }
    }

    /// The prediction for `backend` with `driver` at order `n`, or nil.
    public func prediction(of backend: LAPACKBackend, driver: EigenDriver, order n: Int) -> Prediction? {
        let candidate = Candidate(backend, driver)
        return predictedSeconds(of: candidate, order: n).map { Prediction(candidate: candidate, order: n, seconds: $0) }
    }

    /// Whether this calibration answers for `backends` on `key`: the same
    /// key, exactly these libraries (same names, versions and files), every
    /// driver of `drivers` measured at the smallest order, no candidate
    /// measured twice at one order, and every time positive and finite.
    public func isValid(for key: Key, backends: [LAPACKBackend]) -> Bool {
        guard self.key == key, let smallest = orders.first, smallest > 0,
              measurements.allSatisfy({ $0.seconds.isFinite && $0.seconds > 0 }) else { return false }
        let wanted = Set(backends.flatMap { backend in Self.drivers.map { Candidate(backend, $0) } })
        let onceAtEachOrder = Dictionary(grouping: measurements, by: \.candidate).values.allSatisfy { Set($0.map(\.order)).count == $0.count }
        return Set(candidates) == wanted && onceAtEachOrder
            && Set(measurements.filter { $0.order == smallest }.map(\.candidate)) == wanted
    }

    private static func seconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    }
}
