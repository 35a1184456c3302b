import ArgumentParser
import HessianKit

extension WeightLayout: ExpressibleByArgument {}

/// How to read a weights file (safetensors, .npz) that does not record
/// everything about the network.
struct ModelInputOptions: ParsableArguments {
    @Option(name: .customLong("weight-layout"), help: "Weight matrices in safetensors/.npz: out-in (PyTorch Linear) or in-out (Flax/Keras kernels).")
    var weightLayout: WeightLayout = .outIn

    @Option(help: "Hidden activation of a weights file without \"activation\" metadata: \(Activation.allCases.map(\.rawValue).joined(separator: "|")).")
    var activation: Activation?

    @Option(help: "Loss of a weights file without \"loss\" metadata: nll or mse.")
    var loss: Loss?

    /// The model in `path`, any format; a missing or contradicting
    /// activation or loss is reported with the flag that supplies it.
    func read(_ path: String) throws -> MLP {
        do {
            return try ModelFile.read(path: path, options: ModelReadOptions(weightLayout: weightLayout, activation: activation, loss: loss))
        } catch ModelSettingError.missing(let path, let setting) {
            let choices = setting == .activation ? Activation.allCases.map(\.rawValue) : Loss.allCases.map(\.rawValue)
            throw ValidationError("\(path): the file does not record the \(setting.rawValue) (no \"\(setting.rawValue)\" in its metadata): pass --\(setting.rawValue) \(choices.joined(separator: "|"))")
        } catch ModelSettingError.conflict(let path, let setting, let recorded, let given) {
            throw ValidationError("\(path) records \(setting.rawValue) \(recorded) but --\(setting.rawValue) \(given) was given: drop the flag or change the file")
        }
    }
}
