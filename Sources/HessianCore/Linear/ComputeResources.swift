import Foundation

/// What a computation may use: the memory a new allocation may take, the
/// threads of the library's own parallel loops (the Hessian panel, the
/// factored Gram kernel) and the LAPACK library its eigensolvers call. The
/// library never reads these from the process; whoever runs it passes them
/// in (`SpectrumEngine(resources:)`).
public struct ComputeResources: Sendable, Equatable {
    /// Bytes a new allocation may take; nil when no limit is known, and
    /// then no plan is refused for memory.
    public var availableBytes: Int?
    /// Threads of the library's parallel loops, at least 1.
    public var threads: Int
    /// The LAPACK library of every dense eigensolve, pivoted Cholesky and
    /// tridiagonal reduction: the linked OpenBLAS unless another is given.
    public var lapack: LAPACKBackend

    /// Resources as given; `threads` below 1 counts as 1.
    public init(availableBytes: Int? = nil, threads: Int = 1, lapack: LAPACKBackend = .openBLAS) {
        self.availableBytes = availableBytes
        self.threads = max(1, threads)
        self.lapack = lapack
    }

    /// This machine's: `MemoryBudget.availableBytes()` (MemAvailable, or a
    /// Slurm job's limit), and as many threads as BLAS is set to use
    /// (`OpenBLASRuntime.setThreads`) but no more than the cores; `lapack`
    /// as given.
    public static func detected(lapack: LAPACKBackend = .openBLAS) -> ComputeResources {
        ComputeResources(availableBytes: MemoryBudget.availableBytes(),
                         threads: min(OpenBLASRuntime.threads, ProcessInfo.processInfo.activeProcessorCount), lapack: lapack)
    }
}
