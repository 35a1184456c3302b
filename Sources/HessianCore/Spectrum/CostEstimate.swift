import Foundation

/// What a spectrum method will cost on a problem, known before any work:
/// the cost model's flops, the peak bytes it allocates and whose memory
/// those are, and the size of the work.
public struct CostEstimate: Sendable, Equatable {
    /// Whose memory `bytes` counts.
    public enum Memory: Sendable, Equatable {
        /// This process's.
        case thisProcess
        /// Each process's, of several running together (the flops are
        /// those of all of them).
        case eachProcess
    }

    /// The factor's columns r of one matrix (the factored method).
    public struct FactorColumns: Sendable, Equatable {
        public var part: HessianPart
        public var columns: Int

        public init(part: HessianPart, columns: Int) {
            self.part = part
            self.columns = columns
        }
    }

    /// The size of the work, by method.
    public enum Scope: Sendable, Equatable {
        /// The dense M×M matrix.
        case dense(parameters: Int)
        /// The r×r Gram matrix of the factor of each part.
        case factored(parameters: Int, columns: [FactorColumns])
        /// Up to `steps` Lanczos steps with a basis of `basis` vectors
        /// (restarted when it is smaller than `steps`).
        case lanczos(parameters: Int, steps: Int, basis: Int)
        /// `probes` SLQ runs of `steps` steps each.
        case slq(parameters: Int, probes: Int, steps: Int)
        /// Power iteration for the top `count`, up to `iterations` each.
        case power(parameters: Int, count: Int, iterations: Int)
        /// The dense matrix in tiles over a grid of processes.
        case distributed(parameters: Int, processes: Int, gridRows: Int, gridColumns: Int, block: Int, eigensolver: DistributedEigensolver)

        /// M.
        public var parameters: Int {
            switch self {
            case .dense(let m), .factored(let m, _), .lanczos(let m, _, _), .slq(let m, _, _), .power(let m, _, _),
                 .distributed(let m, _, _, _, _, _):
                return m
            }
        }
    }

    /// The cost model's flop count for all requested parts.
    public var flops: Double
    /// Peak bytes allocated.
    public var bytes: Int
    /// Whose memory `bytes` counts.
    public var memory: Memory
    /// The size of the work.
    public var scope: Scope

    /// A cost.
    public init(flops: Double, bytes: Int, memory: Memory = .thisProcess, scope: Scope) {
        self.flops = flops
        self.bytes = bytes
        self.memory = memory
        self.scope = scope
    }
}

// The words of a cost, for a plan's reason and a memory error.
extension CostEstimate: CustomStringConvertible {
    /// "M = 4270, ~1.2e+11 flops, 146 MB" (" per process" over several).
    public var description: String { "\(scope), ~\(Self.flopText(flops)) flops, \(MemoryBudget.format(bytes))\(memory.suffix)" }

    /// What the bytes hold: "the dense 4270×4270 matrix".
    public var purpose: String {
        switch scope {
        case .dense(let m): return "the dense \(m)×\(m) matrix"
        case .factored(_, let columns): return "the factored form (\(Scope.columnsText(columns)))"
        case .lanczos(let m, _, let basis): return "Lanczos with a basis of \(basis) vectors of length \(m)"
        case .slq(let m, _, let steps): return "SLQ with \(steps + 1) vectors of length \(m)"
        case .power(let m, let count, _): return "power iteration with \(count + 3) vectors of length \(m)"
        case .distributed(let m, let processes, let rows, let columns, _, let eigensolver):
            return "the share per process of the \(m)×\(m) matrix (\(processes) processes, \(rows)x\(columns) grid, \(eigensolver.rawValue))"
        }
    }

    /// Beside the flop count when `auto` compares methods: the factor's
    /// columns, or the processes and each one's memory.
    public var comparisonDetail: String {
        switch scope {
        case .factored(_, let columns): return " (\(Scope.columnsText(columns)))"
        case .distributed(_, let processes, _, _, _, _): return " over \(processes) processes, \(MemoryBudget.format(bytes)) per process"
        default: return ""
        }
    }

    /// A flop count in two significant digits.
    public static func flopText(_ x: Double) -> String { String(format: "%.2g", x) }
}

extension CostEstimate.Memory {
    /// After a byte count: "" or " per process".
    var suffix: String {
        switch self {
        case .thisProcess: return ""
        case .eachProcess: return " per process"
        }
    }
}

extension CostEstimate.Scope: CustomStringConvertible {
    /// The size of the work in a few words ("M = 4270", "r = 1800 for M = 4270").
    public var description: String {
        switch self {
        case .dense(let m): return "M = \(m)"
        case .factored(let m, let columns): return "\(Self.columnsText(columns)) for M = \(m)"
        case .lanczos(let m, let steps, let basis):
            return "up to \(steps) steps on M = \(m)" + (basis < steps ? " with a basis of \(basis) vectors (restarted)" : "")
        case .slq(let m, let probes, let steps): return "\(probes) probes × \(steps) steps on M = \(m)"
        case .power(let m, let count, let iterations): return "top \(count), up to \(iterations) iterations each on M = \(m)"
        case .distributed(let m, let processes, let rows, let columns, let block, let eigensolver):
            return "M = \(m) on \(processes) processes (\(rows)x\(columns) grid, block \(block), \(eigensolver.rawValue))"
        }
    }

    /// "r = 1800" for one part, "r = 1800 (hessian), 1740 (gauss_newton), …" for several.
    static func columnsText(_ columns: [CostEstimate.FactorColumns]) -> String {
        "r = " + columns.map { columns.count == 1 ? String($0.columns) : "\($0.columns) (\($0.part.rawValue))" }.joined(separator: ", ")
    }
}
