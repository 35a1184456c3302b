@testable import HessianCore
@testable import HessianFormats
@testable import HessianPlots
import XCTest

final class QuadratureDensityPlotTests: XCTestCase {
    /// The smoothed SLQ density is Σ τ·N(θ, σ²): at a node far from the
    /// others it is τ/(σ√2π); probes of one matrix are pooled into one line
    /// and the exact overlay is a second, dashed.
    func testDensityOfNodesAndWeightsWithExactOverlay() throws {
        let q = SpectralQuadrature(nodes: [0, 10], weights: [0.25, 0.75], probes: [0, 1], steps: [1, 1])
        XCTAssertEqual(AuditFigure.density(q, at: 10, bandwidth: 0.5), 0.75 / (0.5 * (2 * Double.pi).squareRoot()), accuracy: 1e-12)
        let slq = try csv("matrix,point,step,probe,node,weight",
                               ["hessian,final,,0,0,0.25", "hessian,final,,0,1,0.25", "hessian,final,,1,0.5,0.5"])
        let exact = try csv("matrix,point,step,index,eigenvalue", ["hessian,final,,0,0", "hessian,final,,1,1"])
        let svg = try SpectrumPlot.render(slq, exact: exact, options: PlotOptions(kind: .auto))
        XCTAssertEqual(svg.components(separatedBy: "data-series=\"slq\"").count - 1, 1)
        XCTAssertEqual(svg.components(separatedBy: "data-series=\"exact\"").count - 1, 1)
        XCTAssertThrowsError(try SpectrumPlot.render(exact, exact: exact, options: PlotOptions(kind: .density))) {
            XCTAssertEqual($0 as? PlotError, .overlayNeedsQuadrature(source: "test.csv"))
        }
        XCTAssertThrowsError(try SpectrumPlot.render(slq, options: PlotOptions(kind: .top))) {
            guard case .wrongContent = $0 as? PlotError else { return XCTFail("\($0)") }
        }
    }
}
