import HessianKit

extension SpectrumOptions {
    /// The engine of this run: this machine's memory and the threads set
    /// by `--threads` (read when called, after `prepare`), with the
    /// distributed solver when `hessian-spectrum-mpi` gave one.
    var engine: SpectrumEngine {
        SpectrumEngine(resources: .detected(), distributed: CommandLineTool.distributedSolver)
    }
}
