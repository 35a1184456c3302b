import HessianCore

/// A network read from a model file, with what the file itself said about
/// it: its metadata, and the settings it did not record (which the caller
/// supplied, unchecked against the weights).
public struct ModelRecord: Sendable, Equatable {
    /// The network.
    public var model: MLP
    /// The file's key–value metadata (safetensors `__metadata__`, the .npz
    /// metadata member; the JSON fields other than the parameters).
    public var metadata: [String: String]
    /// The settings the file does not record, taken from the caller.
    public var unrecorded: [ModelSetting]

    /// The data the model was trained on, when the file records it
    /// (`data` in its metadata or JSON, written by `--save-model`).
    public var dataFingerprint: DataFingerprint? { metadata["data"].flatMap { DataFingerprint(text: $0) } }

    /// A record from its parts.
    public init(model: MLP, metadata: [String: String], unrecorded: [ModelSetting]) {
        self.model = model
        self.metadata = metadata
        self.unrecorded = unrecorded
    }
}
