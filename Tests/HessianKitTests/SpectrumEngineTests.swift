@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class SpectrumEngineTests: XCTestCase {
    let gib = 1 << 30

    /// The paper's 784-70-10 network on 1000 examples: r = 1000·9 + 2·10·70
    /// = 10,400 ≪ M = 55,660, so auto takes the factored form; the dense
    /// matrix alone (24.8 GB) would not fit in 16 GiB.
    func testAutoChoosesFactoredForTheWideReLUNetwork() throws {
        let plan = try SpectrumEngine(resources: ComputeResources(availableBytes: 16 * gib)).plan(sizes: [784, 70, 10], activations: [.relu], loss: .nll, examples: 1000,
                                           request: SpectrumRequest())
        XCTAssertEqual(plan.method, .factored)
        XCTAssertEqual(plan.cost.scope, .factored(parameters: 55660, columns: [.init(part: .hessian, columns: 10400)]))
        XCTAssert(plan.reason.contains("r = 10400"), plan.reason)
        XCTAssertLessThan(plan.requiredBytes, 2 * gib)
        let big = try SpectrumEngine(resources: ComputeResources(availableBytes: 64 * gib)).plan(sizes: [784, 70, 10], activations: [.relu], loss: .nll, examples: 1000,
                                          request: SpectrumRequest())
        XCTAssertEqual(big.method, .factored, "factored is cheaper even when dense fits")
    }

    /// A small model with r ≥ M: dense.
    func testAutoChoosesDenseWhenTheFactorIsNotSmaller() throws {
        let plan = try SpectrumEngine(resources: ComputeResources(availableBytes: gib)).plan(sizes: [4, 7, 3], activations: [.relu], loss: .nll, examples: 25,
                                           request: SpectrumRequest())
        XCTAssertEqual(plan.method, .dense)
        XCTAssert(plan.reason.contains("r = "), plan.reason)
    }

    /// tanh at M = 55,660: no exact method fits; without --top/--bottom the
    /// error says what to do, with them Lanczos is chosen.
    func testAutoFallsBackToLanczosOnlyWhenAskedForExtremes() throws {
        XCTAssertThrowsError(try SpectrumEngine(resources: ComputeResources(availableBytes: 16 * gib)).plan(sizes: [784, 70, 10], activations: [.tanh], loss: .nll, examples: 1000,
                                                     request: SpectrumRequest())) { error in
            guard case SpectrumEngineError.allEigenvaluesOutOfReach(let m, let alternatives) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(m, 55660)
            XCTAssertEqual(alternatives.map(\.method), [.dense, .factored])
            guard case .doesNotApply(let reason) = alternatives[1].verdict else { return XCTFail("\(alternatives)") }
            XCTAssert(reason.contains("tanh"), reason)
            XCTAssertEqual(alternatives[0].verdict, .doesNotFit(available: 16 * self.gib))
        }
        let plan = try SpectrumEngine(resources: ComputeResources(availableBytes: 16 * gib)).plan(sizes: [784, 70, 10], activations: [.tanh], loss: .nll, examples: 1000,
                                           request: SpectrumRequest(top: 20))
        XCTAssertEqual(plan.method, .lanczos)
    }

    /// The Fig 8 line of docs/experiments.md at M = 7960 (784-10-10, 1000 examples): the
    /// factor is not smaller than M, so all M eigenvalues need the dense
    /// path, but a top-5 request is cheaper by Lanczos even at its
    /// iteration limit; a small model keeps dense for its extremes.
    func testAutoTakesLanczosForExtremesWhenItIsCheaper() throws {
        let all = try SpectrumEngine(resources: ComputeResources(availableBytes: 16 * gib)).plan(sizes: [784, 10, 10], activations: [.relu], loss: .nll, examples: 1000,
                                          request: SpectrumRequest())
        XCTAssertEqual(all.method, .dense)
        let top = try SpectrumEngine(resources: ComputeResources(availableBytes: 16 * gib)).plan(sizes: [784, 10, 10], activations: [.relu], loss: .nll, examples: 1000,
                                          request: SpectrumRequest(top: 5))
        XCTAssertEqual(top.method, .lanczos, top.reason)
        XCTAssertLessThan(top.estimatedFlops, all.estimatedFlops)
        let small = try SpectrumEngine(resources: ComputeResources(availableBytes: gib)).plan(sizes: [4, 7, 3], activations: [.relu], loss: .nll, examples: 25,
                                            request: SpectrumRequest(top: 2))
        XCTAssertEqual(small.method, .dense, small.reason)
    }

    /// Every forced method refuses up front when it cannot fit.
    func testForcedMethodsRefuseWhenMemoryIsShort() {
        for method in [SpectrumMethod.dense, .factored, .lanczos] {
            XCTAssertThrowsError(try SpectrumEngine(resources: ComputeResources(availableBytes: 1000)).plan(sizes: [30, 9, 3], activations: [.relu], loss: .nll, examples: 20,
                                                         request: SpectrumRequest(method: method, top: 3)), "\(method)") { error in
                XCTAssert(error is MemoryError, "\(method): \(error)")
            }
        }
        XCTAssertThrowsError(try SpectrumEngine(resources: ComputeResources(availableBytes: gib)).plan(sizes: [30, 9, 3], activations: [.tanh], loss: .nll, examples: 20,
                                                     request: SpectrumRequest(method: .factored)))
        XCTAssertThrowsError(try SpectrumEngine(resources: ComputeResources(availableBytes: gib)).plan(sizes: [30, 9, 3], activations: [.tanh], loss: .nll, examples: 20,
                                                     request: SpectrumRequest(method: .lanczos)))
    }

    /// --top/--bottom on an exact method keep the extremes of the full
    /// spectrum with their indices; Lanczos gives the same values (to its
    /// tolerance) with residual norms; factored the same as dense.
    func testAllMethodsAgreeOnTheExtremes() throws {
        let data = Fixture.data(n: 15, d: 25, classes: 3, seed: 23)
        let model = Fixture.model([25, 6, 3], .relu, .nll, scale: 0.6, seed: 8)
        let m = model.parameterCount
        let full = try SpectrumEngine().compute(model: model, data: data, parts: [.hessian], method: .dense).spectra[0]
        XCTAssertNil(full.indices)
        XCTAssertEqual(full.eigenvalues.count, m)
        let scale = max(abs(full.eigenvalues[0]), abs(full.eigenvalues[m - 1]))
        for method in [SpectrumMethod.dense, .factored, .lanczos] {
            let run = try SpectrumEngine().compute(model: model, data: data, request: SpectrumRequest(method: method, top: 3, bottom: 2, lanczosTolerance: 1e-10))
            XCTAssertEqual(run.method, method)
            let s = run.spectra[0]
            XCTAssertEqual(s.indices, [0, 1, m - 3, m - 2, m - 1], "\(method)")
            assertClose(s.eigenvalues, s.indices!.map { full.eigenvalues[$0] }, relativeTo: scale, tolerance: 1e-8, "\(method)")
            XCTAssertEqual(s.residualNorms != nil, method == .lanczos)
        }
    }

    /// The CSV of a Lanczos result: the global index and a residual column.
    func testSpectrumTableWritesIndicesAndResiduals() {
        let s = PartSpectrum(part: .hessian, eigenvalues: [-1, 7], assembleSeconds: 0, eigenSeconds: 0,
                             indices: [0, 99], residualNorms: [1e-9, 2e-9])
        var table = SpectrumTable.empty(residuals: true)
        SpectrumTable.append(SpectrumSnapshot(point: "final", step: 3, spectra: [s]), to: &table)
        XCTAssertEqual(table.text, "matrix,point,step,index,eigenvalue,residual_norm\nhessian,final,3,0,-1.0,1e-09\nhessian,final,3,99,7.0,2e-09\n")
    }

    /// Auto is the cheapest of the solvers that give every eigenvalue, apply
    /// and fit, and reports that solver's own cost model.
    func testAutoIsTheCheapestApplicableSolver() throws {
        for (sizes, activation, n) in [([30, 8, 3], Activation.relu, 10), ([4, 7, 3], .relu, 25), ([6, 5, 5, 3], .tanh, 20)] {
            let request = SpectrumRequest(parts: [.hessian, .gaussNewton])
            let problem = SpectrumProblem(sizes: sizes, activations: [activation], loss: .nll, examples: n, request: request)
            let plan = try SpectrumEngine(resources: ComputeResources(availableBytes: gib)).plan(sizes: sizes, activations: [activation], loss: .nll, examples: n, request: request)
            let usable = SpectrumEngine().solvers.filter { $0.givesAllEigenvalues && $0.unsupportedReason(for: problem) == nil }
            let cheapest = try XCTUnwrap(usable.min { $0.cost(of: problem).flops < $1.cost(of: problem).flops })
            XCTAssertEqual(plan.method, cheapest.method, "\(sizes)")
            XCTAssertEqual(plan.cost, cheapest.cost(of: problem))
            XCTAssertEqual(plan.basis, .cheapest)
        }
    }
}
