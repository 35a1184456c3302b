import ArgumentParser
import Foundation
import HessianKit

/// Sizes that come from flags, checked before anything is allocated from
/// them: every product is computed with overflow checks (an overflow is an
/// error naming the flag and the limit), and what the data and a training
/// run hold is compared with the memory available.
enum SizeChecks {
    /// The most parameters a network may have: 8·M² bytes (the dense
    /// Hessian) must still be an Int, so that planning can size it.
    static let largestParameterCount = 1_000_000_000

    /// The most α values of `interpolate --alphas`.
    static let largestAlphaCount = 1_000_000

    /// a·b·…, or nil on overflow.
    static func product(_ factors: Int...) -> Int? {
        var result = 1
        for factor in factors {
            let (next, overflow) = result.multipliedReportingOverflow(by: factor)
            if overflow || factor < 0 { return nil }
            result = next
        }
        return result
    }

    /// a + b + …, saturating at Int.max (which every memory check refuses).
    static func sum(_ terms: [Int]) -> Int {
        terms.reduce(0) { total, term in
            let (next, overflow) = total.addingReportingOverflow(term)
            return overflow ? Int.max : next
        }
    }

    /// Generated data: `examples` examples (training and test together) of
    /// `dimension` features, and `clusters` centres, as Doubles.
    static func generatedData(examples: Int, dimension: Int, clusters: Int) throws {
        guard let features = product(examples, dimension, MemoryLayout<Double>.size),
              let centres = product(clusters, dimension, MemoryLayout<Double>.size),
              case (let bytes, false) = features.addingReportingOverflow(centres) else {
            throw ValidationError("--samples \(examples) × --input-dim \(dimension) is too large: the data would need more than \(MemoryBudget.format(Int.max)) (at most \(MemoryBudget.format(MemoryBudget.availableBytes() ?? Int.max)) is available)")
        }
        try require(bytes, for: "the data, (\(examples) examples of --samples and --test-samples + \(clusters) centres of --clusters) × --input-dim \(dimension) numbers,")
    }

    /// A network of `sizes` trained on `examples` examples: M must be
    /// countable and at most `largestParameterCount`, and the model, its
    /// gradient and the activations of a forward and backward pass must
    /// fit in memory. `flag` names the option that set the widths.
    @discardableResult
    static func network(_ sizes: [Int], examples: Int, flag: String) throws -> Int {
        let shape = sizes.map(String.init).joined(separator: "-")
        guard let m = ParameterLayout.checkedParameterCount(sizes), m <= largestParameterCount else {
            throw ValidationError("\(flag): the network \(shape) has more than \(largestParameterCount) parameters, the most this tool handles")
        }
        let units = sizes.reduce(0, +)
        guard let activations = product(examples, units, 3 * MemoryLayout<Double>.size),
              let model = product(m, 4 * MemoryLayout<Double>.size),
              case (let bytes, false) = activations.addingReportingOverflow(model) else {
            throw ValidationError("\(flag): training the network \(shape) on \(examples) examples needs more memory than can be counted")
        }
        try require(bytes, for: "training the network \(shape) (M = \(m)) on \(examples) examples")
        return m
    }

    /// Bytes the spectrum table of a run holds per eigenvalue: the Double,
    /// its row of CSV text (up to about 48 characters) and the array slack.
    static let bytesPerTableRow = 96

    /// The spectrum table of a run: `snapshots` spectra of `parts` matrices
    /// of `rows` eigenvalues each, held until the run ends, must fit in memory.
    /// `flag` names what multiplies it (`--every` for train).
    static func spectrumTable(snapshots: Int, parts: Int, rows: Int, flag: String) throws {
        guard let bytes = product(snapshots, parts, rows, bytesPerTableRow) else {
            throw ValidationError("\(flag): \(snapshots) spectra of \(rows) eigenvalues are more rows than can be counted")
        }
        try require(bytes, for: "the spectrum table (\(snapshots) spectra × \(parts) matrices × \(rows) eigenvalues; \(flag))")
    }

    /// `--top`/`--bottom` K must not exceed the M eigenvalues there are.
    static func extremes(top: Int?, bottom: Int?, parameters m: Int) throws {
        for (flag, k) in [("--top", top), ("--bottom", bottom)] {
            if let k, k > m { throw ValidationError("\(flag) \(k) is more than the \(m) eigenvalues of this network (M = \(m))") }
        }
    }

    private static func require(_ bytes: Int, for purpose: String) throws {
        do { try MemoryBudget.require(bytes, for: purpose, available: MemoryBudget.availableBytes()) } catch let error as MemoryError {
            throw ValidationError(error.description)
        }
    }
}
