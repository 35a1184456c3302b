import Dispatch
import Foundation
import HessianCore

/// The dense exact spectrum over MPI: the M × M matrix exists only as a 2-D
/// block-cyclic distribution over a process grid; each process assembles its
/// own tiles from the per-example quantities of the exact formula
/// (`ExactHessian.assembleTiles`), and ScaLAPACK (PDSYEV by default) or
/// ELPA computes the eigenvalues, which every process receives; the
/// eigenvectors of the extremes come from PDSYEV's reduction
/// (`ParallelEigensolver.eigenpairs`), gathered as k × M. Training and data
/// are the same on every process by construction (same seeds,
/// deterministic code).
///
/// Per process, for P processes, N examples and block b:
/// - memory: 8·⌈M/(b·p_r)⌉·b·⌈M/(b·p_c)⌉·b bytes for its tiles (≈ 8·M²/P),
///   the eigensolver's work arrays (O(M + b·M/p_r) for PDSYEV, about three
///   more local matrices for ELPA), an N × M/p_c panel and the per-example
///   blocks;
/// - flops: 2·N·M²/P per assembly pass (ELPA needs both triangles: two
///   passes) and about (4/3)·M³/P for the eigenvalues.
public final class DistributedSpectrum: DistributedSpectrumSolver {
    public let processes: Int
    public let availableBytesPerProcess: Int?
    /// The rank that fails on purpose, to test the error path.
    let failingRank: Int?
    /// Threads of this process's tile assembly.
    let threads: Int
    /// The LAPACK library of the tridiagonal eigenpairs (DSTEMR) on rank 0.
    let lapack: LAPACKBackend

    /// Collective: agrees on the memory of the smallest process share of
    /// the nodes' `resources.availableBytes`.
    public init(failingRank: Int? = nil, resources: ComputeResources) {
        processes = MPIWorld.size
        threads = resources.threads
        lapack = resources.lapack
        let share = resources.availableBytes.map { $0 / max(1, MPIWorld.nodeSize) } ?? Int.max
        let smallest = MPIWorld.minimum(share)
        availableBytesPerProcess = smallest == Int.max ? nil : smallest
        self.failingRank = failingRank
    }

    private init(_ solver: DistributedSpectrum, lapack: LAPACKBackend) {
        processes = solver.processes
        availableBytesPerProcess = solver.availableBytesPerProcess
        failingRank = solver.failingRank
        threads = solver.threads
        self.lapack = lapack
    }

    /// This solver with `lapack` for DSTEMR (not collective).
    public func using(lapack: LAPACKBackend) -> any DistributedSpectrumSolver {
        DistributedSpectrum(self, lapack: lapack)
    }

    public var method: SpectrumMethod { .distributed }
    public var givesAllEigenvalues: Bool { true }

    public func unsupportedReason(for problem: SpectrumProblem) -> String? {
        if problem.hasMissingBiases { return "its tiles hold every bias row, and this network has bias-free layers (dense and lanczos handle them)" }
        let solver = problem.request.distributed.eigensolver
        if problem.request.vectors && solver != .auto && solver != .pdsyev {
            return "its \(solver.rawValue) eigensolver gives eigenvalues only; eigenvectors come through pdsyev's reduction (PDSYTRD, DSTEMR, PDORMTR)"
        }
        let grid = problem.request.distributed.grid ?? ProcessGrid.squarest(processes)
        guard grid.rows * grid.columns == processes else {
            return "a \(grid.rows)x\(grid.columns) process grid needs \(grid.rows * grid.columns) processes, but \(processes) are running"
        }
        return nil
    }

    /// The settings with the grid and the eigensolver chosen: the squarest
    /// grid, and PDSYEV, the only one whose work arrays are small beside the
    /// local matrix (measured against ELPA, PDSYEVR and PDSYEVD: see the
    /// "Beyond one machine", docs/mpi.md).
    func resolved(_ problem: SpectrumProblem) -> DistributedSettings {
        var settings = problem.request.distributed
        if settings.grid == nil { settings.grid = ProcessGrid.squarest(processes) }
        if settings.eigensolver == .auto { settings.eigensolver = .pdsyev }
        return settings
    }

    /// Bytes on the busiest process: its tiles, the eigensolver's work
    /// arrays, the per-example blocks and the packed panel of the assembly,
    /// and with eigenvectors their M × k block (local, and whole for the
    /// gather).
    static func requiredBytesPerProcess(_ problem: SpectrumProblem, settings: DistributedSettings,
                                        eigensolver: DistributedEigensolver) -> Int {
        let m = problem.parameterCount, n = problem.examples, block = settings.block
        let grid = settings.grid ?? (1, 1)
        let rows = min(m, (m + block * grid.rows - 1) / (block * grid.rows) * block)
        let columns = min(m, (m + block * grid.columns - 1) / (block * grid.columns) * block)
        let tiles = 8 * rows * columns
        let solver = ParallelEigensolver.workspaceBytes(eigensolver, order: m, localRows: rows, localColumns: columns, block: block)
        let k = problem.request.vectors ? (problem.request.top ?? 0) + (problem.request.bottom ?? 0) : 0
        let vectors = 8 * k * (rows + 2 * m)
        return tiles + solver + vectors
            + ExactHessian.tileWorkspaceBytes(sizes: problem.sizes, examples: n, ownedColumns: columns) + 8 * 4 * m
    }

