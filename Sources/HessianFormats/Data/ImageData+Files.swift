extension ImageData {
    /// The MNIST files present in `directory` (each plain or `.gz`), the
    /// inputs a run on that folder reads, so that no output can replace one.
    public static func mnistFiles(in directory: String) -> [String] {
        MNISTFile.allCases.compactMap { try? locate($0, in: directory) }
    }
}
