/// The 64-bit FNV-1a hash (Fowler–Noll–Vo), fed 64-bit words one byte at a
/// time, least significant byte first. It fingerprints inputs (a model's
/// training data, the inputs of every MPI process); it is not a
/// cryptographic hash.
package struct FNV1a {
    /// The hash of everything mixed in so far.
    package private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash of nothing (the FNV offset basis).
    package init() {}

    /// Mixes in the 8 bytes of `word`.
    /// - Complexity: 8 xor–multiply steps.
    package mutating func mix(_ word: UInt64) {
        var rest = word
        for _ in 0..<8 {
            value = (value ^ (rest & 0xFF)) &* 0x0000_0100_0000_01B3
            rest >>= 8
        }
    }
}
