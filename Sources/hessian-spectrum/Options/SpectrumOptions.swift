import ArgumentParser
import HessianKit

/// Which matrices to solve, and how.
struct SpectrumOptions: ParsableArguments {
    @Flag(help: "Also write the spectra of the Gauss-Newton part G and the residual R = H − G.")
    var decompose = false

    @Option(help: "LAPACK driver: syevd (divide and conquer), syevr (MRRR) or syev (QR).")
    var driver: EigenDriver = .divideAndConquer

    @Option(help: "BLAS threads (default: all cores).")
    var threads: Int?

    func validate() throws {
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive, got \(threads)") }
    }

    var parts: [HessianPart] { decompose ? [.hessian, .gaussNewton, .residual] : [.hessian] }

    func applyThreads() {
        if let threads { OpenBLASRuntime.setThreads(threads) }
    }

    /// How experiments obtain their spectra.
    func settings() -> SpectrumSettings {
        let driver = self.driver
        return SpectrumSettings(parts: parts) { model, data, parts in
            try ExactSpectrum.compute(model: model, data: data, parts: parts, driver: driver)
        }
    }

    /// Refuses up front when the largest configuration cannot fit.
    func checkMemory(parameterCounts: [Int], examples: Int) throws {
        guard let m = parameterCounts.max() else { return }
        let bytes = 8 * m * m + 8 * examples * m * 3
        try MemoryBudget.require(bytes, for: "the dense \(m)×\(m) Hessian")
    }
}

/// Where results go.
struct OutputOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .long], help: "Write the spectrum CSV here instead of stdout.")
    var output: String?

    @Option(help: "Write a one-row CSV summary of the run here.")
    var summary: String?

    @Flag(help: "Print nothing on stderr but errors.")
    var quiet = false
}
