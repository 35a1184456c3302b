import ArgumentParser
import Foundation
import HessianKit

extension LAPACKChoice: ExpressibleByArgument {
    public init?(argument: String) {
        guard !argument.isEmpty else { return nil }
        self.init(argument)
    }
}

/// Which LAPACK library the eigensolvers call.
struct LAPACKOptions: ParsableArguments {
    static let environmentVariable = "HESSIAN_SPECTRUM_LAPACK"

    @Option(help: ArgumentHelp(
        "LAPACK library: auto, openblas, mkl, or the path of a library file (default: $\(LAPACKOptions.environmentVariable), else auto).",
        discussion: "auto measures, once per machine, every library found (the linked OpenBLAS; Intel MKL's libmkl_rt from `make mkl`, $MKLROOT, $VIRTUAL_ENV, $CONDA_PREFIX, oneAPI, $LD_LIBRARY_PATH or the system lib folders) with every eigenvalue-only driver at two orders, caches the result under $XDG_CACHE_HOME/hessian-spectrum (~/.cache), and takes the one predicted fastest at the run's order; runs whose largest eigensolve is of order below 1.25 times the larger order measured (4000 on a 16 MiB L3) use the cache but do not measure (see `calibrate`). A path, or $\(LAPACKOptions.environmentVariable), loads and runs that file's code in this process, as LD_PRELOAD does: name only libraries you trust."))
    var lapack: LAPACKChoice?

    /// The choice: --lapack, else the environment variable, else auto.
    var choice: LAPACKChoice {
        if let lapack { return lapack }
        if let text = ProcessInfo.processInfo.environment[Self.environmentVariable], !text.isEmpty { return LAPACKChoice(text) }
        return .auto
    }

    /// Loads the chosen library (`auto`: by calibration, see
    /// `LAPACKAutoChoice`) and gives it `threads` threads (default: as many
    /// as OpenBLAS uses; fewer under an address-space limit). `order`: the
    /// run's largest dense eigensolve, nil when unknown. The run's
    /// `ComputeResources` carry the backend to the library.
    func load(threads: Int?, driver: EigenDriver?, order: Int?) throws -> LAPACKSetup {
        try LAPACKAutoChoice.resolve(choice, driver: driver, threads: AddressSpaceLimit.capped(threads ?? OpenBLASRuntime.threads),
                                     order: order, folders: Self.checkoutFolders())
    }

    /// "Intel MKL 2026.2 (path), 2 threads (auto: …)".
    static func describe(_ setup: LAPACKSetup) -> String {
        "\(setup.backend.description), \(setup.backend.threads) threads (\(setup.reason))"
    }

    /// `.mkl/lib` and `.mkl/local/lib` (where `make mkl` installs) of the
    /// checkout this binary was built in: the first folder above the
    /// executable that has a `.mkl`.
    static func checkoutFolders() -> [String] {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else { return [] }
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        for _ in 0..<5 {
            let candidate = folder.appendingPathComponent(".mkl").path
            if FileManager.default.fileExists(atPath: candidate) { return [candidate + "/lib", candidate + "/local/lib"] }
            folder.deleteLastPathComponent()
        }
        return []
    }
}
