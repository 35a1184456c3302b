import CLAPACK
import Foundation

/// The LAPACK library the eigensolvers and the factored path call: Debian's
/// OpenBLAS linked into the binary (the default), or a library loaded at run
/// time — Intel MKL's `libmkl_rt` — with `dlopen(RTLD_LOCAL)`, so that its
/// symbols never replace the linked OpenBLAS's.
///
/// A backend is a table of LAPACKE `_work` entry points (the same C
/// signatures in both libraries, so every call site is the same code), its
/// thread setter and its name and version. It is resolved once; the loaded
/// library is never closed.
public struct LAPACKBackend: Equatable, @unchecked Sendable {
    // @unchecked: the stored values are C function pointers and strings, immutable after loading.

    /// Which library the entry points come from.
    public enum Library: String, Sendable {
        case openBLAS = "OpenBLAS"
        case mkl = "Intel MKL"
        /// Another library given by path that exports the LAPACKE entry points.
        case other = "LAPACK"
    }

    /// The library the routines come from.
    public let library: Library
    /// The library's own version, e.g. "0.3.21" or "2026.2"; "unknown" when it does not say.
    public let version: String
    /// The file loaded, or nil for the OpenBLAS linked into the binary.
    public let path: String?

    typealias Syevd = @convention(c) (Int32, CChar, CChar, Int32, UnsafeMutablePointer<Double>?, Int32,
                                      UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?, Int32,
                                      UnsafeMutablePointer<Int32>?, Int32) -> Int32
    typealias Syev = @convention(c) (Int32, CChar, CChar, Int32, UnsafeMutablePointer<Double>?, Int32,
                                     UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?, Int32) -> Int32
    typealias Syevr = @convention(c) (Int32, CChar, CChar, CChar, Int32, UnsafeMutablePointer<Double>?, Int32,
                                      Double, Double, Int32, Int32, Double, UnsafeMutablePointer<Int32>?,
                                      UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?, Int32,
                                      UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Double>?, Int32,
                                      UnsafeMutablePointer<Int32>?, Int32) -> Int32
    typealias Pstrf = @convention(c) (Int32, CChar, Int32, UnsafeMutablePointer<Double>?, Int32,
                                      UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?, Double,
                                      UnsafeMutablePointer<Double>?) -> Int32
    typealias Lauum = @convention(c) (Int32, CChar, Int32, UnsafeMutablePointer<Double>?, Int32) -> Int32
    typealias Sytrd = @convention(c) (Int32, CChar, Int32, UnsafeMutablePointer<Double>?, Int32, UnsafeMutablePointer<Double>?,
                                      UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?,
                                      Int32) -> Int32
    typealias Stemr = @convention(c) (Int32, CChar, CChar, Int32, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?,
                                      Double, Double, Int32, Int32, UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Double>?,
                                      UnsafeMutablePointer<Double>?, Int32, Int32, UnsafeMutablePointer<Int32>?,
                                      UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Double>?, Int32,
                                      UnsafeMutablePointer<Int32>?, Int32) -> Int32
    typealias Ormtr = @convention(c) (Int32, CChar, CChar, CChar, Int32, Int32, UnsafePointer<Double>?, Int32,
                                      UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, Int32,
                                      UnsafeMutablePointer<Double>?, Int32) -> Int32
    typealias SetThreads = @convention(c) (Int32) -> Void
    typealias GetThreads = @convention(c) () -> Int32

    /// LAPACKE_dsyevd_work, LAPACKE_dsyevd_2stage_work, LAPACKE_dsyev_work,
    /// LAPACKE_dsyevr_work, LAPACKE_dpstrf_work, LAPACKE_dlauum_work, and for
    /// eigenvectors by index range LAPACKE_dsytrd_work, LAPACKE_dstemr_work,
    /// LAPACKE_dormtr_work.
    let dsyevd: Syevd
    let dsyevd2stage: Syevd
    let dsyev: Syev
    let dsyevr: Syevr
    let dpstrf: Pstrf
    let dlauum: Lauum
    let dsytrd: Sytrd
    let dstemr: Stemr
    let dormtr: Ormtr
    private let setThreadCount: SetThreads?
    private let threadCount: GetThreads?

