import Foundation

/// How many threads the library's own parallel loops (the Hessian panel,
/// the factored Gram kernel) use: as many as BLAS is set to use
/// (`OpenBLASRuntime.setThreads`), but no more than the cores.
enum WorkerThreads {
    static var count: Int { max(1, min(OpenBLASRuntime.threads, ProcessInfo.processInfo.activeProcessorCount)) }
}
