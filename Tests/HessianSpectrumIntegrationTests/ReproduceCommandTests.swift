import CommandTestSupport
import Foundation
import XCTest

final class ReproduceCommandTests: XCTestCase {
    /// The scaled-down run writes every figure's CSV and SVG and a README
    /// whose table names each file.
    func testQuickReproductionWritesEveryFigure() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CommandRunner.run(["reproduce", "--quick", "--out", folder.path, "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        for name in ["README.md", "fig1_spectrum.csv", "fig1_spectrum.svg", "table1_outliers.csv", "fig2_relu_gd_spectra.csv",
                     "fig3_widths_spectra.csv", "fig3_fig5_widths_summary.csv", "fig4_fig6_batch_spectra.csv", "fig4_batch_curves.csv",
                     "fig7_two_phase_curves.csv", "fig8_interpolation.csv", "fig8_interpolation.svg", "companion_two_blobs_spectra.csv"] {
            XCTAssert(files.contains(name), "missing \(name)")
        }
        let readme = try String(contentsOfFile: folder.appendingPathComponent("README.md").path, encoding: .utf8)
        for figure in ["Fig 1", "Fig 2", "Table 1", "Fig 3, Fig 5", "Fig 4, Fig 6", "Fig 7", "Fig 8"] {
            XCTAssert(readme.contains("| \(figure)"), "README lacks \(figure)")
        }
        XCTAssertFalse(files.contains { $0.hasSuffix(".tmp") })
    }

    func testFashionMNISTSubsetTrainsAndWritesItsSpectrum() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist"), "dataset-fashion-mnist is not installed")
        let result = try CommandRunner.run(["train", "--dataset", "fashion-mnist", "--samples", "40", "--test-samples", "20",
                                            "--hidden", "2", "--steps", "3", "--quiet"])
        XCTAssertEqual(result.status, 0, result.stderr)
        // 784-2-10: 2·785 + 10·3 parameters.
        XCTAssertEqual(csvRows(result.stdout).rows.count, 2 * 785 + 10 * 3)
    }
}
