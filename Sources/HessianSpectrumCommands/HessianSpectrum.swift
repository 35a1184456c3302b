import ArgumentParser
import Foundation
import HessianKit
import HessianRuntime

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
            Audit.self,
            Clusters.self,
            Widths.self,
            Batch.self,
            TwoPhase.self,
            Interpolate.self,
            Reproduce.self,
            Outliers.self,
            Plot.self,
            Calibrate.self,
            Floor.self,
            ProductFloor.self,
        ]
    )

    /// The kernel choice may re-execute the process: before the standard
    /// descriptors are secured, so the new process sees which were closed.
    static func prepare() {
        BLASKernel.selectBeforeRunning()
        StandardStreams.secure()
        OutputStaging.installSignalHandlers()
    }

    /// Parses and runs with every output staged (see `OutputStaging`): a
    /// run that fails leaves no file and prints one `error: …` line on
    /// stderr; a reader of stdout that went away ends the run quietly with
    /// 141, as SIGPIPE would. Returns the exit status.
    static func runReportingErrors() -> Int32 {
        do {
            var command = try parseAsRoot(try CommandLineRepair.arguments(Array(CommandLine.arguments.dropFirst())))
            try AddressSpaceLimit.fitBLAS()
            OutputStaging.begin()
            try command.run()
            try OutputStaging.commit()
            return 0
        } catch OutputError.brokenPipe {
            OutputStaging.discard()
            return 141
        } catch {
            OutputStaging.discard()
            let code = exitCode(for: error)
            if code == .success {
                do { try StandardStreams.writeOutput(Array((fullMessage(for: error) + "\n").utf8)) } catch { return 1 }
                return code.rawValue
            }
            StandardStreams.writeError(TerminalText.escaped(errorLine(for: error)) + "\n")
            return code.rawValue == 0 ? 1 : code.rawValue
        }
    }

    /// The one line printed for a failure: "error: " and the first line of
    /// the message, library errors in the words of this command line.
    static func errorLine(for error: Error) -> String {
        let message = (CommandLineText.message(for: error) ?? fullMessage(for: error))
            .split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? "failed"
        return message.hasPrefix("Error: ") ? "error: " + message.dropFirst(7) : "error: " + message
    }
}

/// The entry points of the executables (`hessian-spectrum` and
/// `hessian-spectrum-mpi` run the same commands).
public enum CommandLineTool {
    /// Makes OpenBLAS use the right CPU kernel (may re-execute the
    /// process), secures the standard descriptors and installs the signal
    /// handlers that discard staged outputs; call first.
    public static func prepare() { HessianSpectrum.prepare() }

    /// Parses the command line and runs it; any error is printed as one
    /// `error:` line on stderr. Returns the exit status.
    public static func run() -> Int32 { HessianSpectrum.runReportingErrors() }

    /// The solver over MPI processes that `hessian-spectrum-mpi` sets once,
    /// before `run()`; every spectrum engine of the run is given it.
    nonisolated(unsafe) public static var distributedSolver: (any DistributedSpectrumSolver)?
}
