@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class CSVDatasetTests: XCTestCase {
    private var folder: ScratchFolder!

    override func setUpWithError() throws { folder = try ScratchFolder() }
    override func tearDown() { folder.remove() }

    func testEncodesHeaderAndOneRowPerExample() throws {
        // Column-major: example 0 is (0.5, -2), example 1 is (1, 0.25).
        let data = try Dataset(features: [0.5, 1, -2, 0.25], labels: [1, 0], dimension: 2, classCount: 2)
        XCTAssertEqual(CSVDataset.encode(data), "label,x0,x1\n1,0.5,-2.0\n0,1.0,0.25\n")
    }

    /// Values whose shortest decimal text is long, tiny, huge, subnormal or
    /// signed zero come back with the same bits.
    func testRoundTripIsBitExact() throws {
        let awkward: [Double] = [0.1, 1.0 / 3, -0.0, 2.0 / 3e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude, -.pi,
                                 1e-5, 123456789.123456789, -1e22, .ulpOfOne, 0.30000000000000004]
        var random = RandomSource(seed: 11)
        let count = 9, dimension = 4
        var features = (0..<(count * dimension)).map { _ in random.normal() * 1e3 }
        for (i, x) in awkward.enumerated() { features[i * 3] = x }
        let labels = (0..<count).map { $0 % 4 }
        let data = try Dataset(features: features, labels: labels, dimension: dimension, classCount: 4)
        let path = try folder.write(CSVDataset.encode(data), to: "data.csv")
        let back = try CSVDataset.read(path: path)
        XCTAssertEqual(back.count, count)
        XCTAssertEqual(back.dimension, dimension)
        XCTAssertEqual(back.classCount, 4)
        XCTAssertEqual(back.labels, labels)
        XCTAssertEqual(back.features.map(\.bitPattern), features.map(\.bitPattern))
    }

    func testReadsOtherToolsSpelling() throws {
        // Windows line ends, a byte-order mark, spaces, a blank line, "2.0" as a label, exponent forms.
        let text = "\u{FEFF}label, x0 ,x1\r\n0, 1e2 ,-3.5E-1\r\n\r\n2.0,7,0x1p-2\r\n"
        let data = try CSVDataset.read(path: folder.write(text, to: "other.csv"))
        XCTAssertEqual(data.labels, [0, 2])
        XCTAssertEqual(data.classCount, 3)
        assertClose(data.example(0), [100, -0.35], relativeTo: 100, tolerance: 1e-15)
        assertClose(data.example(1), [7, 0.25], relativeTo: 7, tolerance: 1e-15)
    }

    func testClassCountIsLargestLabelPlusOneAndAtLeastTwo() throws {
        let gappy = try CSVDataset.read(path: folder.write("label,x0\n4,1\n0,2\n", to: "gappy.csv"))
        XCTAssertEqual(gappy.classCount, 5)
        let single = try CSVDataset.read(path: folder.write("label,x0\n0,1\n0,2\n", to: "single.csv"))
        XCTAssertEqual(single.classCount, 2)
    }

    func testEmptyAndHeaderOnly() throws {
        let empty = try folder.write("", to: "empty.csv")
        assertFileError(try CSVDataset.read(path: empty), path: empty, "empty")
        let header = try folder.write("label,x0,x1\n", to: "header.csv")
        assertFileError(try CSVDataset.read(path: header), path: header, "no examples")
        let missing = folder.file("missing.csv")
        assertFileError(try CSVDataset.read(path: missing), path: missing, "no such file")
    }

    func testBadHeaders() throws {
        let noLabel = try folder.write("y,x0\n0,1\n", to: "a.csv")
        assertFileError(try CSVDataset.read(path: noLabel), path: noLabel, "line 1", "label,x0,x1,…", "'y'")
        let misnamed = try folder.write("label,x0,x2\n0,1,2\n", to: "b.csv")
        assertFileError(try CSVDataset.read(path: misnamed), path: misnamed, "line 1", "column 3 is 'x2'")
        let noFeatures = try folder.write("label\n0\n", to: "c.csv")
        assertFileError(try CSVDataset.read(path: noFeatures), path: noFeatures, "line 1", "no feature columns")
    }

    func testRaggedRowsNameTheirLine() throws {
        // The blank line 3 makes the short row line 5, not the fourth record.
        let path = try folder.write("label,x0,x1\n0,1,2\n\n1,3,4\n0,5\n", to: "ragged.csv")
        assertFileError(try CSVDataset.read(path: path), path: path, "line 5", "2 fields where the header has 3")
    }

    func testNonNumericFields() throws {
        let word = try folder.write("label,x0,x1\n0,1,2\n1,3,abc\n", to: "word.csv")
        assertFileError(try CSVDataset.read(path: word), path: word, "line 3", "'abc' in column x1 is not a number")
        let blank = try folder.write("label,x0,x1\n0,,2\n", to: "blank.csv")
        assertFileError(try CSVDataset.read(path: blank), path: blank, "line 2", "empty field in column x0")
        let infinite = try folder.write("label,x0\n0,inf\n", to: "inf.csv")
        assertFileError(try CSVDataset.read(path: infinite), path: infinite, "line 2", "not a finite number")
    }

    func testBadLabels() throws {
        let fraction = try folder.write("label,x0\n0,1\n1.5,2\n", to: "fraction.csv")
        assertFileError(try CSVDataset.read(path: fraction), path: fraction, "line 3", "label '1.5' is not a whole number")
        let negative = try folder.write("label,x0\n-1,1\n", to: "negative.csv")
        assertFileError(try CSVDataset.read(path: negative), path: negative, "line 2", "label -1 is negative")
        let word = try folder.write("label,x0\ncat,1\n", to: "word.csv")
        assertFileError(try CSVDataset.read(path: word), path: word, "line 2", "'cat'")
        let huge = try folder.write("label,x0\n9223372036854775807,1\n", to: "huge.csv")
        assertFileError(try CSVDataset.read(path: huge), path: huge, "line 2", "too large")
    }

    /// A quoted line break belongs to its field but still ends a line of
    /// the text, so later rows keep their true line numbers.
    func testLineNumbersCountQuotedLineBreaks() throws {
        let document = try CSVDocument(text: "a,b\n\"x\r\ny\",1\n\n2,3\n", source: "text")
        XCTAssertEqual(document.rows, [["x\r\ny", "1"], ["2", "3"]])
        XCTAssertEqual(document.rowLines, [2, 5])
    }
}
