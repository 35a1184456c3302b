import Foundation

/// Where Intel MKL's single dynamic library is looked for. The search only
/// looks at files: it runs no program (no `python3`), and what it finds is
/// loaded only when it is a regular file in one of these documented places.
extension LAPACKBackend {
    /// File names of MKL's single dynamic library, newest interface first.
    static let mklNames = ["libmkl_rt.so.3", "libmkl_rt.so.2", "libmkl_rt.so"]

    /// The standard system library folders searched last (Debian's
    /// `libmkl-rt` installs into the first).
    static let systemLibraryFolders = ["/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/local/lib", "/usr/lib"]

    /// Folders searched for MKL, in order:
    /// 1. `folders` (the command line passes the checkout's `.mkl/lib` and
    ///    `.mkl/local/lib`, where `make mkl` installs);
    /// 2. `$MKLROOT/lib` and `$MKLROOT/lib/intel64` (oneAPI's `setvars.sh`,
    ///    HPC modules);
    /// 3. the active virtual environment's prefix: `$VIRTUAL_ENV/lib` and
    ///    `$CONDA_PREFIX/lib` (where `pip install mkl` and conda put it);
    /// 4. oneAPI's default place `/opt/intel/oneapi/mkl/latest/lib`;
    /// 5. each folder of `$LD_LIBRARY_PATH`;
    /// 6. the standard system library folders (`systemLibraryFolders`).
    static func mklFolders(_ folders: [String], environment: [String: String]) -> [String] {
        var result = folders
        if let root = environment["MKLROOT"], !root.isEmpty { result += [root + "/lib", root + "/lib/intel64"] }
        for key in ["VIRTUAL_ENV", "CONDA_PREFIX"] {
            if let prefix = environment[key], !prefix.isEmpty { result.append(prefix + "/lib") }
        }
        result.append("/opt/intel/oneapi/mkl/latest/lib")
        result += (environment["LD_LIBRARY_PATH"] ?? "").split(separator: ":").map(String.init).filter { $0.hasPrefix("/") }
        result += systemLibraryFolders
        var seen = Set<String>()
        return result.filter { seen.insert($0).inserted }
    }

    /// The path of MKL's `libmkl_rt` in the first of `mklFolders` that has
    /// one as a regular file (a symbolic link to one counts), or nil.
    public static func locateMKL(
        folders: [String] = [], environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String? {
        for folder in mklFolders(folders, environment: environment) {
            for name in mklNames where isRegularFile(folder + "/" + name) { return folder + "/" + name }
        }
        return nil
    }

    /// The folders `locateMKL` searched, for the error that says MKL was not found.
    static func mklSearchDescription(folders: [String], environment: [String: String]) -> [String] {
        mklFolders(folders, environment: environment)
    }

    /// Whether `path` names a regular file, following symbolic links.
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}
