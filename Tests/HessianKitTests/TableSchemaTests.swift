@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
import XCTest

/// Every table written with its schema reads back, through the CSV text,
/// to the same rows with the same schema; its header is the declared list.
final class TableSchemaTests: XCTestCase {
    /// Values whose text is easy to get wrong: a negative, a tiny and a huge
    /// number, one that is not a short decimal, and the extremes of Int.
    private let awkward: [Double] = [-0.5788861791209261, Double.leastNonzeroMagnitude, 1.7976931348623157e308, 0.1 + 0.2, -0.0, 3]

    /// Writes `rows`, renders the text, parses it and reads the rows back.
    private func roundTrip<Row: Equatable>(_ schema: TableSchema<Row>, _ rows: [Row], line: UInt = #line) throws {
        let table = schema.table(rows)
        XCTAssertEqual(table.columns, schema.names, line: line)
        XCTAssertEqual(table.text.prefix { $0 != "\n" }, Substring(schema.names.joined(separator: ",")), line: line)
        let parsed = try CSVDocument(text: table.text, source: "t.csv")
        XCTAssertEqual(parsed.columns, schema.names, line: line)
        XCTAssertEqual(try schema.rows(of: parsed), rows, line: line)
        // Read in the same process, without the text in between.
        XCTAssertEqual(try schema.rows(of: CSVDocument(table, source: "t")), rows, line: line)
        XCTAssertEqual(CSVDocument(table, source: "t").rows, parsed.rows, line: line)
    }

    func testSpectrumRowsReadBack() throws {
        let rows = awkward.enumerated().map { i, x in
            SpectrumRow(matrix: i % 2 == 0 ? "hessian" : "gauss_newton", point: i < 3 ? "init" : "final", step: i < 2 ? nil : 10 * i,
                        index: i, eigenvalue: x, residualNorm: i == 1 ? nil : abs(x) * 1e-9)
        }
        try roundTrip(SpectrumTable.schema(residuals: true), rows)
        try roundTrip(SpectrumTable.schema(), rows.map { var r = $0; r.residualNorm = nil; return r })
        XCTAssertEqual(SpectrumTable.columns, ["matrix", "point", "step", "index", "eigenvalue"])
        XCTAssertEqual(SpectrumTable.schema(residuals: true).names(.measure), ["index", "eigenvalue", "residual_norm"])
    }

    func testSpectrumRowsOfASnapshotAreItsEigenvalues() throws {
        let spectrum = PartSpectrum(part: .hessian, eigenvalues: [-1, 2, 7], assembleSeconds: 0, eigenSeconds: 0)
        let snapshot = SpectrumSnapshot(point: "final", step: 4, spectra: [spectrum])
        let rows = try SpectrumTable.schema().rows(of: CSVDocument(text: SpectrumTable.schema().table(SpectrumTable.rows(snapshot)).text, source: "s"))
        XCTAssertEqual(rows.map(\.eigenvalue), [-1, 2, 7])
        XCTAssertEqual(rows.map(\.index), [0, 1, 2])
        XCTAssertEqual(Set(rows.map(\.step)), [4])
    }

    func testQuadratureRowsReadBack() throws {
        let rows = awkward.enumerated().map { i, x in
            QuadratureRow(matrix: "hessian", point: "step", step: i, probe: i / 2, node: x, weight: 1 / Double(i + 3))
        }
        try roundTrip(QuadratureTable.schema, rows)
        XCTAssertEqual(QuadratureTable.columns, ["matrix", "point", "step", "probe", "node", "weight"])
    }

    func testCurvePointsReadBack() throws {
        let rows = awkward.enumerated().map { i, x in
            CurvePoint(phase: i < 3 ? "large" : "small", batchSize: i < 3 ? 512 : 10, step: i,
                       train: Evaluation(loss: abs(x), accuracy: 0.25 * Double(i % 5)),
                       test: i % 3 == 0 ? nil : Evaluation(loss: x, accuracy: 1))
        }
        try roundTrip(CurvePoint.schema, rows)
        XCTAssertEqual(CurvePoint.columns, ["phase", "batch_size", "step", "train_loss", "train_accuracy", "test_loss", "test_accuracy"])
    }

