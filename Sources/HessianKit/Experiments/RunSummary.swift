import Foundation

/// The one-row summary of a run: the model, how well it fits, how far
/// training went and what the spectra cost.
public struct RunSummary {
    public var model: MLP
    public var split: DataSplit
    public var gradientNorm: Double
    /// Updates made; nil for a model loaded from a file.
    public var steps: Int?
    public var timing: SpectrumTiming

    public init(model: MLP, split: DataSplit, gradientNorm: Double, steps: Int?, timing: SpectrumTiming) {
        self.model = model
        self.split = split
        self.gradientNorm = gradientNorm
        self.steps = steps
        self.timing = timing
    }

    /// Loss and accuracy on the training set.
    public var train: Evaluation { model.evaluate(on: split.train) }
    /// Loss and accuracy on the test set, when there is one.
    public var test: Evaluation? { split.test.map { model.evaluate(on: $0) } }

    /// A header and one row: params, layers, activation, loss, train_loss,
    /// train_accuracy, test_loss, test_accuracy, grad_norm, steps,
    /// assemble_seconds, eigen_seconds.
    public var csv: String {
        var table = CSVTable(columns: ["params", "layers", "activation", "loss", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "grad_norm", "steps", "assemble_seconds", "eigen_seconds"])
        let t = train, e = test
        table.append([
            String(model.parameterCount), model.sizes.map(String.init).joined(separator: "-"),
            model.activation.rawValue, model.loss.rawValue,
            CSVField.number(t.loss), CSVField.number(t.accuracy),
            e.map { CSVField.number($0.loss) } ?? "", e.map { CSVField.number($0.accuracy) } ?? "",
            CSVField.number(gradientNorm), steps.map(String.init) ?? "",
            CSVField.number(timing.assemble), CSVField.number(timing.eigen),
        ])
        return table.text
    }

    /// The same in one line of text.
    public var humanReadable: String {
        let t = train
        var text = String(format: "train loss %.6g, accuracy %.4f", t.loss, t.accuracy)
        if let e = test { text += String(format: "; test loss %.6g, accuracy %.4f", e.loss, e.accuracy) }
        text += String(format: "; gradient norm %.3g; assembly %.3f s, eigensolve %.3f s", gradientNorm, timing.assemble, timing.eigen)
        return text
    }
}
