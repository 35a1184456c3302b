@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import Foundation
import XCTest

final class SpectralDensityTests: XCTestCase {
    /// A sum of unit-mass Gaussians: it integrates to 1, its mean is the
    /// mean eigenvalue, and at an isolated eigenvalue it is 1/(M·σ·√(2π)).
    func testKernelDensityIsNormalisedAndCentred() {
        let values = [-0.5, 0, 0, 0.1, 3, 10]
        let sigma = 0.2
        let density = SpectralDensity(eigenvalues: values, bandwidth: sigma)
        let low = -3.0, high = 13.0, n = 16000
        let h = (high - low) / Double(n)
        var mass = 0.0, mean = 0.0
        for i in 0..<n {
            let x = low + (Double(i) + 0.5) * h
            mass += density.density(at: x) * h
            mean += x * density.density(at: x) * h
        }
        XCTAssertEqual(mass, 1, accuracy: 1e-9)
        XCTAssertEqual(mean, values.reduce(0, +) / 6, accuracy: 1e-9)
        XCTAssertEqual(density.density(at: 10), 1 / (6 * sigma * (2 * Double.pi).squareRoot()), accuracy: 1e-15)
        XCTAssertEqual(SpectralDensity.defaultBandwidth(values), 0.105, accuracy: 1e-15)
    }

    func testDensityPlotUsesALogAxisAndTheBandwidth() throws {
        let header = "matrix,point,step,index,eigenvalue"
        let doc = try csv(header, spectrumRows([0, 0, 0, 0, 1, 5]))
        let svg = try ParsedSVG(SpectrumPlot.render(doc, options: PlotOptions(kind: .density, bandwidth: 0.5)))
        XCTAssertEqual(svg.texts(class: "y-title"), ["density (log scale)"])
        XCTAssertEqual(svg.texts(class: "title"), ["Spectral density, Gaussian kernel \u{03C3} = 0.5"])
        XCTAssertEqual(svg.series.count, 1)
        XCTAssertThrowsError(try SpectrumPlot.render(doc, options: PlotOptions(kind: .histogram, bandwidth: 0.5)))
        XCTAssertThrowsError(try SpectrumPlot.render(doc, options: PlotOptions(kind: .density, marchenkoPastur: true))) { error in
            XCTAssertEqual((error as? SettingError)?.setting, .lawSamples, "\(error)")
        }
    }
}
