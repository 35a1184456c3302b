import HessianCore

/// NumPy's `.npz`: a zip of `.npy` arrays (`numpy.savez`, stored, or
/// `numpy.savez_compressed`, deflated), one member `NAME.npy` per array.
///
/// Metadata travels as an optional array `__metadata__` of `"key=value"`
/// strings (dtype `<U…`, read by `numpy.load` without pickling).
public enum NPZ {
    /// The member that holds the metadata strings.
    public static let metadataName = "__metadata__"

    /// Whether `bytes` start like a zip archive.
    public static func isNPZ(_ bytes: [UInt8]) -> Bool { ZipArchive.isZip(bytes) }

    /// Every array of an archive, in member order, with the metadata.
    /// - Throws: `TensorFileError` naming the file and the array: a damaged
    ///   zip or member (see `ZipArchive`), a member that is not `.npy`, an
    ///   array NumPy format this reader does not take, a member name given
    ///   twice.
    public static func decode(_ bytes: [UInt8], path: String) throws -> TensorArchive {
        var tensors: [NamedTensor] = []
        var metadata: [String: String] = [:]
        var names: Set<String> = []
        // Each member is widened as soon as it is inflated, so its bytes are freed before the next.
        try ZipArchive.forEachMember(of: bytes, path: path) { member in
            let name = member.name.hasSuffix(".npy") ? String(member.name.dropLast(4)) : member.name
            // A zip may hold one name twice; NumPy then reads the last, this reader would read the first.
            guard names.insert(name).inserted else {
                throw TensorFileError(path: path, tensor: member.name, problem: "the archive holds two members of this name: readers disagree on which one counts")
            }
            if name == metadataName, let entries = NumPyArray.decodeStrings(member.bytes) {
                for entry in entries {
                    let parts = entry.split(separator: "=", maxSplits: 1)
                    if parts.count == 2 { metadata[String(parts[0])] = String(parts[1]) }
                }
                return
            }
            guard member.name.hasSuffix(".npy") else {
                throw TensorFileError(path: path, tensor: member.name, problem: "the member is not a .npy array")
            }
            tensors.append(try NumPyArray.decode(member.bytes, path: path, name: name))
        }
        return TensorArchive(tensors: tensors, metadata: metadata)
    }

    /// A stored archive of `<f8` arrays (`<i8` for integer tensors, whose
    /// values must be whole) in the given order, with `metadata`
    /// as a `__metadata__` string array when it is not empty.
    public static func encode(_ tensors: [NamedTensor], metadata: [String: String]) -> [UInt8] {
        var members = tensors.map { tensor in
            let bytes = tensor.isInteger
                ? NumPyArray.encode(integers: tensor.values.map { Int(saturating: $0) }, shape: tensor.shape)
                : NumPyArray.encode(tensor.values, shape: tensor.shape)
            return ZipArchive.Member(name: tensor.name + ".npy", bytes: bytes)
        }
        if !metadata.isEmpty {
            let entries = metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            members.append(ZipArchive.Member(name: metadataName + ".npy", bytes: NumPyArray.encode(strings: entries)))
        }
        return ZipArchive.stored(members)
    }
}
