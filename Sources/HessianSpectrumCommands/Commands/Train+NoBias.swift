import ArgumentParser
import HessianKit

extension Train {
    /// The layers of `--no-bias`, each in 1…`depth`, or none without it.
    func biasFreeLayers(depth: Int) throws -> Set<Int> {
        guard let noBias else { return [] }
        let layers = try IntegerList.parse(noBias, flag: "--no-bias")
        if let bad = layers.first(where: { !(1...depth).contains($0) }) {
            throw ValidationError("--no-bias \(bad) is not a layer of this network: its \(depth) Linear layers are numbered 1…\(depth) from the input")
        }
        return Set(layers)
    }
}
