import Dispatch
import Foundation
import HessianKit

/// The dense exact spectrum over MPI: the M × M matrix exists only as a 2-D
/// block-cyclic distribution over a process grid; each process assembles its
/// own tiles from the per-example quantities of the exact formula
/// (`ExactHessian.assembleTiles`), and ELPA or ScaLAPACK computes the
/// eigenvalues, which every process receives. Training and data are the
/// same on every process by construction (same seeds, deterministic code).
///
/// Per process, for P processes, N examples and block b:
/// - memory: 8·⌈M/(b·p_r)⌉·b·⌈M/(b·p_c)⌉·b bytes for its tiles (≈ 8·M²/P)
///   times (1 + the eigensolver's extra copies), plus an N × M panel and the
///   per-example blocks;
/// - flops: 2·N·M²/P per assembly pass (ELPA needs both triangles: two
///   passes) and about (4/3)·M³/P for the eigenvalues.
public final class DistributedSpectrum: DistributedSpectrumSolver {
    public let processes: Int
    public let availableBytesPerProcess: Int?
    /// The rank that fails on purpose, to test the error path.
    let failingRank: Int?

    /// Collective: agrees on the memory of the smallest process share.
    public init(failingRank: Int? = nil) {
        processes = MPIWorld.size
        let share = MemoryBudget.availableBytes().map { $0 / max(1, MPIWorld.nodeSize) } ?? Int.max
        let smallest = MPIWorld.minimum(share)
        availableBytesPerProcess = smallest == Int.max ? nil : smallest
        self.failingRank = failingRank
    }

    func gridShape(_ settings: DistributedSettings) throws -> (rows: Int, columns: Int) {
        let shape = settings.grid ?? ProcessGrid.squarest(processes)
        guard shape.rows * shape.columns == processes else {
            throw SpectrumEngineError.invalid("--grid \(shape.rows)x\(shape.columns) needs \(shape.rows * shape.columns) processes, but \(processes) are running")
        }
        return shape
    }

    /// Bytes on the busiest process.
    public static func requiredBytesPerProcess(sizes: [Int], examples n: Int, grid: (rows: Int, columns: Int),
                                               block: Int, eigensolver: DistributedEigensolver) -> Int {
        let m = ParameterLayout.parameterCount(sizes)
        let rows = (m + block * grid.rows - 1) / (block * grid.rows) * block
        let columns = (m + block * grid.columns - 1) / (block * grid.columns) * block
        let tiles = 8 * min(rows, m) * min(columns, m)
        let solver = Int(Double(tiles) * ParallelEigensolver.extraMatrices(eigensolver))
        return tiles + solver + ExactHessian.workspaceBytes(sizes: sizes, examples: n) + 8 * n * min(columns, m) + 8 * 4 * m
    }

    /// The settings with `auto` resolved: ELPA when it fits, else PDSYEVR.
    func resolved(_ settings: DistributedSettings, sizes: [Int], examples n: Int) throws -> DistributedSettings {
        guard settings.eigensolver == .auto else { return settings }
        let shape = try gridShape(settings)
        let elpa = Self.requiredBytesPerProcess(sizes: sizes, examples: n, grid: shape, block: settings.block, eigensolver: .elpa)
        var chosen = settings
        chosen.eigensolver = availableBytesPerProcess.map { elpa <= $0 } ?? true ? .elpa : .pdsyevr
        return chosen
    }

    public func plan(sizes: [Int], examples n: Int, request: SpectrumRequest) throws -> SpectrumPlan {
        let settings = try resolved(request.distributed, sizes: sizes, examples: n)
        let shape = try gridShape(settings)
        let m = ParameterLayout.parameterCount(sizes)
        let bytes = Self.requiredBytesPerProcess(sizes: sizes, examples: n, grid: shape, block: settings.block,
                                                 eigensolver: settings.eigensolver)
        try MemoryBudget.require(bytes, for: "the share per process of the \(m)×\(m) matrix (\(processes) processes, \(shape.rows)x\(shape.columns) grid, \(settings.eigensolver.rawValue))",
                                 available: availableBytesPerProcess)
        let passes = settings.eigensolver == .elpa ? 2.0 : 1.0
        let flops = Double(request.parts.count) * (passes * 2 * Double(n) * Double(m) * Double(m) + 4.0 / 3.0 * pow(Double(m), 3))
        let reason = String(format: "distributed on %d processes (%dx%d grid, block %d, %@): M = %d, ~%.2g flops in all, %@ per process",
                            processes, shape.rows, shape.columns, settings.block, settings.eigensolver.rawValue, m, flops,
                            MemoryBudget.format(bytes))
        return SpectrumPlan(method: .distributed, reason: reason, flops: flops, bytes: bytes)
    }

    public func compute(model: MLP, data: Dataset, request: SpectrumRequest) throws -> [PartSpectrum] {
        let m = model.parameterCount
        // Every process checks its own share before any work.
        _ = try MPIWorld.agree { try plan(sizes: model.sizes, examples: data.count, request: request) }
        let settings = try resolved(request.distributed, sizes: model.sizes, examples: data.count)
        let shape = try gridShape(settings)
        let grid = try ProcessGrid(rows: shape.rows, columns: shape.columns, order: m, block: settings.block)
        let (wanted, keep) = Self.wanted(order: m, top: request.top, bottom: request.bottom, solver: settings.eigensolver)
        let hessian = ExactHessian(model: model, data: data)
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
            let values = try MPIWorld.agree {
                try ParallelEigensolver.eigenvalues(&local, grid: grid, solver: settings.eigensolver, wanted: wanted)
            }
            let t2 = DispatchTime.now()
            let kept = keep.map { $0.map { values[$0 - wanted.lowerBound] } } ?? values
            results.append(PartSpectrum(part: part, eigenvalues: kept, indices: keep,
                                        assembleSeconds: Self.seconds(t0, t1), eigenSeconds: Self.seconds(t1, t2)))
        }
        return results
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
