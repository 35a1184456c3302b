import HessianKit

extension SpectrumOptions {
    /// The engine of this run: this machine's memory, the threads set by
    /// `--threads` (read when called, after `prepare`) and the LAPACK
    /// library `setUpLinearAlgebra` loaded, with the distributed solver when
    /// `hessian-spectrum-mpi` gave one.
    var engine: SpectrumEngine {
        SpectrumEngine(resources: .detected(lapack: lapack ?? .openBLAS), distributed: CommandLineTool.distributedSolver)
    }
}
