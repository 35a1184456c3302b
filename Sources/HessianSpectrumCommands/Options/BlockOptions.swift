import ArgumentParser
import Foundation
import HessianKit
import HessianRuntime

extension BlockGranularity: ExpressibleByArgument {}

/// Per-layer blocks of the curvature matrices, and where the saved
/// eigenvectors live.
struct BlockOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Also write every eigenvalue of each diagonal block of H (of G and R too with --decompose): layers (weights and bias of a layer together: layer1, layer2, …) or weights-biases (layer1.weight, layer1.bias, …).",
        discussion: "Adds a block column after matrix (all for the whole matrix) and, to --summary, block_diagonal_w1, outliers and block_diagonal_outliers. The blocks come from the assembled dense matrix (2·N·M² flops, 8·M² bytes), whatever --method gives the whole spectrum.",
        valueName: "layers|weights-biases"))
    var blocks: BlockGranularity?

    @Option(name: .customLong("block-norms"), help: ArgumentHelp(
        "With --blocks, write ‖A_ab‖_F of every pair of blocks here: CSV matrix,point,step,block_a,block_b,frobenius_norm,share (share ‖A_ab‖_F²/‖A‖_F², summing to 1).",
        valueName: "file"))
    var blockNorms: String?

    @Option(help: ArgumentHelp(
        "With --save-eigenvectors, write where each vector lives here: CSV matrix,point,step,vector,index,eigenvalue,subspace,fraction, its squared mass in each layer's weights and bias (layer1.weight, layer1.bias, …; summing to 1) and its squared cosine with the loss gradient (gradient); with --decompose classes also its fractions in the spans of the class and cross-class means (class_span, cross_span).",
        valueName: "file"))
    var anatomy: String?

    func validate() throws {
        if blockNorms != nil && blocks == nil {
            throw ValidationError("--block-norms writes the norms of the blocks: give --blocks layers or --blocks weights-biases")
        }
    }

    /// The files these options write, for `FileRoles`.
    var files: [(flag: String, path: String?)] {
        [("--block-norms", blockNorms), ("--anatomy", anatomy)].filter { $0.1 != nil }
    }

    /// The headers of the files these options write, to refuse a clashing
    /// `--tag` before any work.
    var headers: [[String]] {
        (blockNorms == nil ? [] : [BlockNormTable.columns]) + (anatomy == nil ? [] : [AnatomyTable.columns])
    }

    /// Refuses before any work what cannot be honoured: an anatomy without
    /// eigenvectors, blocks beside an estimated spectrum or the distributed
    /// method, or blocks whose dense matrix does not fit in `resources`.
    func check(vectors: Bool, method: SpectrumMethod, sizes: [Int], examples: Int, resources: ComputeResources) throws {
        if anatomy != nil && !vectors {
            throw ValidationError("--anatomy measures the saved eigenvectors: give --save-eigenvectors FILE.npy with --top K and/or --bottom K")
        }
        guard blocks != nil else { return }
        switch method {
        case .slq, .power:
            throw ValidationError("--blocks writes exact block spectra beside the exact spectrum: use --method auto, dense, factored or lanczos, not \(method.rawValue)")
        case .distributed:
            throw ValidationError("--blocks assembles the whole matrix in one process: it does not run with the distributed method")
        default:
            try MemoryBudget.require(BlockSpectra.requiredBytes(sizes: sizes, examples: examples),
                                     for: "the dense \(ParameterLayout.parameterCount(sizes))×\(ParameterLayout.parameterCount(sizes)) matrix of --blocks",
                                     available: resources.availableBytes)
        }
    }

    /// The block spectra of `parts` of `model` on `data` (none without
    /// --blocks), a line per matrix on stderr through `report`.
    func solve(_ model: MLP, _ data: Dataset, parts: [HessianPart], driver: EigenDriver?, resources: ComputeResources,
               report: Report?) throws -> [BlockSpectrum] {
        guard let blocks else { return [] }
        let spectra = try BlockSpectra.compute(model: model, data: data, parts: parts, granularity: blocks,
                                               driver: driver ?? .divideAndConquer, resources: resources)
        for s in spectra {
            let largest = zip(s.blocks, s.eigenvalues).map { "\($0.name) \($1.last ?? .nan)" }.joined(separator: ", ")
            report?.line("\(s.part.rawValue) blocks: assembled in \(Report.seconds(s.assembleSeconds)), eigenvalues in \(Report.seconds(s.eigenSeconds)); largest \(largest)")
        }
        return spectra
    }

    /// The anatomy of the eigenvectors of `spectra` (none without
    /// --anatomy); with `classes` (--decompose classes) each vector's
    /// fractions in the spans of the class and cross-class means too.
    func anatomies(_ spectra: [PartSpectrum], model: MLP, data: Dataset, classes: Bool = false) throws -> [[EigenvectorAnatomy]] {
        guard anatomy != nil else { return spectra.map { _ in [] } }
        var lists = EigenvectorAnatomy.measure(spectra, model: model, data: data)
        if classes { try GaussNewtonClassSplit(model: model, data: data).addSpanFractions(to: &lists, of: spectra) }
        return lists
    }

    /// H's figures with the comparison of its block-diagonal approximation.
    static func compared(_ figures: SpectrumFigures?, spectra: [PartSpectrum], blocks: [BlockSpectrum]) -> SpectrumFigures? {
        guard var figures, let full = spectra.first(where: { $0.part == .hessian }),
              let diagonal = blocks.first(where: { $0.part == .hessian }) else { return figures }
        figures.blockDiagonal = BlockDiagonalComparison(spectrum: full, blocks: diagonal)
        return figures
    }

    /// An empty spectrum table for these options.
    func spectrumTable(residuals: Bool) -> CSVTable {
        SpectrumTable.empty(residuals: residuals, blocks: blocks != nil)
    }

    /// Writes --block-norms and --anatomy for the measured `snapshots`,
    /// each with its block spectra and anatomies, with the tags of `tags`.
    func write(_ snapshots: [SpectrumSnapshot], blocks: [[BlockSpectrum]], anatomies: [[[EigenvectorAnatomy]]], tags: TagOptions) throws {
        if let path = blockNorms {
            let rows = zip(snapshots, blocks).flatMap { BlockNormTable.rows($1, point: $0.point, step: $0.step) }
            try AtomicFile.write(tags.text(BlockNormTable.schema.table(rows)), to: path)
        }
        if let path = anatomy {
            let rows = zip(snapshots, anatomies).flatMap { AnatomyTable.rows($0, anatomies: $1) }
            try AtomicFile.write(tags.text(AnatomyTable.schema.table(rows)), to: path)
        }
    }
}
