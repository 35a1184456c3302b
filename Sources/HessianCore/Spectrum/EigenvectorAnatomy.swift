/// Where an eigenvector v lives: for each of a list of named subspaces S,
/// the fraction ‖P_S·v‖² / ‖v‖² of its squared length in S (P_S the
/// orthogonal projector onto S).
///
/// The first subspaces are the parameter blocks (`ParameterBlock`): their
/// projectors keep v's components in the block, so their fractions are
/// v's squared mass in each layer's weights and biases and sum to 1. Then
/// the direction of the loss gradient g: ⟨v, g⟩² / (‖v‖²·‖g‖²), the squared
/// cosine of the angle between v and g (0 for g = 0). Further subspaces
/// (class means, …) are more entries of `fractions`.
public struct EigenvectorAnatomy: Sendable, Equatable {
    /// The name of the gradient's entry.
    public static let gradient = "gradient"

    /// One subspace and v's fraction in it.
    public struct Fraction: Sendable, Equatable {
        /// `layer1.weight`, …, `gradient`, ….
        public var subspace: String
        /// ‖P_S·v‖² / ‖v‖², in [0, 1].
        public var value: Double

        /// A measured fraction.
        public init(subspace: String, value: Double) {
            self.subspace = subspace
            self.value = value
        }
    }

    /// The blocks' fractions in parameter order, then the gradient's, then any others.
    public var fractions: [Fraction]

    /// An anatomy of these fractions.
    public init(fractions: [Fraction]) { self.fractions = fractions }

    /// The anatomy of each row of the row-major `vectors` (M values each):
    /// its fraction in every block of `blocks` (which partition the M
    /// parameters), then along `gradient`.
    /// - Complexity: 4·M flops per vector.
    public static func measure(vectors: [Double], blocks: [ParameterBlock], gradient: [Double]) -> [EigenvectorAnatomy] {
        let m = gradient.count
        precondition(m > 0 && vectors.count % m == 0 && blocks.reduce(0, { $0 + $1.count }) == m,
                     "vectors of length M and blocks that partition M")
        return (0..<(vectors.count / m)).map { row in
            let masses = blocks.map { block in block.range.reduce(0.0) { $0 + vectors[row * m + $1] * vectors[row * m + $1] } }
            let length = masses.reduce(0, +)
            let along = EigenvectorMeasures.overlap(of: gradient, withRows: row..<(row + 1), of: vectors)
            return EigenvectorAnatomy(fractions: zip(blocks, masses).map { Fraction(subspace: $0.name, value: $1 / length) }
                                      + [Fraction(subspace: Self.gradient, value: along / length)])
        }
    }

    /// The anatomy of each eigenvector of each of `spectra` (an empty list
    /// for a spectrum without eigenvectors) for `model` on `data`: masses in
    /// each layer's weights and biases (`BlockGranularity.weightsBiases`),
    /// and the gradient of the training objective (with its weight decay,
    /// like the spectra).
    /// - Complexity: one gradient, O(N·M), then 4·M flops per vector.
    public static func measure(_ spectra: [PartSpectrum], model: MLP, data: Dataset) -> [[EigenvectorAnatomy]] {
        guard spectra.contains(where: { !($0.eigenvectors ?? []).isEmpty }) else { return spectra.map { _ in [] } }
        let blocks = model.parameterBlocks(.weightsBiases)
        let gradient = model.restricted(model.lossAndGradient(on: data).gradient)
        return spectra.map { spectrum in
            guard let vectors = spectrum.eigenvectors, !vectors.isEmpty else { return [] }
            return measure(vectors: vectors, blocks: blocks, gradient: gradient)
        }
    }
}
