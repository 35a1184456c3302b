/// Plain (stochastic) gradient descent at a constant learning rate:
/// θ ← θ − η·∇L_B(θ), where L_B is the mean loss over a batch B.
///
/// With no batch size (or one ≥ N) every step uses the whole training set
/// (GD). Otherwise each epoch shuffles the examples with a generator seeded
/// by `seed` and walks through them in consecutive batches of `batchSize`;
/// when N is not a multiple of it the last batch of an epoch is smaller.
public struct GradientDescent: Sendable {
    /// Constant learning rate η.
    public var learningRate: Double
    /// nil or 0: full batch.
    public var batchSize: Int?
    /// The most updates to make.
    public var steps: Int
    /// Stop once the full-batch gradient norm falls below this (0: never).
    /// GD checks it before every step; SGD at the start of every epoch,
    /// since a full-batch gradient costs N/B mini-batch steps.
    public var gradientTolerance: Double
    /// Seeds the per-epoch shuffle.
    public var seed: UInt64

    /// An optimizer.
    /// - Throws: `SettingError` unless η > 0, steps ≥ 0, batch size ≥ 0 and tolerance ≥ 0.
    public init(learningRate: Double = 0.1, batchSize: Int? = nil, steps: Int, gradientTolerance: Double = 0, seed: UInt64 = 0) throws {
        guard learningRate > 0, learningRate.isFinite else { throw SettingError(.learningRate, .positiveNumber, got: learningRate) }
        guard steps >= 0 else { throw SettingError(.steps, .nonNegative, got: steps) }
        if let b = batchSize, b < 0 { throw SettingError(.batchSize, .nonNegative, got: b) }
        guard gradientTolerance >= 0, gradientTolerance.isFinite else { throw SettingError(.gradientTolerance, .nonNegative, got: gradientTolerance) }
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.steps = steps
        self.gradientTolerance = gradientTolerance
        self.seed = seed
    }

    /// Training stops with `TrainingError.lossGrew` once a loss exceeds this
    /// multiple of max(the first loss, 1): far past any oscillation of a
    /// working learning rate, long before the numbers overflow.
    public static let divergenceFactor = 1000.0

    /// Why training ended.
    public enum Stop: String, Sendable {
        case steps
        case gradientTolerance = "grad_tol"
    }

    /// The end of a run.
    public struct Outcome: Sendable {
        /// The network after the last update.
        public var model: MLP
        /// Updates made.
        public var steps: Int
        /// Full-batch gradient norm at the final point.
        public var gradientNorm: Double
        /// Full-batch training loss at the final point.
        public var loss: Double
        /// Why training stopped.
        public var stop: Stop
    }

    /// Trains `model` on `data`. `observe` (when given) sees the model before
    /// the first update and after every `every`-th update (step numbers 0,
    /// K, 2K, …), e.g. to record curves or spectra; it may throw to stop.
    /// `progress` (when given) sees the number of updates made after each one.
    /// - Throws: `TrainingError.diverged` as soon as a loss or gradient is
    ///   not finite, `TrainingError.lossGrew` as soon as a loss exceeds
    ///   `divergenceFactor` × max(the first loss, 1); `ModelError` (inputs, targets or labels)
    ///   when regression targets meet a loss that is not squared error.
    public func train(
        _ model: MLP, on data: Dataset, every: Int? = nil,
        progress: (Int) -> Void = { _ in },
        observe: ((Int, MLP) throws -> Void)? = nil
    ) throws -> Outcome {
        if data.targets != nil { try model.checkCompatible(with: data, name: "the training data") }
        var model = model
        let n = data.count
        let batch = (batchSize ?? 0) == 0 ? n : min(batchSize!, n)
        let fullBatch = batch >= n
        var random = RandomSource(seed: seed)
        var order: [Int] = []
        var cursor = n
        var step = 0
        var stop = Stop.steps
        let checkInterval = every.flatMap { $0 > 0 ? $0 : nil }

        var startLoss: Double?
        func checkGrowth(_ loss: Double, at step: Int) throws {
            guard let start = startLoss else { startLoss = loss; return }
            if loss > Self.divergenceFactor * max(start, 1) {
                throw TrainingError.lossGrew(step: step, loss: loss, start: start, factor: Self.divergenceFactor)
            }
        }

        func fullGradient() throws -> (Double, [Double]) {
            let (loss, gradient) = model.lossAndGradient(on: data)
            guard loss.isFinite, gradient.allSatisfy({ $0.isFinite }) else { throw TrainingError.diverged(step: step) }
            try checkGrowth(loss, at: step)
            return (loss, gradient)
        }

        while true {
            if let k = checkInterval, step % k == 0, let observe { try observe(step, model) }
            if step >= steps { break }
            let gradient: [Double]
            if fullBatch {
                let (_, g) = try fullGradient()
                if gradientTolerance > 0, norm(g) < gradientTolerance { stop = .gradientTolerance; break }
                gradient = g
            } else {
                if cursor >= n {
                    if gradientTolerance > 0, norm(try fullGradient().1) < gradientTolerance { stop = .gradientTolerance; break }
                    order = random.permutation(n)
                    cursor = 0
                }
                let end = min(cursor + batch, n)
                let (loss, g) = model.lossAndGradient(on: data.subset(Array(order[cursor..<end])))
                guard loss.isFinite, g.allSatisfy({ $0.isFinite }) else { throw TrainingError.diverged(step: step + 1) }
                try checkGrowth(loss, at: step + 1)
                gradient = g
                cursor = end
            }
            let eta = learningRate
            for t in 0..<gradient.count { model.parameters[t] -= eta * gradient[t] }
            step += 1
            progress(step)
        }
        let (loss, g) = try fullGradient()
        return Outcome(model: model, steps: step, gradientNorm: norm(g), loss: loss, stop: stop)
    }
}

/// Euclidean norm.
public func norm(_ x: [Double]) -> Double {
    // Scaled sum so that huge gradients do not overflow before the check.
    let top = x.reduce(0) { max($0, abs($1)) }
    guard top > 0, top.isFinite else { return top }
    return top * x.reduce(0) { $0 + ($1 / top) * ($1 / top) }.squareRoot()
}

/// Training that cannot go on.
public enum TrainingError: Error, CustomStringConvertible, Equatable {
    case invalid(String)
    /// The loss or gradient became NaN or infinite at this step.
    case diverged(step: Int)
    /// The loss grew past `factor` × max(start, 1) at this step.
    case lossGrew(step: Int, loss: Double, start: Double, factor: Double)

    /// One line for a human.
    public var description: String {
        switch self {
        case .invalid(let message): return message
        case .diverged(let step): return "training diverged at step \(step): the loss or gradient is not finite; lower the learning rate or the initial scale"
        case .lossGrew(let step, let loss, let start, let factor):
            return "training diverged at step \(step): the loss \(loss) is more than \(Int(factor)) × max(its start \(start), 1); lower the learning rate or the initial scale"
        }
    }
}
