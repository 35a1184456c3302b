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
        discussion: "mkl loads Intel MKL's libmkl_rt (from `make mkl`, `pip install mkl`, $MKLROOT, conda or the system); auto takes it, when found, only on CPUs where it was measured faster (Intel; AMD family 23, Zen 2), else the linked OpenBLAS."))
    var lapack: LAPACKChoice?

    /// The choice: --lapack, else the environment variable, else auto.
    var choice: LAPACKChoice {
        if let lapack { return lapack }
        if let text = ProcessInfo.processInfo.environment[Self.environmentVariable], !text.isEmpty { return LAPACKChoice(text) }
        return .auto
    }

    /// Loads the chosen library, makes it the active backend and gives it
    /// `threads` threads (default: as many as OpenBLAS uses).
    @discardableResult
    func activate(threads: Int?) throws -> LAPACKBackend.Selection {
        let selection = try LAPACKBackend.select(choice, folders: Self.checkoutFolders())
        LAPACKBackend.activate(selection.backend)
        selection.backend.setThreads(AddressSpaceLimit.capped(threads ?? OpenBLASRuntime.threads))
        return selection
    }

    /// "Intel MKL 2026.2 (path), 2 threads (auto: GenuineIntel family 6)".
    static func describe(_ selection: LAPACKBackend.Selection) -> String {
        "\(selection.backend.description), \(selection.backend.threads) threads (\(selection.reason))"
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
