import Foundation

/// What a computation may use: the memory a new allocation may take and the
/// threads of the library's own parallel loops (the Hessian panel, the
/// factored Gram kernel). The library never reads these from the process;
/// whoever runs it passes them in (`SpectrumEngine(resources:)`).
public struct ComputeResources: Sendable, Equatable {
    /// Bytes a new allocation may take; nil when no limit is known, and
    /// then no plan is refused for memory.
    public var availableBytes: Int?
    /// Threads of the library's parallel loops, at least 1.
    public var threads: Int

    /// Resources as given; `threads` below 1 counts as 1.
    public init(availableBytes: Int? = nil, threads: Int = 1) {
        self.availableBytes = availableBytes
        self.threads = max(1, threads)
    }

    /// This machine's: `MemoryBudget.availableBytes()` (MemAvailable, or a
    /// Slurm job's limit), and as many threads as BLAS is set to use
    /// (`OpenBLASRuntime.setThreads`) but no more than the cores.
    public static func detected() -> ComputeResources {
        ComputeResources(availableBytes: MemoryBudget.availableBytes(),
                         threads: min(OpenBLASRuntime.threads, ProcessInfo.processInfo.activeProcessorCount))
    }
}