    /// Debian's OpenBLAS, linked into the binary.
    public static let openBLAS = LAPACKBackend(
        library: .openBLAS, version: OpenBLASRuntime.version, path: nil,
        dsyevd: LAPACKE_dsyevd_work, dsyevd2stage: LAPACKE_dsyevd_2stage_work, dsyev: LAPACKE_dsyev_work,
        dsyevr: LAPACKE_dsyevr_work, dpstrf: LAPACKE_dpstrf_work, dlauum: LAPACKE_dlauum_work,
        dsytrd: LAPACKE_dsytrd_work, dstemr: LAPACKE_dstemr_work, dormtr: LAPACKE_dormtr_work,
        setThreadCount: openblas_set_num_threads, threadCount: openblas_get_num_threads)

    /// Two backends are the same when they come from the same library file.
    public static func == (a: LAPACKBackend, b: LAPACKBackend) -> Bool {
        a.library == b.library && a.version == b.version && a.path == b.path
    }

    /// "OpenBLAS 0.3.21" or "Intel MKL 2026.2": the library and its version.
    public var name: String { "\(library.rawValue) \(version)" }

    /// "OpenBLAS 0.3.21" or "Intel MKL 2026.2 (/path/libmkl_rt.so.3)".
    public var description: String {
        "\(library.rawValue) \(version)" + (path.map { " (\($0))" } ?? "")
    }

    /// Threads one call of this library uses.
    public var threads: Int { threadCount.map { Int($0()) } ?? 1 }

    /// Sets the number of threads this library uses for one call (1 or more):
    /// `openblas_set_num_threads` or `MKL_Set_Num_Threads`.
    public func setThreads(_ count: Int) {
        setThreadCount?(Int32(max(1, count)))
    }

    /// Loads the LAPACK library file at `path` (absolute, or relative to the
    /// working folder) with local symbol binding.
    ///
    /// For MKL's single dynamic library reproducible results are asked for
    /// (MKL_CBWR_AUTO), the LP64 (32-bit integer) interface is selected, and
    /// the threading layer is Intel OpenMP when its
    /// `libiomp5` can be loaded, else GNU OpenMP, else sequential — unless
    /// `MKL_CBWR`, `MKL_INTERFACE_LAYER` or `MKL_THREADING_LAYER` say otherwise.
    /// - Throws: `LAPACKBackendError` when the path is not a regular file,
    ///   or the file cannot be loaded or lacks an entry point.
    public static func load(path: String) throws -> LAPACKBackend {
        // Loading a library runs its code, as LD_PRELOAD would: only a
        // regular file the user named, never a name for the loader's search.
        guard isRegularFile(path) else { throw LAPACKBackendError.notARegularFile(path: path) }
        let file = path.contains("/") ? path : "./" + path
        guard let handle = dlopen(file, RTLD_NOW | RTLD_LOCAL) else {
            throw LAPACKBackendError.cannotLoad(path: path, reason: dlerror().map { String(cString: $0) } ?? "unknown reason")
        }
        func symbol<F>(_ name: String, as type: F.Type) -> F? {
            dlsym(handle, name).map { unsafeBitCast($0, to: type) }
        }
        func required<F>(_ name: String, as type: F.Type) throws -> F {
            guard let function = symbol(name, as: type) else {
                throw LAPACKBackendError.missingSymbol(path: path, symbol: name)
            }
            return function
        }
        let environment = ProcessInfo.processInfo.environment
        let library: Library
        let version: String
        // Conditional numerical reproducibility, set before any other MKL
        // call: the same code path on every run, so reruns give the same bits.
        if environment["MKL_CBWR"] == nil,
           let setBranch = symbol("MKL_CBWR_Set", as: (@convention(c) (Int32) -> Int32).self) {
            _ = setBranch(2)  // MKL_CBWR_AUTO
        }
        if let versionString = symbol("MKL_Get_Version_String", as: (@convention(c) (UnsafeMutablePointer<CChar>?, Int32) -> Void).self) {
            library = .mkl
            var buffer = [CChar](repeating: 0, count: 256)
            versionString(&buffer, Int32(buffer.count))
            version = mklVersion(from: String(cString: buffer))
            if environment["MKL_INTERFACE_LAYER"] == nil,
               let setInterface = symbol("MKL_Set_Interface_Layer", as: (@convention(c) (Int32) -> Int32).self) {
                _ = setInterface(0)  // MKL_INTERFACE_LP64
            }
            if environment["MKL_THREADING_LAYER"] == nil,
               let setThreading = symbol("MKL_Set_Threading_Layer", as: (@convention(c) (Int32) -> Int32).self) {
                _ = setThreading(mklThreadingLayer(besides: path))
            }
        } else if let config = symbol("openblas_get_config", as: (@convention(c) () -> UnsafeMutablePointer<CChar>?).self) {
            library = .openBLAS
            version = config().map { OpenBLASRuntime.version(fromConfig: String(cString: $0)) } ?? "unknown"
        } else {
            library = .other
            version = "unknown"
        }
        let setThreads = symbol("MKL_Set_Num_Threads", as: SetThreads.self) ?? symbol("openblas_set_num_threads", as: SetThreads.self)
        let getThreads = symbol("MKL_Get_Max_Threads", as: GetThreads.self) ?? symbol("openblas_get_num_threads", as: GetThreads.self)
        return LAPACKBackend(
            library: library, version: version, path: path,
            dsyevd: try required("LAPACKE_dsyevd_work", as: Syevd.self),
            dsyevd2stage: try required("LAPACKE_dsyevd_2stage_work", as: Syevd.self),
            dsyev: try required("LAPACKE_dsyev_work", as: Syev.self),
            dsyevr: try required("LAPACKE_dsyevr_work", as: Syevr.self),
            dpstrf: try required("LAPACKE_dpstrf_work", as: Pstrf.self),
            dlauum: try required("LAPACKE_dlauum_work", as: Lauum.self),
            dsytrd: try required("LAPACKE_dsytrd_work", as: Sytrd.self),
            dstemr: try required("LAPACKE_dstemr_work", as: Stemr.self),
            dormtr: try required("LAPACKE_dormtr_work", as: Ormtr.self),
            setThreadCount: setThreads, threadCount: getThreads)
    }

