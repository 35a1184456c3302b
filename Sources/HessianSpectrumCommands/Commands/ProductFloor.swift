import ArgumentParser
import Foundation
import HessianKit

extension HessianPart: ExpressibleByArgument {}

/// Times exact Hessian-vector products, for the benchmark.
struct ProductFloor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "product-floor",
        abstract: "Time exact Hessian-vector products of a saved model on saved data, beside the GEMM floor (the benchmark's).",
        discussion: """
        Writes one CSV row: params, examples, part, products, setup_seconds (the \
        forward and backward passes every product reuses), seconds_median and \
        seconds_min per product, product_gflop (the flops of its DGEMMs), \
        gemm_gflops (this machine's DGEMM rate on an N × h by h × h product, best \
        of 5), floor_seconds (product_gflop / gemm_gflops), kernel and threads.
        """,
        shouldDisplay: false
    )

    @Option(help: "Model file: JSON (from --save-model), safetensors or .npz.")
    var model: String

    @Option(help: "Data file: CSV label,x0,…,x{d-1}, or .npz with x (N × d) and y (N labels).")
    var data: String

    @Option(help: "Which product: hessian, gauss_newton or residual.")
    var part: HessianPart = .hessian

    @Option(help: "Timed products (after one untimed).")
    var count: Int = 10

    @Option(help: "BLAS threads (default: all cores).")
    var threads: Int?

    @OptionGroup(title: "Model file") var modelInput: ModelInputOptions

    func validate() throws {
        if count <= 0 { throw ValidationError("--count must be positive, got \(count)") }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive, got \(threads)") }
    }

    func run() throws {
        if let threads { OpenBLASRuntime.setThreads(threads) }
        try FileRoles(inputs: [("--model", model), ("--data", data)], outputs: []).check()
        let record = try modelInput.read(model)
        let network = record.model
        let train = try DataFile.read(path: data)
        try network.checkCompatible(with: train, name: data)
        try modelInput.checkData(record, path: model, data: train, dataName: data)
        let sizes = network.sizes, n = train.count
        try MemoryBudget.require(HessianVectorProduct.stateBytes(sizes: sizes, examples: n)
                                 + HessianVectorProduct.workspaceBytes(sizes: sizes, examples: n) + 24 * network.layout.count,
                                 for: "products with M = \(network.parameterCount) on N = \(n)", available: MemoryBudget.availableBytes())
        let timing = ProductTiming.measure(model: network, data: train, part: part, count: count)
        let widest = sizes.dropFirst().dropLast().max() ?? sizes[sizes.count - 1]
        let rate = ProductTiming.gemmRate(m: n, n: widest, k: widest)
        let flops = ProductTiming.flops(sizes: sizes, examples: n, part: part)
        let sorted = timing.productSeconds.sorted()
        let median = sorted[sorted.count / 2]
        let row = [String(network.parameterCount), String(n), part.rawValue, String(count), CSVField.number(timing.setupSeconds),
                   CSVField.number(median), CSVField.number(sorted[0]), CSVField.number(flops / 1e9), CSVField.number(rate / 1e9),
                   CSVField.number(flops / rate), OpenBLASRuntime.coreName, String(OpenBLASRuntime.threads)]
        try OutputPaths.emit("params,examples,part,products,setup_seconds,seconds_median,seconds_min,product_gflop,gemm_gflops,floor_seconds,kernel,threads\n"
                             + row.joined(separator: ",") + "\n", to: nil)
    }
}
