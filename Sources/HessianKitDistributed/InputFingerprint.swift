import HessianCore

/// A 64-bit FNV-1a hash of everything a distributed solve depends on: the
/// layer sizes, activations and loss, every parameter's bits, the data's
/// dimension, labels and every feature's bits. Each process reads its own
/// files (on a node-local disk they may differ); the processes compare their
/// fingerprints before any work, so different inputs are an error rather
/// than a spectrum mixed from several problems.
/// - Complexity: O(M + N·d).
enum InputFingerprint {
    static func of(model: MLP, data: Dataset) -> Int {
        var hash = FNV1a()
        for size in model.sizes { hash.mix(UInt64(bitPattern: Int64(size))) }
        for byte in "\(model.activations) \(model.loss)".utf8 { hash.mix(UInt64(byte)) }
        for value in model.parameters { hash.mix(value.bitPattern) }
        hash.mix(UInt64(bitPattern: Int64(data.dimension)))
        for label in data.labels { hash.mix(UInt64(bitPattern: Int64(label))) }
        for value in data.features { hash.mix(value.bitPattern) }
        return Int(bitPattern: UInt(hash.value))
    }
}