    /// "2026.2" from "Intel(R) oneAPI Math Kernel Library Version 2026.2-Product Build 20260915 …".
    static func mklVersion(from text: String) -> String {
        guard let range = text.range(of: "Version ") else { return "unknown" }
        let rest = text[range.upperBound...]
        let token = rest.prefix { !$0.isWhitespace && $0 != "-" }
        return token.isEmpty ? "unknown" : String(token)
    }

    /// MKL_THREADING_INTEL (0) when Intel's OpenMP runtime is next to the
    /// library or on the loader's path, else MKL_THREADING_GNU (3) when
    /// libgomp is, else MKL_THREADING_SEQUENTIAL (1): MKL would otherwise
    /// stop the process at its first call for want of libiomp5.
    private static func mklThreadingLayer(besides path: String) -> Int32 {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if path.contains("/"), FileManager.default.fileExists(atPath: folder + "/libiomp5.so") { return 0 }
        for (name, layer) in [("libiomp5.so", Int32(0)), ("libgomp.so.1", 3)] {
            if let handle = dlopen(name, RTLD_LAZY | RTLD_LOCAL) {
                dlclose(handle)
                return layer
            }
        }
        return 1
    }
}

/// A LAPACK library that could not be used.
public enum LAPACKBackendError: Error, Equatable, CustomStringConvertible {
    case cannotLoad(path: String, reason: String)
    /// The path does not name a regular file (missing, a folder, a device).
    case notARegularFile(path: String)
    case missingSymbol(path: String, symbol: String)
    /// MKL was asked for and is not installed in any place searched.
    case mklNotFound(searched: [String])

    /// The library at fault and what to do about it.
    public var description: String {
        switch self {
        case .cannotLoad(let path, let reason):
            return "cannot load the LAPACK library \(path): \(reason)"
        case .notARegularFile(let path):
            return "cannot load the LAPACK library \(path): not a regular file"
        case .missingSymbol(let path, let symbol):
            return "\(path) is not a usable LAPACK library: it has no \(symbol)"
        case .mklNotFound(let searched):
            return Self.mklNotFound(searched: searched, installWith: "`pip install mkl`")
        }
    }

    /// The message of `mklNotFound`, offering `installWith` (a program
    /// names its own ways too).
    public static func mklNotFound(searched: [String], installWith: String) -> String {
        "Intel MKL (libmkl_rt) was not found (searched \(searched.joined(separator: ", "))); install it with \(installWith), or give its path"
    }
}
