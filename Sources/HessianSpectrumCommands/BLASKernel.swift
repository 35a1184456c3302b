import Foundation
import HessianKit

/// Makes OpenBLAS use the right CPU kernel and a thread count the
/// address-space limit holds. Both are fixed when the library loads, before
/// `main`, so the process re-executes itself once with `OPENBLAS_CORETYPE`
/// set (when OpenBLAS fell back to a generic kernel on a CPU that can run a
/// faster one) and `OPENBLAS_NUM_THREADS` set (when `ulimit -v` holds fewer
/// work buffers than OpenBLAS starts threads for: its extra threads would
/// retry a refused 128 MB mapping for ever, see `AddressSpaceLimit`). A
/// user's own `OPENBLAS_CORETYPE` or `OPENBLAS_NUM_THREADS` is always
/// respected.
enum BLASKernel {
    static let marker = "HESSIAN_SPECTRUM_KERNEL_CHOSEN"

    static func selectBeforeRunning() {
        let environment = ProcessInfo.processInfo.environment
        guard environment[marker] == nil else { return }
        var changes: [(String, String)] = []
        if environment["OPENBLAS_CORETYPE"] == nil, let core = OpenBLASRuntime.recommendedCoreType(
            detected: OpenBLASRuntime.coreName, cpuFlags: OpenBLASRuntime.cpuFlags()) {
            changes.append(("OPENBLAS_CORETYPE", core))
        }
        if environment["OPENBLAS_NUM_THREADS"] == nil, environment["OMP_NUM_THREADS"] == nil,
           let fitting = AddressSpaceLimit.threads(within: AddressSpaceLimit.bytes), fitting < OpenBLASRuntime.threads {
            changes.append(("OPENBLAS_NUM_THREADS", String(max(1, fitting))))
        }
        guard !changes.isEmpty else { return }
        for (name, value) in changes { setenv(name, value, 1) }
        setenv(marker, changes.map(\.1).joined(separator: ","), 1)
        let arguments = CommandLine.arguments
        var cArguments = arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", &cArguments)
        // execv only returns on failure: carry on as loaded.
        for pointer in cArguments { free(pointer) }
    }
}
