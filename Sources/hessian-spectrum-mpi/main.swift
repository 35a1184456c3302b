import Foundation
import HessianKit
import HessianKitDistributed
import HessianSpectrumCommands

// The same commands as hessian-spectrum, run by every MPI process; the
// distributed solver is installed for --method distributed (and auto), the
// first process writes stdout, stderr and every file.
CommandLineTool.selectBLASKernel()
do {
    try MPIWorld.start()
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
let rank = MPIWorld.rank
if rank != 0 {
    let null = open("/dev/null", O_WRONLY)
    dup2(null, STDOUT_FILENO)
    dup2(null, STDERR_FILENO)
    AtomicFile.discardsWrites = true
}
// One BLAS thread per core of this process's share of the node.
if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil {
    OpenBLASRuntime.setThreads(max(1, ProcessInfo.processInfo.activeProcessorCount / max(1, MPIWorld.nodeSize)))
}
let failingRank = ProcessInfo.processInfo.environment["HESSIAN_SPECTRUM_FAIL_ON_RANK"].flatMap { Int($0) }
DistributedSolver.installed = DistributedSpectrum(failingRank: failingRank)
let status = CommandLineTool.run()
MPIWorld.finish(failed: status != 0)
exit(status)
