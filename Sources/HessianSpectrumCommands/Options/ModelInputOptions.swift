import ArgumentParser
import HessianKit

extension WeightLayout: ExpressibleByArgument {}

/// How to read a weights file (safetensors, .npz) that does not record
/// everything about the network.
struct ModelInputOptions: ParsableArguments {
    @Option(name: .customLong("weight-layout"), help: "Weight matrices in safetensors/.npz: out-in (PyTorch Linear) or in-out (Flax/Keras kernels).")
    var weightLayout: WeightLayout = .outIn

    @Option(help: "Hidden activation of a weights file without \"activation\" metadata, one for all hidden layers or one per hidden layer: \(Activation.names.joined(separator: "|")).")
    var activation: Activations?

    @Option(help: "Loss of a weights file without \"loss\" metadata: nll (cross_entropy), mse (½‖f − onehot‖²), mse_mean (PyTorch MSELoss()), mse_sum or logistic.")
    var loss: Loss?

    @Option(name: .customLong("weight-decay"), help: "λ of a weight decay (λ/2)‖θ‖² for a model file that does not record one (default 0); must match a recorded one.")
    var weightDecay: Double?

    @Flag(name: .customLong("allow-other-data"), help: "Evaluate a model on other data than the data its file records it was trained on (a warning instead of an error).")
    var allowOtherData = false

    func validate() throws {
        if let weightDecay, !(weightDecay >= 0 && weightDecay.isFinite) {
            throw ValidationError("--weight-decay must be a non-negative number, got \(weightDecay)")
        }
    }

    /// The model in `path`, any format, with what its file records; a
    /// missing or contradicting activation or loss is reported with the
    /// flag that supplies it.
    func read(_ path: String) throws -> ModelRecord {
        do {
            let record = try ModelFile.readRecord(path: path, options: ModelReadOptions(weightLayout: weightLayout, activations: activation, loss: loss, weightDecay: weightDecay))
            for setting in record.unrecorded {
                let given = setting == .activation ? record.model.activations.description : record.model.loss.rawValue
                Report.warning("\(path) does not record the \(setting.rawValue): using --\(setting.rawValue) \(given), which cannot be checked against the weights")
            }
            return record
        } catch ModelSettingError.missing(let path, let setting) {
            let choices = setting == .activation ? Activation.names : Loss.allCases.map(\.rawValue)
            throw ValidationError("\(path): the file does not record the \(setting.rawValue) (no \"\(setting.rawValue)\" in its metadata): pass --\(setting.rawValue) \(choices.joined(separator: "|"))")
        } catch ModelSettingError.conflict(let path, let setting, let recorded, let given) {
            let flag = setting == .weightDecay ? "weight-decay" : setting.rawValue
            throw ValidationError("\(path) records \(setting.rawValue) \(recorded) but --\(flag) \(given) was given: drop the flag or change the file")
        }
    }

    /// Refuses `data` (named `dataName`) when the model file at `path`
    /// records other training data, unless --allow-other-data (then a
    /// warning).
    func checkData(_ record: ModelRecord, path: String, data: Dataset, dataName: String) throws {
        guard let recorded = record.dataFingerprint else { return }
        let given = DataFingerprint(data)
        guard recorded != given else { return }
        let problem = "\(path) was trained on other data (\(recorded)) than \(dataName) gives (\(given))"
        if allowOtherData {
            Report.warning(problem + ": evaluating on it as --allow-other-data asks")
            return
        }
        throw ValidationError(problem + ": give the training data (train's --save-data file, or the same --samples/--first/--data-seed), or pass --allow-other-data")
    }
}
