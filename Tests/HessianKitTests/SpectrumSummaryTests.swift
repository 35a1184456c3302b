@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

/// The per-group summary of a spectrum CSV.
final class SpectrumSummaryTests: XCTestCase {
    func lines(_ table: CSVTable) -> [[String]] {
        table.text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// Two spectra (k = 2 and k = 5), rows interleaved and out of index
    /// order, with spaces around fields.
    /// k = 2: 4, 0, −0.5, so z = 4e-6 and u = 4, z, z: one drop, one ratio,
    /// and depths 0, ½, 0 put the elbow at the second point → 1, 1, 1;
    /// −0.5 is negative, 0 is near zero (⅓).
    /// k = 5: 6, 5, 1e-9, 0, so z = 6e-6 and u = 6, 5, z, z: drops 1, 5 − z
    /// → 2; ratios 1.2, 5/z → 2; depths 0, 1 − ⅓ − ⅚ < 0, 1 − ⅔ − 0 = ⅓, 0
    /// → the third point → 2; 1e-9 and 0 are near zero (½).
    func testOneRowPerGroupInOrderOfFirstAppearance() throws {
        let text = """
            clusters,matrix,point,step,index,eigenvalue
            2,hessian,final,10,2,4
            5, hessian ,final,10,3,6
            2,hessian,final,10,0,-0.5
            5,hessian,final,10,0,0
            2,hessian,final,10,1,0
            5,hessian,final,10,1,1e-9
            5,hessian,final,10,2, 5

            """
        let document = try CSVDocument(text: text, source: "test")
        let rows = lines(try SpectrumSummary.table(of: document))
        XCTAssertEqual(rows[0], ["clusters", "matrix", "point", "step", "count", "largest_gap", "largest_ratio", "elbow",
                                 "negatives", "near_zero_fraction", "max_eigenvalue", "min_eigenvalue"])
        XCTAssertEqual(rows.count, 3)
        XCTAssertEqual(Array(rows[1][0..<8]), ["2", "hessian", "final", "10", "3", "1", "1", "1"])
        XCTAssertEqual(rows[1][8], "1")
        XCTAssertEqual(try XCTUnwrap(Double(rows[1][9])), 1.0 / 3, accuracy: 1e-15)
        XCTAssertEqual(Array(rows[1][10...]), ["4.0", "-0.5"])
        XCTAssertEqual(Array(rows[2][0..<8]), ["5", "hessian", "final", "10", "4", "2", "2", "2"])
        XCTAssertEqual(rows[2][8], "0")
        XCTAssertEqual(try XCTUnwrap(Double(rows[2][9])), 0.5, accuracy: 1e-15)
        XCTAssertEqual(Array(rows[2][10...]), ["6.0", "0.0"])
    }

    /// Only `eigenvalue` is needed; `residual_norm` varies per eigenvalue and
    /// must not split a spectrum; a group value with a comma stays quoted.
    func testResidualColumnIsNotAGroupAndOddColumnsPassThrough() throws {
        let text = """
            method,eigenvalue,residual_norm
            "a,b",3,1e-9
            "a,b",1,2e-9
            """
        let table = try SpectrumSummary.table(of: try CSVDocument(text: text, source: "test"))
        XCTAssertEqual(table.columns.first, "method")
        XCTAssertFalse(table.columns.contains("residual_norm"))
        let body = table.text.split(separator: "\n")
        XCTAssertEqual(body.count, 2)
        XCTAssert(body[1].hasPrefix("\"a,b\",2,1,1,0,"), String(body[1]))
    }

    func testTheWindowAndToleranceReachTheCounts() throws {
        // u = 10, 9, 8 then 0.01: a window of 3 sees only the first three.
        let text = "eigenvalue\n10\n9\n8\n0.01\n0.01\n"
        let document = try CSVDocument(text: text, source: "test")
        let wide = lines(try SpectrumSummary.table(of: document))
        let narrow = lines(try SpectrumSummary.table(of: document, counting: OutlierCounting(window: 3)))
        XCTAssertEqual(wide[1][1], "3")
        XCTAssertEqual(narrow[1][1], "1")
    }

    func testBadInput() throws {
        let noColumn = try CSVDocument(text: "matrix,value\nhessian,1\n", source: "stdin")
        XCTAssertThrowsError(try SpectrumSummary.table(of: noColumn)) { error in
            XCTAssertEqual(error as? SpectrumSummaryError, .noEigenvalueColumn(source: "stdin", columns: ["matrix", "value"]))
            XCTAssert("\(error)".contains("no 'eigenvalue' column"))
            XCTAssertFalse("\(error)".contains("\n"))
        }
        let noRows = try CSVDocument(text: "matrix,eigenvalue\n", source: "f.csv")
        XCTAssertThrowsError(try SpectrumSummary.table(of: noRows)) { error in
            XCTAssertEqual(error as? SpectrumSummaryError, .noRows(source: "f.csv"))
        }
        let notFinite = try CSVDocument(text: "matrix,eigenvalue\nhessian,1\n\nhessian,nan\n", source: "f.csv")
        XCTAssertThrowsError(try SpectrumSummary.table(of: notFinite)) { error in
            XCTAssertEqual(error as? SpectrumSummaryError, .badEigenvalue(source: "f.csv", line: 4, text: "nan"))
        }
        let notANumber = try CSVDocument(text: "matrix,eigenvalue\nhessian,\n", source: "f.csv")
        XCTAssertThrowsError(try SpectrumSummary.table(of: notANumber)) { error in
            XCTAssertEqual(error as? SpectrumSummaryError, .badEigenvalue(source: "f.csv", line: 2, text: ""))
        }
    }
}
