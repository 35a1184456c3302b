@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class WidthSweepTests: XCTestCase {
    func testEveryWidthTrainsTheSameStepsOnTheSameData() throws {
        let split = try Blobs(clusters: 3, dimension: 4, std: 1, seed: 5).generate(train: 30, test: 0)
        let sweep = try WidthSweep(widths: [2, 5, 9], depth: 1, optimizer: try GradientDescent(learningRate: 0.2, steps: 25))
        let results = try sweep.run(on: split)
        XCTAssertEqual(results.map(\.width), [2, 5, 9])
        XCTAssertEqual(results.map(\.parameterCount), [2, 5, 9].map { ParameterLayout.parameterCount([4, $0, 3]) })
        XCTAssertEqual(Set(results.map(\.training.steps)), [25])
        for r in results { XCTAssertEqual(r.snapshot.spectra[0].eigenvalues.count, r.parameterCount) }
        let table = WidthSweep.summaryTable(results, top: 4)
        let rows = table.text.split(separator: "\n").dropFirst()
        let topRows = rows.filter { $0.contains(",top,") }
        XCTAssertEqual(topRows.count, 3 * 4)
        let negatives = results.map { negativeCount($0.snapshot.spectra[0].eigenvalues) }.reduce(0, +)
        XCTAssertEqual(rows.filter { $0.contains(",negative,") }.count, negatives)
    }

    /// The top rows are the largest eigenvalues, rank 1 first, with rank as a percentage of M.
    func testSummaryRanks() throws {
        let snapshot = SpectrumSnapshot(point: "final", step: 1, spectra: [PartSpectrum(part: .hessian, eigenvalues: [-2, -1, 0, 3, 5], assembleSeconds: 0, eigenSeconds: 0)])
        let result = WidthSweep.Result(width: 1, parameterCount: 5, snapshot: snapshot,
                                       training: TrainingSummary(steps: 1, gradientNorm: 0, train: Evaluation(loss: 0, accuracy: 1), test: nil))
        let text = WidthSweep.summaryTable([result], top: 2).text
        XCTAssertEqual(text, """
        width,params,matrix,series,rank,rank_percent,eigenvalue
        1,5,hessian,top,1,20.0,5.0
        1,5,hessian,top,2,40.0,3.0
        1,5,hessian,negative,1,20.0,-2.0
        1,5,hessian,negative,2,40.0,-1.0

        """)
    }

    func testInvalidSweeps() {
        let gd = try! GradientDescent(learningRate: 0.1, steps: 1)
        XCTAssertThrowsError(try WidthSweep(widths: [], optimizer: gd))
        XCTAssertThrowsError(try WidthSweep(widths: [3, 0], optimizer: gd))
        XCTAssertThrowsError(try WidthSweep(widths: [3], depth: 0, optimizer: gd))
    }
}
