import Foundation
import HessianKit

/// Makes OpenBLAS use the right CPU kernel. The kernel is fixed when the
/// library loads, before `main`, so when OpenBLAS fell back to a generic
/// kernel on a CPU that can run a faster one, the process re-executes itself
/// once with `OPENBLAS_CORETYPE` set. A user's own `OPENBLAS_CORETYPE` is
/// always respected.
enum BLASKernel {
    static let marker = "HESSIAN_SPECTRUM_KERNEL_CHOSEN"

    static func selectBeforeRunning() {
        let environment = ProcessInfo.processInfo.environment
        guard environment["OPENBLAS_CORETYPE"] == nil, environment[marker] == nil else { return }
        guard let core = OpenBLASRuntime.recommendedCoreType(
            detected: OpenBLASRuntime.coreName, cpuFlags: OpenBLASRuntime.cpuFlags()) else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        setenv(marker, core, 1)
        let arguments = CommandLine.arguments
        var cArguments = arguments.map { strdup($0) } + [nil]
        execv("/proc/self/exe", &cArguments)
        // execv only returns on failure: carry on with the detected kernel.
        for pointer in cArguments { free(pointer) }
    }
}
