/// Files written by `torch.save`, recognised so that they are refused with
/// the way out instead of a complaint about their bytes: this tool does not
/// unpickle (unpickling runs code from the file).
enum PyTorchPickle {
    /// What to do instead, for the one-line refusal.
    static let problem = "a PyTorch pickle (torch.save), which this tool does not read: save the state dict with safetensors.torch.save_file(model.state_dict(), path), or export it with the hessian_spectrum Python package"

    /// Whether `bytes` look like a `torch.save` file: a zip whose members
    /// include `…/data.pkl` (the format since PyTorch 1.6), or a bare pickle
    /// (protocol 2–5, the legacy format; not a safetensors file, whose
    /// 8-byte header length can start the same way).
    static func isPickle(_ bytes: [UInt8]) -> Bool {
        if bytes.count >= 3, bytes[0] == 0x80, (2...5).contains(bytes[1]), bytes[2] != 0, !SafeTensors.isSafeTensors(bytes) { return true }
        guard ZipArchive.isZip(bytes) else { return false }
        let marker = Array("data.pkl".utf8)
        let head = bytes.prefix(1 << 16)
        guard head.count >= marker.count else { return false }
        for start in head.startIndex...(head.endIndex - marker.count) where head[start] == marker[0] {
            if head[start..<(start + marker.count)].elementsEqual(marker) { return true }
        }
        return false
    }
}
