import ArgumentParser

/// A small and a large batch size at one learning rate, with curves every K steps.
struct BatchPairOptions: ParsableArguments {
    @Option(help: "Small batch size.") var small: Int = 10
    @Option(help: "Large batch size.") var large: Int = 512
    @Option(help: "Constant learning rate, shared by both batch sizes.") var lr: Double = 0.1
    @Option(help: "Measure loss and accuracy every K steps.") var every: Int = 50

    func validate() throws {
        if small <= 0 { throw ValidationError("--small must be positive, got \(small)") }
        if small >= large { throw ValidationError("--small (\(small)) must be less than --large (\(large))") }
        guard lr > 0, lr.isFinite else { throw ValidationError("--lr must be a positive number, got \(lr)") }
        if every <= 0 { throw ValidationError("--every must be positive, got \(every)") }
    }
}
