/// The dense exact spectrum spread over several processes, each holding only
/// its tiles of the matrix. HessianKit has no MPI; `hessian-spectrum-mpi`
/// installs an implementation in `DistributedSolver.installed` before it
/// parses the command line, and `SpectrumEngine` then offers
/// `--method distributed` (and `auto` takes it when nothing else fits).
/// Its `requiredBytes` are per process; its flops those of all processes.
public protocol DistributedSpectrumSolver: SpectrumSolver {
    /// Processes taking part.
    var processes: Int { get }
    /// Bytes one process may use: the smallest over all processes of the
    /// memory available on its node shared by the processes on that node.
    var availableBytesPerProcess: Int? { get }
}

public enum DistributedSolver {
    /// Set once at start-up by the MPI executable, before any spectrum.
    nonisolated(unsafe) public static var installed: (any DistributedSpectrumSolver)?

    static let notInstalled = "it runs only as hessian-spectrum-mpi under an MPI launcher (mpirun, srun)"
}

/// The eigensolver of the distributed path.
public enum DistributedEigensolver: String, CaseIterable, Sendable {
    /// ELPA when its memory fits in every process's share, else PDSYEVR
    /// (ELPA is the fastest here but holds about four more copies of the
    /// local matrix; PDSYEVR about one).
    case auto
    /// ELPA's 2-stage solver (full to band, band to tridiagonal), all eigenvalues.
    case elpa
    /// ScaLAPACK PDSYEVR (MRRR), eigenvalues only; index ranges for --top or --bottom.
    case pdsyevr
    /// ScaLAPACK PDSYEVD (divide and conquer); it always computes eigenvectors too.
    case pdsyevd
}

/// How the matrix is spread and solved over the processes.
public struct DistributedSettings: Sendable, Equatable {
    /// Process rows × columns; nil: the squarest grid of all processes.
    public var grid: (rows: Int, columns: Int)?
    /// Rows and columns per block of the 2-D block-cyclic distribution.
    public var block: Int
    public var eigensolver: DistributedEigensolver

    public init(grid: (rows: Int, columns: Int)? = nil, block: Int = 64, eigensolver: DistributedEigensolver = .auto) {
        self.grid = grid
        self.block = block
        self.eigensolver = eigensolver
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.grid?.rows == b.grid?.rows && a.grid?.columns == b.grid?.columns && a.block == b.block && a.eigensolver == b.eigensolver
    }
}

extension PartSpectrum {
    public init(part: HessianPart, eigenvalues: [Double], indices: [Int]?, assembleSeconds: Double, eigenSeconds: Double) {
        self.init(part: part, eigenvalues: eigenvalues, assembleSeconds: assembleSeconds, eigenSeconds: eigenSeconds, indices: indices)
    }
}
