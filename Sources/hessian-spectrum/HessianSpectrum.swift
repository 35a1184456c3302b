import ArgumentParser
import Foundation
import HessianKit

struct HessianSpectrum: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hessian-spectrum",
        abstract: "The exact Hessian of a neural network's loss and all of its eigenvalues.",
        discussion: """
        Trains small multilayer perceptrons, assembles the exact float64 Hessian \
        (and its Gauss-Newton split H = G + R), and writes every eigenvalue as CSV. \
        Reproduces Sagun et al., "Empirical Analysis of the Hessian of \
        Over-Parametrized Neural Networks" (arXiv:1706.04454).
        """,
        version: HessianKitVersion.string,
        subcommands: [
            Train.self,
            Spectrum.self,
            Clusters.self,
            Widths.self,
            Batch.self,
            TwoPhase.self,
            Interpolate.self,
            Reproduce.self,
            Outliers.self,
            Plot.self,
            Floor.self,
        ]
    )

    /// Parses and runs, printing any error as one line on stderr; returns
    /// the exit status.
    static func runReportingErrors() -> Int32 {
        do {
            var command = try parseAsRoot()
            try command.run()
            return 0
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                return code.rawValue
            }
            let message = CommandLineText.message(for: error) ?? fullMessage(for: error)
                .split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? "failed"
            let line = message.hasPrefix("Error: ") ? "error: " + message.dropFirst(7) : "error: " + message
            FileHandle.standardError.write(Data((line + "\n").utf8))
            return code.rawValue == 0 ? 1 : code.rawValue
        }
    }
}

/// The entry points of the executables (`hessian-spectrum` and
/// `hessian-spectrum-mpi` run the same commands).
public enum CommandLineTool {
    /// Makes OpenBLAS use the right CPU kernel (may re-execute the process);
    /// call first.
    public static func selectBLASKernel() { BLASKernel.selectBeforeRunning() }

    /// Parses the command line and runs it; any error is printed as one
    /// `error:` line on stderr. Returns the exit status.
    public static func run() -> Int32 { HessianSpectrum.runReportingErrors() }
}
