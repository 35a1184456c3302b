import Foundation
import HessianKit
import HessianRuntime
import HessianKitDistributed
import HessianSpectrumCommands

// The same commands as hessian-spectrum, run by every MPI process; the
// distributed solver is installed for --method distributed (and auto), and
// the first process writes stdout, stderr and every file.
CommandLineTool.prepare()
do {
    try MPIWorld.start()
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
let rank = MPIWorld.rank
// The other processes print nothing; their stderr goes to an unlinked
// temporary file, shown only if one of them fails alone.
var terminal: Int32 = -1
var log: Int32 = -1
if rank != 0 {
    dup2(open("/dev/null", O_WRONLY), STDOUT_FILENO)
    terminal = dup(STDERR_FILENO)
    var template = Array("/tmp/hessian-spectrum-mpi-XXXXXX".utf8CString)
    log = mkstemp(&template)
    if log >= 0 {
        unlink(template)
        dup2(log, STDERR_FILENO)
    } else {
        dup2(open("/dev/null", O_WRONLY), STDERR_FILENO)
    }
    OutputStaging.discardsWrites = true
}
// One BLAS thread per core of this process's share of the node.
if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil {
    OpenBLASRuntime.setThreads(max(1, ProcessInfo.processInfo.activeProcessorCount / max(1, MPIWorld.nodeSize)))
}
let failingRank = ProcessInfo.processInfo.environment["HESSIAN_SPECTRUM_FAIL_ON_RANK"].flatMap { Int($0) }
CommandLineTool.distributedSolver = DistributedSpectrum(failingRank: failingRank, resources: .detected())
let status = CommandLineTool.run()
// How long a failed process waits for the others (tests shorten it): 0 … 600 s,
// anything else (negative, not finite, not a number) the default 30 s.
let patience = ProcessInfo.processInfo.environment["HESSIAN_SPECTRUM_EXIT_PATIENCE"]
    .flatMap { Double($0) }.flatMap { $0.isFinite && $0 >= 0 ? min($0, 600) : nil } ?? 30
guard MPIWorld.allReachTheEnd(failed: status != 0, patience: patience) else {
    // This process failed while the others wait in a collective call: say
    // why (its own error line), then end the job.
    if log >= 0, terminal >= 0, lseek(log, 0, SEEK_SET) == 0 {
        let text = FileHandle(fileDescriptor: log, closeOnDealloc: false).readDataToEndOfFile()
        if let line = String(decoding: text, as: UTF8.self).split(separator: "\n").last(where: { $0.hasPrefix("error:") }) {
            FileHandle(fileDescriptor: terminal, closeOnDealloc: false).write(Data("\(line) (process \(rank))\n".utf8))
        }
    }
    do { try MPIWorld.abort() } catch { FileHandle.standardError.write(Data("error: \(error) (process \(rank))\n".utf8)) }
    exit(1)
}
MPIWorld.finish()
exit(status)