    func testRunSummaryRowsReadBack() throws {
        var measured = RunSummaryRow(params: 43, layers: "4-5-3", activation: "relu/tanh", loss: "nll", trainLoss: 0.1 + 0.2,
                                     trainAccuracy: 0.88, testLoss: nil, testAccuracy: nil, gradientNorm: Double.leastNonzeroMagnitude, steps: 40,
                                     assembleSeconds: 0.0015, eigenSeconds: 1e-5, point: "final")
        measured.trace = -0.0
        measured.maxEigenvalue = 0.55
        measured.minEigenvalue = -0.51
        measured.negatives = 8
        measured.traceEstimate = 2.5
        measured.traceEstimator = "hutch++"
        measured.traceMatvecs = 30
        let loaded = RunSummaryRow(params: 43, layers: "4-5-3", activation: "a, with \"quotes\"", loss: "mse", trainLoss: 1,
                                   trainAccuracy: .infinity, testLoss: 2, testAccuracy: 0.5, gradientNorm: 1, steps: nil,
                                   assembleSeconds: 0, eigenSeconds: 0, point: "final")
        try roundTrip(RunSummaryRow.schema, [measured, loaded])
        XCTAssertEqual(RunSummary.columns, RunSummaryRow.schema.names)
    }

    /// For rows that are not Equatable: what is read back renders to the same fields.
    private func roundTripFields<Row>(_ schema: TableSchema<Row>, _ rows: [Row], line: UInt = #line) throws {
        let table = schema.table(rows)
        XCTAssertEqual(table.columns, schema.names, line: line)
        let back = try schema.rows(of: CSVDocument(text: table.text, source: "t.csv"))
        XCTAssertEqual(back.map(schema.fields), rows.map(schema.fields), line: line)
    }

    func testInterpolationPointsReadBack() throws {
        let rows = awkward.enumerated().map { i, x in
            InterpolationPoint(alpha: Double(i) / 4 - 1, train: Evaluation(loss: abs(x), accuracy: 0.5),
                               test: i == 2 ? nil : Evaluation(loss: 1, accuracy: x), topEigenvalues: [x, x / 2, -x])
        }
        try roundTrip(InterpolationPoint.schema(top: 3), rows)
        try roundTrip(InterpolationPoint.schema(top: 0), rows.map { var r = $0; r.topEigenvalues = []; return r })
        XCTAssertEqual(InterpolationPoint.schema(top: 2).names.suffix(2), ["top_1", "top_2"])
        XCTAssertEqual(InterpolationPoint.schema(top: 12).names.compactMap(InterpolationPoint.topRank), Array(1...12))
    }

    func testWidthSummaryRowsReadBack() throws {
        let rows = awkward.enumerated().map { i, x in
            WidthSummaryRow(width: 10 * (i + 1), params: 7950 + i, matrix: "hessian", series: x < 0 ? "negative" : "top",
                            rank: i + 1, rankPercent: 100 * Double(i + 1) / 7950, eigenvalue: x)
        }
        try roundTrip(WidthSummaryRow.schema, rows)
    }

    func testTable1RowsReadBack() throws {
        let rows = awkward.enumerated().map { i, x in
            ClusterOutlierRow(clusters: i + 2, params: 100 + i, activation: "tanh", batchSize: 10 * i, covScale: x,
                              counts: [.largestGap: i, .largestRatio: 2 * i, .elbow: 3], negatives: i, trainLoss: abs(x),
                              trainAccuracy: 1, gradientNorm: 1e-4, steps: 5000)
        }
        try roundTrip(ClusterOutlierRow.schema, rows)
        XCTAssertEqual(ClusterOutlierRow.schema.names.filter { OutlierMethod(rawValue: $0) != nil }, OutlierMethod.allCases.map(\.rawValue))
    }