    /// 2·N·M² per assembly pass (ELPA reads both triangles: two passes) and
    /// (4/3)·M³ for the eigenvalues, per matrix, over all processes; the
    /// bytes of the busiest process.
    public func cost(of problem: SpectrumProblem) -> CostEstimate {
        let settings = resolved(problem)
        let grid = settings.grid ?? (1, 1)
        let m = Double(problem.parameterCount), n = Double(problem.examples)
        let passes = settings.eigensolver == .elpa ? 2.0 : 1.0
        return CostEstimate(
            flops: Double(problem.request.parts.count) * (passes * 2 * n * m * m + 4.0 / 3.0 * m * m * m),
            bytes: Self.requiredBytesPerProcess(problem, settings: settings, eigensolver: settings.eigensolver),
            memory: .eachProcess,
            scope: .distributed(parameters: problem.parameterCount, processes: processes, gridRows: grid.rows, gridColumns: grid.columns,
                                block: settings.block, eigensolver: settings.eigensolver))
    }

    public func compute(model: MLP, data: Dataset, request: SpectrumRequest) throws -> SolverOutput {
        let m = model.parameterCount
        let problem = SpectrumProblem(sizes: model.sizes, activations: model.activations, loss: model.loss,
                                      examples: data.count, request: request, hasBias: model.hasBias)
        let settings = resolved(problem)
        // Every process must have read the same model and data (collective: all compare).
        let fingerprint = InputFingerprint.of(model: model, data: data)
        let inputsDiffer = MPIWorld.minimum(fingerprint) != MPIWorld.maximum(fingerprint)
        // Every process checks its own share before any work.
        try MPIWorld.agree {
            if inputsDiffer {
                throw DistributedError.mpi("the processes were given different models or data (their fingerprints differ): give every process the same files")
            }
            if let reason = unsupportedReason(for: problem) { throw SpectrumEngineError.unsupported(method: .distributed, reason: reason) }
            let cost = cost(of: problem)
            try MemoryBudget.require(cost.bytes, for: cost.purpose, available: availableBytesPerProcess)
        }
        let shape = settings.grid ?? (1, 1)
        let grid = try MPIWorld.agree {
            try ProcessGrid(rows: shape.rows, columns: shape.columns, order: m, block: settings.block)
        }
        let (wanted, keep) = Self.wanted(order: m, top: request.top, bottom: request.bottom, solver: settings.eigensolver)
        let hessian = ExactHessian(model: model, data: data, threads: threads)
        var local = [Double](repeating: 0, count: grid.layout.localCount)
        var results: [PartSpectrum] = []
        for part in request.parts {
            let t0 = DispatchTime.now()
            try MPIWorld.agree {
                if let failingRank, failingRank == MPIWorld.rank { throw DistributedError.injected(rank: failingRank) }
                hessian.assembleTiles(part, layout: grid.layout, into: &local, full: settings.eigensolver == .elpa)
                if local.contains(where: { !$0.isFinite }) { throw SpectrumError.nonFinite(part: part) }
            }
            let t1 = DispatchTime.now()
            if request.vectors {
                let ranges = SymmetricEigensolver.extremeRanges(order: m, bottom: request.bottom ?? 0, top: request.top ?? 0)
                let pairs = try MPIWorld.agree { try ParallelEigensolver.eigenpairs(&local, grid: grid, ranges: ranges, backend: lapack) }
                results.append(PartSpectrum(part: part, eigenvalues: pairs.values, indices: pairs.indices,
                                            assembleSeconds: Self.seconds(t0, t1), eigenSeconds: Self.seconds(t1, DispatchTime.now()),
                                            eigenvectors: pairs.vectors))
                continue
            }
            let values = try MPIWorld.agree {
                try ParallelEigensolver.eigenvalues(&local, grid: grid, solver: settings.eigensolver, wanted: wanted)
            }
            let t2 = DispatchTime.now()
            let kept = keep.map { $0.map { values[$0 - wanted.lowerBound] } } ?? values
            results.append(PartSpectrum(part: part, eigenvalues: kept, indices: keep,
                                        assembleSeconds: Self.seconds(t0, t1), eigenSeconds: Self.seconds(t1, t2)))
        }
        return SolverOutput(spectra: results)
    }

    /// The index range the eigensolver computes, and the indices kept
    /// (nil: all M). PDSYEVR computes one end alone as an index range.
    static func wanted(order m: Int, top: Int?, bottom: Int?, solver: DistributedEigensolver) -> (Range<Int>, [Int]?) {
        let top = min(top ?? 0, m), bottom = min(bottom ?? 0, m)
        guard top > 0 || bottom > 0 else { return (0..<m, nil) }
        var keep = Array(0..<bottom)
        for i in (m - top)..<m where i >= keep.count { keep.append(i) }
        guard solver == .pdsyevr else { return (0..<m, keep) }
        if top == 0 { return (0..<bottom, keep) }
        if bottom == 0 { return ((m - top)..<m, keep) }
        return (0..<m, keep)
    }

    static func seconds(_ a: DispatchTime, _ b: DispatchTime) -> Double {
        Double(b.uptimeNanoseconds - a.uptimeNanoseconds) / 1e9
    }
}
