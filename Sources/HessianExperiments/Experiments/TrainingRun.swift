import HessianCore
import HessianFormats

/// Training with spectrum snapshots: the spectrum at the initial point,
/// every K updates and at the end, as the `train` command runs it.
public struct TrainingRun {
    /// How the network is trained.
    public var optimizer: GradientDescent
    /// Measure before the first update.
    public var atStart: Bool
    /// Measure after the last update.
    public var atEnd: Bool
    /// Also measure every K updates (K > 0), or never; a measurement at the
    /// last update is the final one, written once.
    public var every: Int?
    /// How the spectra of a model on the training set are obtained.
    public var spectrum: SpectrumSettings

    /// A run measuring at the start, the end and every K updates, as asked.
    public init(optimizer: GradientDescent, atStart: Bool = false, atEnd: Bool = true, every: Int? = nil,
                spectrum: SpectrumSettings) {
        self.optimizer = optimizer
        self.atStart = atStart
        self.atEnd = atEnd
        self.every = every
        self.spectrum = spectrum
    }

    /// What a run produced.
    public struct Result {
        /// In the order measured: "init", then "step" points, then "final".
        public var snapshots: [SpectrumSnapshot]
        /// Where training stopped, and why.
        public var outcome: GradientDescent.Outcome
        /// Time spent on the spectra.
        public var timing: SpectrumTiming
    }

    /// Trains `initial` on `train`, measuring as asked; `progress` sees the
    /// number of updates made.
    public func run(from initial: MLP, on train: Dataset, progress: (Int) -> Void = { _ in }) throws -> Result {
        var snapshots: [SpectrumSnapshot] = []
        var timing = SpectrumTiming()
        func measure(_ model: MLP, point: String, step: Int) throws {
            let snapshot = SpectrumSnapshot(point: point, step: step, spectra: try spectrum.spectra(of: model, on: train))
            timing.add(snapshot.spectra)
            snapshots.append(snapshot)
        }
        if atStart { try measure(initial, point: "init", step: 0) }
        let outcome = try optimizer.train(initial, on: train, every: every, progress: progress) { step, current in
            guard step > 0 else { return }
            try measure(current, point: "step", step: step)
        }
        if atEnd {
            // A spectrum measured at the last step by `every` is the final
            // one: relabelled, not computed again.
            if let last = snapshots.last, last.point == "step", last.step == outcome.steps {
                snapshots[snapshots.count - 1].point = "final"
            } else {
                try measure(outcome.model, point: "final", step: outcome.steps)
            }
        }
        return Result(snapshots: snapshots, outcome: outcome, timing: timing)
    }
}

/// Wall-clock seconds spent assembling matrices and in eigensolvers.
public struct SpectrumTiming: Sendable, Equatable {
    /// Seconds assembling matrices (or Gram matrices, or Lanczos set-up).
    public var assemble = 0.0
    /// Seconds in eigensolvers.
    public var eigen = 0.0

    /// A run measuring at the start, the end and every K updates, as asked.
    public init() {}

    /// Adds the time of each spectrum.
    public mutating func add(_ spectra: [PartSpectrum]) {
        for s in spectra {
            assemble += s.assembleSeconds
            eigen += s.eigenSeconds
        }
    }
}
