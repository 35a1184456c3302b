import ArgumentParser

/// When `train` measures the spectrum.
struct SnapshotOptions: ParsableArguments {
    @Option(help: "Where to measure the spectrum: init, final or init,final.")
    var at: String = "final"

    @Option(help: ArgumentHelp("Also measure the spectrum every K steps (point step); one at the last step is written once, as final.", valueName: "K"))
    var every: Int?

    func validate() throws {
        _ = try points()
        if let every, every <= 0 { throw ValidationError("--every must be positive, got \(every)") }
    }

    /// The requested points, from --at.
    func points() throws -> (initial: Bool, final: Bool) {
        let names = at.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !names.isEmpty else { throw ValidationError("--at takes init, final or init,final") }
        for name in names where name != "init" && name != "final" {
            throw ValidationError("--at takes init, final or init,final, got '\(name)'")
        }
        return (names.contains("init"), names.contains("final"))
    }
}

/// The files `train` keeps besides its spectrum CSV.
struct TrainFileOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Write a CSV summary here: a row per measured point with the configuration (seed, lr, batch_size, samples, dataset, method) first, then the run's columns (params, layers, activation, loss, train_loss, train_accuracy, test_loss, test_accuracy, grad_norm, steps, assemble_seconds, eigen_seconds, point, trace, max_eigenvalue, min_eigenvalue, gradient_overlap, negatives, trace_estimate, trace_estimator, trace_matvecs).",
        valueName: "file"))
    var summary: String?

    @Option(name: .customLong("save-model"), help: ArgumentHelp("Write the trained model here: .safetensors or .npz (PyTorch nn.Sequential names), else JSON.", valueName: "file"))
    var saveModel: String?

    @Option(name: .customLong("save-data"), help: ArgumentHelp("Write the training set here: .npz (x, y), else CSV (label,x0,…).", valueName: "file"))
    var saveData: String?
}
