import CLAPACK
import Foundation

/// Facts about the BLAS library linked in, and the choice of its CPU kernel.
///
/// Debian's OpenBLAS 0.3.21 detects the kernel at load time and takes some
/// newer CPUs (AMD Zen 4 among them) for a "Prescott", whose kernels run
/// DGEMM several times slower than the AVX-512 "SkylakeX" ones the CPU can
/// run. The kernel can only be forced through `OPENBLAS_CORETYPE` before the
/// library loads, so the command line re-executes itself once with it set;
/// `recommendedCoreType` decides which kernel, from the CPU's flags.
public enum OpenBLASRuntime {
    /// The kernel OpenBLAS chose, e.g. "SkylakeX", "Haswell", "Prescott".
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// OpenBLAS's version, e.g. "0.3.21", from its build configuration.
    public static var version: String {
        guard let config = openblas_get_config() else { return "unknown" }
        return version(fromConfig: String(cString: config))
    }

    /// "0.3.21" from "OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64".
    static func version(fromConfig config: String) -> String {
        let words = config.split(separator: " ")
        guard words.count > 1, words[0] == "OpenBLAS" else { return "unknown" }
        return String(words[1])
    }

    /// Threads OpenBLAS uses for one call.
    public static var threads: Int { Int(openblas_get_num_threads()) }

    /// Sets the number of BLAS threads (1 or more).
    public static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(clamping: max(1, count)))
    }

    /// Runs one small DGEMM on every thread, so that OpenBLAS maps its
    /// threads' work buffers (128 MB of address space each, with a malloc
    /// arena) now instead of at the first product of a run: the process's
    /// `VmSize`, from which a memory plan reckons the address space left
    /// under `ulimit -v`, then counts them before any plan is made.
    /// - Complexity: 2·256³ flops, about a millisecond.
    public static func mapWorkBuffers() {
        let n = 256
        let a = [Double](repeating: 1, count: n * n)
        var c = [Double](repeating: 0, count: n * n)
        BLAS.gemm(m: n, n: n, k: n, a: a, lda: n, b: a, ldb: n, c: &c, ldc: n)
    }

    /// Kernels that are generic fall-backs: when OpenBLAS picks one of these
    /// on a CPU that can run a better one, it has misidentified the CPU.
    static let fallbackKernels: Set<String> = ["prescott", "core2", "nehalem", "katmai", "coppermine", "northwood", "banias", "atom", "unknown"]

    /// The `OPENBLAS_CORETYPE` to force, or nil to leave OpenBLAS's choice:
    /// "SkylakeX" when the CPU has the AVX-512 F/CD/BW/DQ/VL subsets,
    /// "Haswell" with AVX2 and FMA; only when the detected kernel is a
    /// generic fall-back.
    public static func recommendedCoreType(detected: String, cpuFlags: Set<String>) -> String? {
        guard fallbackKernels.contains(detected.lowercased()) else { return nil }
        if ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"].allSatisfy(cpuFlags.contains) {
            return "SkylakeX"
        }
        if cpuFlags.contains("avx2") && cpuFlags.contains("fma") { return "Haswell" }
        return nil
    }

    /// The CPU flags of the first processor in /proc/cpuinfo (empty when
    /// the file is missing, as on non-Linux systems).
    public static func cpuFlags() -> Set<String> {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return [] }
        for line in text.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }
}
