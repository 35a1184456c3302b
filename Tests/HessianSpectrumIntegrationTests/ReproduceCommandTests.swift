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
                     "fig7_two_phase_curves.csv", "fig8_interpolation.csv", "fig8_interpolation.svg", "companion_two_blobs_spectra.csv",
                     "appendixB_one_blob_spectra.csv", "appendixB_two_blobs_spectra-density.svg", "classes_structure.csv"] {
            XCTAssert(files.contains(name), "missing \(name)")
        }
        let readme = try String(contentsOfFile: folder.appendingPathComponent("README.md").path, encoding: .utf8)
        for figure in ["Fig 1", "Fig 2", "Table 1", "Fig 3, Fig 5", "Fig 4, Fig 6", "Fig 7", "Fig 8", "Appendix B (one blob)", "Appendix B (two blobs)",
                       "Class structure of G"] {
            XCTAssert(readme.contains("| \(figure)"), "README lacks \(figure)")
        }
        XCTAssertFalse(files.contains { $0.hasSuffix(".tmp") })
        XCTAssertFalse(readme.contains("\u{2026}"), "every command is complete")
        let table1 = csvRows(try String(contentsOfFile: folder.appendingPathComponent("table1_outliers.csv").path, encoding: .utf8))
        let scaleColumn = try XCTUnwrap(table1.header.firstIndex(of: "cov_scale"))
        XCTAssertEqual(Set(table1.rows.map { $0[scaleColumn] }), ["1.0", "10.0"])

        // The README's commands, run in the folder, write the same files.
        for file in ["fig2_relu_gd_spectra.csv", "fig7_two_phase_curves.csv", "fig8_interpolation.csv", "appendixB_two_blobs_spectra.csv"] {
            let row = try XCTUnwrap(readme.split(separator: "\n").first { $0.contains("`\(file)`") }, file)
            let command = try XCTUnwrap(row.split(separator: "`").first { $0.hasPrefix("hessian-spectrum ") }, file)
            let arguments = command.split(separator: " ").dropFirst().map { $0 == "''" ? "" : $0 }.map { word -> String in
                word.hasSuffix(".csv") || word.hasSuffix(".json") ? folder.appendingPathComponent("again-" + word).path : String(word)
            }.map { $0.replacingOccurrences(of: "again-model_", with: "model_") }
            let rerun = try CommandRunner.run(arguments + ["--quiet"])
            XCTAssertEqual(rerun.status, 0, "\(command): \(rerun.stderr)")
            XCTAssertEqual(try String(contentsOfFile: folder.appendingPathComponent("again-" + file).path, encoding: .utf8),
                           try String(contentsOfFile: folder.appendingPathComponent(file).path, encoding: .utf8), "\(command)")
        }
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
