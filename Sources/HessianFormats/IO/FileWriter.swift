/// Where the library's writers put the files they produce (a model, a data
/// set, a figure, the reproduction's folder). The library never decides how
/// a file reaches the disk: the program that embeds it passes a writer — the
/// command line's stages every output of a run and commits them together,
/// or removes them all when the run fails or is interrupted.
public protocol FileWriter {
    /// Writes `bytes` as the whole content of `path`.
    func write(_ bytes: [UInt8], to path: String) throws
    /// Creates the folder `path` and any missing parent folders.
    func createFolder(_ path: String) throws
}

extension FileWriter {
    /// Writes `text` as UTF-8 as the whole content of `path`.
    public func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }
}
