import Foundation
import HessianKit

/// What `--lapack auto` (and a run without `--driver`) settled on, and why.
struct LAPACKSetup {
    /// The library every eigensolve calls.
    let backend: LAPACKBackend
    /// The eigenvalue-only driver, or nil for each method's own default.
    let driver: EigenDriver?
    /// Why, for stderr: "auto: Intel MKL syevd_2stage, measured 2.5× faster than OpenBLAS syevd here; …".
    let reason: String
}

/// The measured choice of library and driver. A calibration
/// (`LAPACKCalibration`, one round) costs about 3.9 solves by OpenBLAS
/// syevd at its order n_c (2200 for a 32 MiB L3), and the fastest choice
/// saves about 0.6 of OpenBLAS syevd's time at the run's order n (MKL
/// syevd_2stage, 2.5× faster, on the EPYC this was measured on), so a
/// first run pays for it when 0.6·n³ ≥ 3.9·n_c³, n ≥ 1.87·n_c
/// (`threshold`, 4200 there). Smaller runs do not measure; runs of order
/// at least n_c, or of unknown order, use a cached result (per machine,
/// `CalibrationCache`), so it is paid once; below n_c the library does not
/// matter and the linked OpenBLAS is taken. See docs/calibration.md.
enum LAPACKAutoChoice {
    /// The order a calibration measures on this machine.
    static var calibrationOrder: Int { LAPACKCalibration.order(lastLevelCacheBytes: CPUIdentity.lastLevelCacheBytes) }

    /// The least eigensolve order a calibration is run for: 1.87·n_c, up to a multiple of 100.
    static func threshold(calibrationOrder n: Int) -> Int { Int((1.87 * Double(n) / 100).rounded(.up)) * 100 }

    /// The library and driver for `choice` (`auto` measures or reads the
    /// cache; a named library takes its fastest driver from a valid cache
    /// when `driver` is nil). `order`: the run's largest dense eigensolve,
    /// nil when not known before the run (then only a cache is used).
    /// `calibrationOrder`: the order measured (this machine's by default).
    static func resolve(
        _ choice: LAPACKChoice, driver: EigenDriver?, threads: Int, order: Int?, folders: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment, calibrationOrder: Int = calibrationOrder
    ) throws -> LAPACKSetup {
        let cachePath = CalibrationCache.path(environment: environment)
        let key = LAPACKCalibration.Key(cpu: .current, threads: threads)
        let named = try LAPACKBackend.named(choice, folders: folders, environment: environment)
        named?.setThreads(threads)
        let threshold = Self.threshold(calibrationOrder: calibrationOrder)
        if let order, order < calibrationOrder {
            let why = "the largest eigensolve here has order \(order) < \(calibrationOrder), too small for the library to matter"
            return LAPACKSetup(backend: named ?? .openBLAS, driver: driver, reason: named == nil ? "auto: OpenBLAS, \(why)" : "asked for")
        }
        var cached: LAPACKCalibration?
        if let cachePath, case .found(let found) = CalibrationCache.read(cachePath), found.key == key { cached = found }
        if let named {
            guard driver == nil, let cachePath, let best = cached?.fastest(for: named) else {
                return LAPACKSetup(backend: named, driver: driver, reason: "asked for")
            }
            return LAPACKSetup(backend: named, driver: best.driver, reason: "asked for; \(best.driver.rawValue), its fastest driver in \(cachePath)")
        }
        let (backends, note) = LAPACKBackend.candidates(folders: folders, environment: environment)
        for backend in backends { backend.setThreads(threads) }
        if let cached, cached.isValid(for: key, backends: backends) {
            return choose(from: cached, backends: backends, driver: driver, source: "cached in \(cachePath ?? "")", note: note)
        }
        guard let order, order >= threshold else {
            let why = cached == nil ? "no calibration cached" : "the cached calibration is for other libraries"
            let size = order.map { "; the largest eigensolve here has order \($0) < \(threshold), too small for one to pay" } ?? ""
            return LAPACKSetup(backend: .openBLAS, driver: driver,
                               reason: "auto: OpenBLAS, \(why)\(size) (`hessian-spectrum calibrate` measures one)")
        }
        let calibration = try LAPACKCalibration.measure(backends: backends, key: key, order: calibrationOrder, available: MemoryBudget.availableBytes())
        warnIfBusy(calibration)
        var source = "measured now in \(String(format: "%.1f", calibration.cost)) s"
        if let cachePath {
            do {
                try CalibrationCache.write(calibration, to: cachePath)
                source += ", cached in \(cachePath)"
            } catch {
                Report.warning("cannot keep the LAPACK calibration: \(error); it is measured again on the next large run")
            }
        } else {
            Report.warning("cannot keep the LAPACK calibration: neither XDG_CACHE_HOME nor HOME is set; it is measured again on the next large run")
        }
        return choose(from: calibration, backends: backends, driver: driver, source: source, note: note)
    }

    /// A warning when the calibration had well under its cores (another
    /// program was running): its ranking may not hold on a quiet machine.
    static func warnIfBusy(_ calibration: LAPACKCalibration) {
        // Small orders leave threads idle by themselves: no sign of another program.
        guard calibration.order >= 1000, calibration.cpuShare < 0.6 else { return }
        Report.warning("the LAPACK calibration had \(String(format: "%.0f", 100 * calibration.cpuShare))% of \(calibration.key.threads) cores (the machine was busy); run `hessian-spectrum calibrate` again when it is quiet")
    }

    /// The fastest library × driver of `calibration` (with `driver` fixed
    /// when given), compared with OpenBLAS syevd, the choice without one.
    static func choose(from calibration: LAPACKCalibration, backends: [LAPACKBackend], driver: EigenDriver?,
                       source: String, note: String?) -> LAPACKSetup {
        let eligible = calibration.measurements.filter { driver == nil || $0.driver == driver }
        guard let best = eligible.min(by: { $0.seconds < $1.seconds }),
              let backend = backends.first(where: best.isOf) else {
            return LAPACKSetup(backend: .openBLAS, driver: driver, reason: "auto: OpenBLAS (\(source))")
        }
        let baseline = calibration.measurement(of: .openBLAS, driver: .divideAndConquer)
        let comparison: String
        if let baseline, baseline != best {
            let ratio = baseline.seconds / best.seconds
            // Below 5 % the ranking is within one round's noise: say it is a tie, not "1× faster".
            comparison = ratio < 1.05
                ? "measured as fast as OpenBLAS syevd here (\(String(format: "%.3g", ratio))×, within 5 %)"
                : "measured \(String(format: "%.2g", ratio))× faster than OpenBLAS syevd here"
        } else {
            comparison = "the fastest measured here"
        }
        let notes = [source, note].compactMap { $0 }.joined(separator: "; ")
        return LAPACKSetup(backend: backend, driver: best.driver,
                           reason: "auto: \(best.label), \(comparison) (order \(calibration.order); \(notes))")
    }
}
