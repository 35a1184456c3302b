/// The dense exact spectrum spread over several processes, each holding only
/// its tiles of the matrix. HessianCore has no MPI; `HessianKitDistributed`
/// implements it, and a `SpectrumEngine` given one (`distributed:`) then
/// offers the distributed method (and `auto` takes it when nothing else fits).
/// Its `requiredBytes` are per process; its flops those of all processes.
public protocol DistributedSpectrumSolver: SpectrumSolver {
    /// Processes taking part.
    var processes: Int { get }
    /// Bytes one process may use: the smallest over all processes of the
    /// memory available on its node shared by the processes on that node.
    var availableBytesPerProcess: Int? { get }
    /// The same solver with `lapack` for the steps each process runs on
    /// its own (the tridiagonal eigenpairs); an engine gives it its
    /// `ComputeResources.lapack`.
    func using(lapack: LAPACKBackend) -> any DistributedSpectrumSolver
}

extension DistributedSpectrumSolver {
    /// A solver with no serial LAPACK step of its own is the same with any library.
    public func using(lapack: LAPACKBackend) -> any DistributedSpectrumSolver { self }
}

/// The eigensolver of the distributed path.
public enum DistributedEigensolver: String, CaseIterable, Sendable {
    /// PDSYEV, by the measurements in docs/mpi.md: it keeps each process
    /// well under the serial run's memory, within the time target (ELPA is
    /// faster on 2 processes but holds about three more local matrices,
    /// more than the serial process holds in all).
    case auto
    /// ScaLAPACK PDSYEV, eigenvalues only: PDSYTRD in place and the
    /// tridiagonal's eigenvalues on every process; no second local matrix.
    /// With eigenvectors its reduction, then DSTEMR for the wanted pairs
    /// and PDORMTR for only their vectors.
    case pdsyev
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
    public init(part: HessianPart, eigenvalues: [Double], indices: [Int]?, assembleSeconds: Double, eigenSeconds: Double,
                eigenvectors: [Double]? = nil) {
        self.init(part: part, eigenvalues: eigenvalues, assembleSeconds: assembleSeconds, eigenSeconds: eigenSeconds, indices: indices,
                  eigenvectors: eigenvectors)
    }
}
