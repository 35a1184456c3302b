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
/// (`LAPACKCalibration`, one round) measures every library × driver at two
/// orders n₁ (the least out of the last-level cache: 1600 for a 16 MiB L3)
/// and n₂ = 2·n₁, and predicts each one's time at the run's order. It
/// costs about 6 solves of order n₂ by OpenBLAS syevd with MKL found (4
/// or 5 candidates at n₂, syevr left out where its syevd was faster at n₁,
/// plus 6 at n₁ ≈ 6/8 of one at n₂), that is 6·(n₂/n)³ solves of the run's
/// order n. A run measures when n ≥ 1.25·n₂ (`threshold`, 4000 for
/// n₁ = 1600), where that is at most 3 solves of its own order; the
/// fastest choice saves 0.2–0.4 of one, so the first run does not pay for
/// it — the cache (`CalibrationCache`, per machine and version) does: it
/// is measured once, and every later run gains the whole difference.
/// Smaller runs of order at least n₁, and runs of unknown order (the
/// sweeps), use a cached result but do not measure; below n₁ the library
/// does not matter and the linked OpenBLAS with each method's own driver
/// is taken. See docs/calibration.md for what this costs and saves, measured.
enum LAPACKAutoChoice {
    /// The orders a calibration measures on this machine.
    static var calibrationOrders: [Int] { LAPACKCalibration.orders(lastLevelCacheBytes: CPUIdentity.lastLevelCacheBytes) }

    /// The least eigensolve order a calibration is run for: 1.25·n₂ (where
    /// 6·(n₂/n)³ ≈ 3 solves), up to a multiple of 100.
    static func threshold(calibrationOrders orders: [Int]) -> Int {
        Int((1.25 * Double(orders.max() ?? 0) / 100).rounded(.up)) * 100
    }

    /// The library and driver for `choice` (`auto` measures or reads the
    /// cache; a named library takes its fastest driver predicted at
    /// `order` from a valid cache when `driver` is nil). `order`: the run's
    /// largest dense eigensolve, nil when not known before the run (then
    /// only a cache is used, and the choice is the one at its largest
    /// order). `calibrationOrders`: the orders measured (this machine's by default).
    static func resolve(
        _ choice: LAPACKChoice, driver: EigenDriver?, threads: Int, order: Int?, folders: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment, calibrationOrders: [Int] = calibrationOrders
    ) throws -> LAPACKSetup {
        let cachePath = CalibrationCache.path(environment: environment)
        let key = LAPACKCalibration.Key(cpu: .current, threads: threads)
        let named = try LAPACKBackend.named(choice, folders: folders, environment: environment)
        named?.setThreads(threads)
        let threshold = Self.threshold(calibrationOrders: calibrationOrders)
        let smallest = calibrationOrders.min() ?? 0
        if let order, order < smallest {
            let why = "the largest eigensolve here has order \(order) < \(smallest), too small for the library to matter"
            return LAPACKSetup(backend: named ?? .openBLAS, driver: driver, reason: named == nil ? "auto: OpenBLAS, \(why)" : "asked for")
        }
        var cached: LAPACKCalibration?
        if let cachePath, case .found(let found) = CalibrationCache.read(cachePath), found.key == key { cached = found }
        if let named {
            guard driver == nil, let cachePath, let cached, let best = cached.fastest(order: order ?? cached.orders.last ?? 0, backend: named) else {
                return LAPACKSetup(backend: named, driver: driver, reason: "asked for")
            }
            return LAPACKSetup(backend: named, driver: best.candidate.driver,
                               reason: "asked for; \(best.candidate.driver.rawValue), its fastest driver at order \(best.order) by \(cachePath)")
        }
        let (backends, note) = LAPACKBackend.candidates(folders: folders, environment: environment)
        for backend in backends { backend.setThreads(threads) }
        if let cached, cached.isValid(for: key, backends: backends) {
            return choose(from: cached, backends: backends, driver: driver, order: order, source: "cached in \(cachePath ?? "")", note: note)
        }
        guard let order, order >= threshold else {
            let why = cached == nil ? "no calibration cached" : "the cached calibration is for other libraries"
            let size = order.map { "; the largest eigensolve here has order \($0) < \(threshold), too small for one to pay" } ?? ""
            return LAPACKSetup(backend: .openBLAS, driver: driver,
                               reason: "auto: OpenBLAS, \(why)\(size) (`hessian-spectrum calibrate` measures one)")
        }
        let calibration = try LAPACKCalibration.measure(backends: backends, key: key, orders: calibrationOrders,
                                                        available: MemoryBudget.availableBytes())
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
        return choose(from: calibration, backends: backends, driver: driver, order: order, source: source, note: note)
    }

    /// A warning when the calibration had well under its cores (another
    /// program was running): its ranking may not hold on a quiet machine.
    static func warnIfBusy(_ calibration: LAPACKCalibration) {
        // Small orders leave threads idle by themselves: no sign of another program.
        guard calibration.orders.last ?? 0 >= 1000, calibration.cpuShare < 0.6 else { return }
        Report.warning("the LAPACK calibration had \(String(format: "%.0f", 100 * calibration.cpuShare))% of \(calibration.key.threads) cores (the machine was busy); run `hessian-spectrum calibrate` again when it is quiet")
    }

    /// The library × driver of `calibration` predicted fastest at `order`
    /// (its largest order measured when nil; with `driver` fixed when
    /// given), compared with OpenBLAS syevd, the choice without one.
    static func choose(from calibration: LAPACKCalibration, backends: [LAPACKBackend], driver: EigenDriver?, order: Int?,
                       source: String, note: String?) -> LAPACKSetup {
        let at = order ?? calibration.orders.last ?? 0
        guard let best = calibration.fastest(order: at, driver: driver),
              let backend = backends.first(where: best.candidate.isOf) else {
            return LAPACKSetup(backend: .openBLAS, driver: driver, reason: "auto: OpenBLAS (\(source))")
        }
        let baseline = calibration.prediction(of: .openBLAS, driver: .divideAndConquer, order: at)
        let verb = calibration.orders.contains(at) ? "measured" : "predicted"
        let comparison: String
        if let baseline, baseline.candidate != best.candidate {
            let ratio = baseline.seconds / best.seconds
            // Below 5 % the ranking is within one round's noise: say it is a tie, not "1× faster".
            comparison = ratio < 1.05
                ? "\(verb) as fast as OpenBLAS syevd at order \(at) (\(String(format: "%.3g", ratio))×, within 5 %)"
                : "\(verb) \(String(format: "%.2g", ratio))× faster than OpenBLAS syevd at order \(at)"
        } else {
            comparison = "the fastest \(verb) at order \(at)"
        }
        let measured = "measured at " + calibration.orders.map(String.init).joined(separator: " and ")
        let notes = [measured, source, note].compactMap { $0 }.joined(separator: "; ")
        return LAPACKSetup(backend: backend, driver: best.candidate.driver,
                           reason: "auto: \(best.candidate.label), \(comparison) (\(notes))")
    }
}
