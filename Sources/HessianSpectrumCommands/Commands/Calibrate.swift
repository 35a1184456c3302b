import ArgumentParser
import Foundation
import HessianKit

/// Measures which LAPACK library and driver are fastest here, and caches it.
struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure every LAPACK library × eigenvalue-only driver here, cache the result for --lapack auto, print the table as CSV.",
        discussion: """
        Each library found (the linked OpenBLAS, Intel MKL when found, a --lapack \
        file) solves the same random symmetric matrix at each order of --orders \
        with syevd, syevd_2stage and syevr, interleaved over --rounds rounds; each \
        keeps its fastest round; syevr slower than its library's syevd at one \
        order is not measured at the next. `--lapack auto` predicts each one's time at a run's order \
        from its two largest orders (t = a·n³ + b·n²). The result is written atomically to \
        $XDG_CACHE_HOME/hessian-spectrum/\(CalibrationCache.fileName) (~/.cache by default), \
        keyed by CPU model, core count, threads and this version. One row per \
        library × driver × order measured: \
        \(LAPACKCalibration.csvColumns.joined(separator: ",")),floor_seconds,speedup \
        (floor_seconds = (4/3)·order³ / the DGEMM rate, the time of a reduction whose \
        every flop ran at DGEMM speed; speedup = OpenBLAS syevd's seconds / the row's).
        """
    )

    @Option(help: ArgumentHelp("Orders of the matrices solved, comma-separated, each 200…20000 (default: n and 2n, n the least whose matrix is 1.15× the last-level cache: 1600,3200 for 16 MiB; smaller orders rank the libraries as in-cache work, see docs/calibration.md).", valueName: "n,…"))
    var orders: String?

    @Option(help: "Interleaved rounds; each library × driver keeps its fastest.")
    var rounds: Int = LAPACKCalibration.defaultRounds

    @Option(help: "BLAS and LAPACK threads (default: all cores); a cached calibration is used only by runs with the same count.")
    var threads: Int?

    @Option(help: ArgumentHelp("Also measure this LAPACK library file (its code runs in this process, as with LD_PRELOAD).", valueName: "path"))
    var lapack: String?

    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write the CSV here instead of stdout.", valueName: "file"))
    var output: String?

    @Flag(help: "Print nothing on stderr but warnings and errors.")
    var quiet = false

    func validate() throws {
        if let orders {
            let list = try IntegerList.parse(orders, flag: "--orders")
            if let bad = list.first(where: { $0 < 200 || $0 > 20_000 }) { throw ValidationError("--orders must be between 200 and 20000, got \(bad)") }
        }
        if rounds < 1 || rounds > 20 { throw ValidationError("--rounds must be between 1 and 20, got \(rounds)") }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive, got \(threads)") }
    }

    func run() throws {
        let report = Report(quiet: quiet)
        try FileRoles(inputs: [], outputs: [("--output", output)]).check()
        if let threads { AddressSpaceLimit.setThreads(threads) }
        let threadCount = AddressSpaceLimit.capped(threads ?? OpenBLASRuntime.threads)
        let orders = try self.orders.map { Array(Set(try IntegerList.parse($0, flag: "--orders"))).sorted() } ?? LAPACKAutoChoice.calibrationOrders
        let extra = try lapack.map { try LAPACKBackend.load(path: $0) }
        let (backends, note) = LAPACKBackend.candidates(folders: LAPACKOptions.checkoutFolders(), extra: extra)
        for backend in backends { backend.setThreads(threadCount) }
        if let note { report.line("calibrate: \(note)") }
        report.line("calibrate: \(backends.map(\.description).joined(separator: ", ")) × \(LAPACKCalibration.drivers.map(\.rawValue).joined(separator: ", ")) at orders \(orders.map(String.init).joined(separator: ", ")), \(threadCount) threads, \(rounds) rounds")
        let key = LAPACKCalibration.Key(cpu: .current, threads: threadCount)
        let calibration = try LAPACKCalibration.measure(backends: backends, key: key, orders: orders, rounds: rounds, available: MemoryBudget.availableBytes())
        LAPACKAutoChoice.warnIfBusy(calibration)
        let rate = try EigensolveFloor.gemmRate(order: min(orders.last ?? 2000, 2000), available: MemoryBudget.availableBytes())
        var source = "not cached"
        if let path = CalibrationCache.path() {
            do {
                try CalibrationCache.write(calibration, to: path)
                source = "cached in \(path)"
            } catch {
                Report.warning("cannot keep the LAPACK calibration: \(error)")
            }
        } else {
            Report.warning("cannot keep the LAPACK calibration: neither XDG_CACHE_HOME nor HOME is set")
        }
        let choice = LAPACKAutoChoice.choose(from: calibration, backends: backends, driver: nil, order: nil, source: source, note: nil)
        report.line("calibrate: \(String(format: "%.1f", calibration.cost)) s; DGEMM \(String(format: "%.1f", rate / 1e9)) GFLOP/s; \(choice.reason)")
        let rows = calibration.rows.map { row -> LAPACKCalibration.Row in
            var row = row
            let order = row.measurement.order
            row.floorSeconds = EigensolveFloor.floorSeconds(order: order, gemmRate: rate)
            row.speedup = (calibration.prediction(of: .openBLAS, driver: .divideAndConquer, order: order)?.seconds ?? .nan) / row.measurement.seconds
            return row
        }
        try OutputPaths.emit(LAPACKCalibration.reportSchema.table(rows).text, to: output)
    }
}
