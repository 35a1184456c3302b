extension Dataset {
    /// The most classes a data set of `examples` training examples may
    /// declare through its largest label: max(256, N). Labels are class
    /// numbers 0…C−1, so C = largest label + 1 sizes the output layer; a
    /// stray large label among few examples (999 in a 5-row file) would
    /// build a network of mostly empty classes (hundreds of MB for a tiny
    /// input), which is a wrong column far more often than a real class.
    public static func largestClassCount(examples: Int) -> Int { max(256, examples) }

    /// Throws `DatasetError.invalid` when `classCount` exceeds
    /// `largestClassCount(examples: count)`.
    public func checkClassCount(source: String) throws {
        let limit = Self.largestClassCount(examples: count)
        guard classCount <= limit else {
            throw DatasetError.invalid("\(source): the largest label \(classCount - 1) makes \(classCount) classes for \(count) training examples; labels are class numbers 0…C−1 with C at most max(256, N) = \(limit)")
        }
    }
}