    func testSpectrumSummariesReadBack() throws {
        let summaries = [SpectrumSummary(eigenvalues: awkward), SpectrumSummary(eigenvalues: [-2, 0, 1e-12, 5, 9, 40])]
        try roundTrip(SpectrumSummary.schema, summaries)
    }

    func testAuditRowsReadBack() throws {
        let record = EstimatorAudit.Record(setting: .init(estimator: .hutchPlusPlus, name: "hessian-eigenthings;spectral-density"),
                                           part: .gaussNewton, repetition: 0, probes: nil, steps: 38, matvecs: 380, seconds: 0.25,
                                           w1: 0.0078, ks: nil, top1RelativeError: 5.97e-16, outliersExact: 7, outliersEstimated: 3)
        try roundTripFields(EstimatorAudit.recordSchema, [record])
        let point = EstimatorAudit.ConvergencePoint(estimator: .slq, part: .residual, repetition: 2, matvecs: 30, metric: "w1", value: 0.1)
        try roundTripFields(EstimatorAudit.convergenceSchema, [point])
    }

    func testCalibrationRowsReadBack() throws {
        let key = LAPACKCalibration.Key(cpu: CPUIdentity(model: "AMD EPYC, 2 cores", cores: 2), threads: 1, version: "1.0")
        let calibration = LAPACKCalibration(key: key, measurements: [
            .init(library: "OpenBLAS 0.3.21", path: "", driver: .divideAndConquer, order: 2200, seconds: 1.5),
            .init(library: "Intel MKL 2026.2", path: "/opt/mkl/libmkl_rt.so", driver: .relativelyRobust, order: 5510, seconds: 0.1 + 0.2),
        ])
        try roundTrip(LAPACKCalibration.schema, calibration.rows)
        XCTAssertEqual(try LAPACKCalibration(csv: calibration.csv.text, source: "c.csv"), calibration)
        var report = calibration.rows
        report[0].floorSeconds = 0.5
        report[0].speedup = 1
        try roundTrip(LAPACKCalibration.reportSchema, report)
        XCTAssertEqual(LAPACKCalibration.reportSchema.names, LAPACKCalibration.csvColumns + ["floor_seconds", "speedup"])
    }

    /// A tag may not take a column of the tables it is added to.
    func testReservedTagNamesAreTheColumnsOfTaggedTables() {
        for name in SpectrumTable.schema(residuals: true).names + CurvePoint.columns + InterpolationPoint.schema(top: 0).names
            + WidthSummaryRow.schema.names + SweepColumn.allCases.map(\.rawValue) {
            XCTAssertThrowsError(try ConstantColumns(tags: ["\(name)=1"]), name)
        }
        XCTAssertNoThrow(try ConstantColumns(tags: ["lr=1", "seed=2", "dataset=x"]))
    }

    /// The columns by which `plot` recognises a file are columns of the table's schema.
    func testPlotRecognisesEachTableByColumnsOfItsSchema() {
        let owners: [([String], [String])] = [
            (CSVContent.spectrumColumns, SpectrumTable.columns), (CSVContent.curvesColumns, CurvePoint.columns),
            (CSVContent.interpolationColumns, InterpolationPoint.schema(top: 0).names),
            (CSVContent.widthSummaryColumns, WidthSummaryRow.schema.names), (CSVContent.runSummaryColumns, RunSummaryRow.schema.names),
            (CSVContent.quadratureColumns, QuadratureTable.columns),
        ]
        for (signature, names) in owners { XCTAssertTrue(Set(signature).isSubset(of: names), "\(signature)") }
    }

    func testTagColumnsGoInFrontOfTypedRowsAndReadBack() throws {
        let rows = [CurvePoint(phase: "train", batchSize: 0, step: 3, train: Evaluation(loss: 1, accuracy: 0.5), test: nil)]
        let tags = try ConstantColumns(tags: ["lr=0.05", "where=a,b"])
        let tagged = tags.applied(to: CurvePoint.schema.table(rows))
        XCTAssertEqual(tagged.columns, ["lr", "where"] + CurvePoint.columns)
        let document = try CSVDocument(text: tagged.text, source: "t")
        XCTAssertEqual(document.rows.map { Array($0.prefix(2)) }, [["0.05", "a,b"]])
        XCTAssertEqual(try CurvePoint.schema.rows(of: document), rows)
    }

