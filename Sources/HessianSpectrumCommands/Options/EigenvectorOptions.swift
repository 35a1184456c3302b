import ArgumentParser
import Foundation
import HessianKit

/// Eigenvectors of the extreme eigenvalues, and what is measured with them.
struct EigenvectorOptions: ParsableArguments {
    @Option(name: .customLong("save-eigenvectors"), help: ArgumentHelp(
        "Write the eigenvectors of the --top/--bottom eigenvalues here as .npy: (rows, M) float64, rows as the CSV rows.",
        discussion: "Adds a residual_norm column (‖Hv − λv‖, exact product) to the CSV and gradient_overlap to --summary.",
        valueName: "file.npy"))
    var path: String?

    @Option(name: .customLong("overlap-k"), help: "k of the gradient overlap ‖P_k g‖²/‖g‖² with the top-k eigenvectors (default: the number of classes, at most --top).")
    var overlapK: Int?

    func validate() throws {
        if let overlapK, overlapK <= 0 { throw ValidationError("--overlap-k must be positive, got \(overlapK)") }
        if overlapK != nil && path == nil { throw ValidationError("--overlap-k needs eigenvectors: give --save-eigenvectors FILE.npy") }
    }

    /// Checks the extremes before any work; the k of the overlap, or nil.
    func overlapDimension(top: Int?, bottom: Int?, classes: Int) throws -> Int? {
        guard path != nil else { return nil }
        guard (top ?? 0) > 0 || (bottom ?? 0) > 0 else {
            throw ValidationError("--save-eigenvectors writes the vectors of the extremes: give --top K and/or --bottom K")
        }
        guard let top, top > 0 else { return nil }
        if let overlapK {
            guard overlapK <= top else { throw ValidationError("--overlap-k \(overlapK) needs the top \(overlapK) eigenvectors: give --top \(overlapK) or more") }
            return overlapK
        }
        return min(classes, top)
    }

    /// The .npy of the stacked eigenvectors of `spectra`, rows in CSV order.
    static func npy(_ spectra: [PartSpectrum], order m: Int) -> Data {
        let vectors = spectra.flatMap { $0.eigenvectors ?? [] }
        return Data(NumPyArray.encode(vectors, shape: [vectors.count / max(1, m), m]))
    }
}
