import ArgumentParser
import Foundation
import HessianKit

/// Times LAPACK alone, for the benchmark's floor.
struct Floor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lapack-floor",
        abstract: "Time LAPACK's eigenvalue-only solve of a random symmetric matrix (the benchmark floor).",
        shouldDisplay: false
    )

    @Option(help: "Matrix order.")
    var order: Int

    @Option(help: "LAPACK driver.")
    var driver: EigenDriver = .divideAndConquer

    @Option(help: "BLAS and LAPACK threads (default: all cores).")
    var threads: Int?

    @OptionGroup var lapackOptions: LAPACKOptions

    func validate() throws {
        if order <= 0 { throw ValidationError("--order must be positive, got \(order)") }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive, got \(threads)") }
    }

    func run() throws {
        if let threads { AddressSpaceLimit.setThreads(threads) }
        let backend = try lapackOptions.load(threads: threads, driver: driver, order: nil).backend
        let seconds = try EigensolveFloor.measure(order: order, driver: driver, backend: backend,
                                                   available: MemoryBudget.availableBytes())
        try OutputPaths.emit("order,driver,kernel,threads,seconds,lapack,lapack_threads\n"
            + "\(order),\(driver.rawValue),\(OpenBLASRuntime.coreName),\(OpenBLASRuntime.threads),\(seconds),\(backend.library.rawValue) \(backend.version),\(backend.threads)\n", to: nil)
    }
}
