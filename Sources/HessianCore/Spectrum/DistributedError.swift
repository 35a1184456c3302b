/// Failures of the distributed path. The distributed solvers (`HessianKitDistributed`) throw these; they live
/// here so that a caller without MPI can tell them apart.
public enum DistributedError: Error, CustomStringConvertible, Equatable {
    case mpi(String)
    case grid(String)
    case scalapack(routine: String, info: Int)
    /// ELPA's solver failed in `stage`.
    case elpa(stage: Int)
    /// Another process failed; every process stops with its message.
    case onOtherProcess(rank: Int, message: String)
    /// Raised on purpose by HESSIAN_SPECTRUM_FAIL_ON_RANK (tests of the error path).
    case injected(rank: Int)

    /// One line for a human.
    public var description: String {
        switch self {
        case .mpi(let text), .grid(let text): return text
        case .elpa(let stage): return "ELPA failed (stage \(stage))"
        case .scalapack(let routine, let info):
            return info == -1000
                ? "ScaLAPACK \(routine): could not allocate its workspace"
                : "ScaLAPACK \(routine) failed (info = \(info))"
        case .onOtherProcess(let rank, let message): return "process \(rank): \(message)"
        case .injected(let rank): return "failed on purpose (HESSIAN_SPECTRUM_FAIL_ON_RANK=\(rank))"
        }
    }
}
