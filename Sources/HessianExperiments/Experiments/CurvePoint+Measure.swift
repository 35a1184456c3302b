import HessianCore
import HessianFormats

extension CurvePoint {
    /// The model's loss and accuracy on both sets of `split`.
    static func measure(_ model: MLP, on split: DataSplit, phase: String, batchSize: Int, step: Int) -> CurvePoint {
        CurvePoint(phase: phase, batchSize: batchSize, step: step,
                   train: model.evaluate(on: split.train), test: split.test.map { model.evaluate(on: $0) })
    }
}
