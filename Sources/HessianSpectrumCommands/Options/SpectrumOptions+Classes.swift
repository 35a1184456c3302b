import ArgumentParser
import HessianKit

/// `--classes-table`: where the comparison of `--decompose classes` goes.
struct ClassTableOptions: ParsableArguments {
    @Option(name: .customLong("classes-table"), help: ArgumentHelp(
        "With --decompose classes, write a CSV here: at each measured point, the largest C·K eigenvalues of H and G (C + C(C−1) for nll) beside those of gn_class and gn_cross, and the fraction of each of H's top eigenvectors in the span of the class means and of the cross-class means (point,step,matrix,rank,measure,value).",
        valueName: "file"))
    var path: String?

    /// Refuses the table without the class levels it reports.
    func check(_ spectrum: SpectrumOptions) throws {
        if path != nil && !spectrum.classes {
            throw ValidationError("--classes-table reports the class levels of G: give --decompose classes too")
        }
    }

    /// The output for `FileRoles`.
    var files: [(flag: String, path: String?)] { path == nil ? [] : [("--classes-table", path)] }
}

/// The measures of `--classes-table`, one entry per solved point, in the
/// order the points were solved.
final class ClassMeasureLog {
    /// The network's sizes, its data's classes and the measures.
    var entries: [(sizes: [Int], classes: Int, measures: ClassSplitMeasures)] = []
}

extension SpectrumOptions {
    /// The plan of G's class levels for a network of `sizes`; a refusal is
    /// a usage error.
    @discardableResult
    func classPlan(sizes: [Int], loss: Loss, examples: Int, hasBias: [Bool]?) throws -> ClassSplitPlan {
        do {
            return try GaussNewtonClassSplit.plan(sizes: sizes, loss: loss, examples: examples, hasBias: hasBias, method: method,
                                                  availableBytes: engine.resources.availableBytes)
        } catch let error as ClassSplitError {
            throw ValidationError(CommandLineText.message(for: error))
        }
    }

    /// gn_class, gn_cross and gn_within of `model` on `data` (with
    /// `top`/`bottom`, their extremes), and with `log` the measures of
    /// `--classes-table`; the within part's method on stderr when `announce`.
    func classSpectra(_ model: MLP, _ data: Dataset, top: Int?, bottom: Int?, log: ClassMeasureLog?, report: Report?,
                      announce: Bool) throws -> [PartSpectrum] {
        let plan = try classPlan(sizes: model.sizes, loss: model.loss, examples: data.count, hasBias: model.hasBias)
        if announce { report?.line("gn_within: \(CommandLineText.reason(plan))") }
        let split: GaussNewtonClassSplit
        do { split = try GaussNewtonClassSplit(model: model, data: data) } catch let error as ClassSplitError {
            throw ValidationError(CommandLineText.message(for: error))
        }
        let spectra = try split.spectra(plan: plan, top: top, bottom: bottom, driver: driver, resources: engine.resources)
        if let log {
            let count = min(split.outlierCount, model.parameterCount)
            let run = try engine.compute(model: model, data: data,
                                         request: request(parts: [.hessian, .gaussNewton], top: count, vectors: true))
            log.entries.append((model.sizes, data.classCount, try split.measures(hessian: run.spectra[0], gaussNewton: run.spectra[1])))
        }
        return spectra
    }
}

extension ClassMeasureLog {
    /// The classes table of the entries from `start` on, one per snapshot
    /// of `snapshots` (in the order they were solved), each row led by the
    /// `groupColumns` values of its entry's index (counted from `start`).
    func table(from start: Int, snapshots: [SpectrumSnapshot], groupColumns: [String],
               groupValues: (Int) -> [String]) -> CSVTable {
        var table = CSVTable(columns: groupColumns + ClassesTable.columns)
        for (i, (snapshot, entry)) in zip(snapshots, entries.dropFirst(start)).enumerated() {
            let rows = ClassesTable.rows(entry.measures, point: snapshot.point, step: snapshot.step)
            table.append(contentsOf: ClassesTable.schema.table(rows).prefixed(names: groupColumns, values: groupValues(i)))
        }
        return table
    }
}