    func testAReaderNamesAMissingColumnAndAValueThatIsNotOne() throws {
        let missing = try CSVDocument(text: "matrix,point,index,eigenvalue\nhessian,final,0,1\n", source: "m.csv")
        XCTAssertThrowsError(try SpectrumTable.schema().rows(of: missing)) { error in
            XCTAssertEqual(error as? CSVError, .missingColumn(source: "m.csv", column: "step"))
        }
        let bad = try CSVDocument(text: "matrix,point,step,index,eigenvalue\nhessian,final,,0,one\n", source: "b.csv")
        XCTAssertThrowsError(try SpectrumTable.schema().rows(of: bad)) { error in
            guard case .malformed(let source, let line, _)? = error as? CSVError else { return XCTFail("\(error)") }
            XCTAssertEqual(source, "b.csv")
            XCTAssertEqual(line, 2)
        }
    }

    /// The tables of `--blocks`, `--block-norms` and `--anatomy`, and the
    /// summary's block-diagonal columns.
    func testBlockTablesReadBack() throws {
        let spectrum = awkward.enumerated().map { i, x in
            SpectrumRow(matrix: "hessian", block: i == 0 ? "all" : "layer\(i).weight", point: "final", step: i < 2 ? nil : i, index: i,
                        eigenvalue: x)
        }
        try roundTrip(SpectrumTable.schema(blocks: true), spectrum)
        XCTAssertEqual(SpectrumTable.schema(residuals: true, blocks: true).names,
                       ["matrix", "block", "point", "step", "index", "eigenvalue", "residual_norm"])
        let norms = awkward.enumerated().map { i, x in
            BlockNormRow(matrix: "residual", point: "step", step: i, blockA: "layer1", blockB: "layer\(i)", frobeniusNorm: abs(x),
                         share: 0.1 + 0.2)
        }
        try roundTrip(BlockNormTable.schema, norms)
        XCTAssertEqual(BlockNormTable.columns, ["matrix", "point", "step", "block_a", "block_b", "frobenius_norm", "share"])
        let anatomy = awkward.enumerated().map { i, x in
            AnatomyRow(matrix: "gauss_newton", point: "init", step: 0, vector: i / 2, index: Int.max - i, eigenvalue: x,
                       subspace: i % 2 == 0 ? "layer2.bias" : "a, \"quoted\" subspace", fraction: abs(x))
        }
        try roundTrip(AnatomyTable.schema, anatomy)
        XCTAssertEqual(AnatomyTable.columns, ["matrix", "point", "step", "vector", "index", "eigenvalue", "subspace", "fraction"])
        var summary = RunSummaryRow(params: 43, layers: "4-5-3", activation: "relu", loss: "nll", trainLoss: 1, trainAccuracy: 1,
                                    testLoss: nil, testAccuracy: nil, gradientNorm: 1, steps: 4, assembleSeconds: 0, eigenSeconds: 0,
                                    point: "final")
        summary.blockDiagonalW1 = 0.1 + 0.2
        summary.outliers = 10
        summary.blockDiagonalOutliers = 1
        var partial = summary
        partial.blockDiagonalW1 = nil
        partial.outliers = nil
        try roundTrip(RunSummaryRow.schema(blockDiagonal: true), [summary, partial])
        XCTAssertEqual(RunSummaryRow.schema(blockDiagonal: false).names, RunSummaryRow.schema.names)
        XCTAssertEqual(Array(RunSummaryRow.schema(blockDiagonal: true).names.suffix(3)),
                       ["block_diagonal_w1", "outliers", "block_diagonal_outliers"])
    }
}
