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
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ value: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) {
                hash = (hash ^ ((value >> UInt64(shift)) & 0xFF)) &* 0x0000_0100_0000_01B3
            }
        }
        for size in model.sizes { mix(UInt64(bitPattern: Int64(size))) }
        for byte in "\(model.activations) \(model.loss)".utf8 { mix(UInt64(byte)) }
        for value in model.parameters { mix(value.bitPattern) }
        mix(UInt64(bitPattern: Int64(data.dimension)))
        for label in data.labels { mix(UInt64(bitPattern: Int64(label))) }
        for value in data.features { mix(value.bitPattern) }
        return Int(bitPattern: UInt(hash))
    }
}
