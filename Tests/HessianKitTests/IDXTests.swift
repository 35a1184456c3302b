@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class IDXTests: XCTestCase {
    private var folder: ScratchFolder!

    override func setUpWithError() throws { folder = try ScratchFolder() }
    override func tearDown() { folder.remove() }

    /// Every byte spelled out: a 258-long list (size 00 00 01 02, so a
    /// little-endian reader would see 33619968) of 0, 1, …, 255, 0, 1.
    func testReadsBigEndianSizesByteForByte() throws {
        let payload = (0..<258).map { UInt8($0 % 256) }
        let path = try folder.write([0x00, 0x00, 0x08, 0x01, 0x00, 0x00, 0x01, 0x02] + payload, to: "list-idx1-ubyte")
        let array = try IDX.read(path: path)
        XCTAssertEqual(array.dimensions, [258])
        XCTAssertEqual(array.bytes, payload)
    }

    func testReadsImagesPlainAndGzip() throws {
        // Three 2 × 4 "images" whose pixel (i, r, c) is 100·i + 10·r + c.
        var payload: [UInt8] = []
        for i in 0..<3 { for r in 0..<2 { for c in 0..<4 { payload.append(UInt8(100 * i + 10 * r + c)) } } }
        let bytes = idxFile(dimensions: [3, 2, 4], payload: payload)
        let plain = try folder.write(bytes, to: "images-idx3-ubyte")
        let compressed = try folder.writeGzip(bytes, to: "images-idx3-ubyte.gz")
        for path in [plain, compressed] {
            let array = try IDX.read(path: path)
            XCTAssertEqual(array.dimensions, [3, 2, 4])
            XCTAssertEqual(array.bytes.count, 24)
            XCTAssertEqual(array.bytes[1 * 8 + 1 * 4 + 3], 113)
            XCTAssertEqual(array.bytes, payload)
        }
    }

    func testWrongMagic() throws {
        let path = try folder.write([0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 1, 7], to: "archive")
        assertFileError(try IDX.read(path: path), path: path, "wrong magic number", "50 4B 03 04")
    }

    func testUnsupportedType() throws {
        let path = try folder.write(idxFile(type: 0x0D, dimensions: [1], payload: [0, 0, 0, 0]), to: "floats")
        assertFileError(try IDX.read(path: path), path: path, "unsupported element type 0x0D", "32-bit float")
    }

    func testTruncatedPayload() throws {
        let path = try folder.write(idxFile(dimensions: [10, 28, 28], payload: Array(repeating: 1, count: 1000)), to: "short")
        assertFileError(try IDX.read(path: path), path: path, "truncated", "expected 7840 bytes", "found 1000")
    }

    func testTruncatedGzipPayload() throws {
        let path = try folder.writeGzip(idxFile(dimensions: [4, 3], payload: Array(repeating: 9, count: 11)), to: "short.gz")
        assertFileError(try IDX.read(path: path), path: path, "truncated", "expected 12 bytes", "found 11")
    }

    func testTruncatedHeader() throws {
        let short = try folder.write([0, 0, 8], to: "three-bytes")
        assertFileError(try IDX.read(path: short), path: short, "truncated", "4-byte magic number")
        let sizes = try folder.write([0, 0, 8, 3, 0, 0, 0, 2, 0, 0], to: "half-header")
        assertFileError(try IDX.read(path: sizes), path: sizes, "truncated", "needs 16 bytes")
    }

    func testTrailingGarbage() throws {
        let path = try folder.write(idxFile(dimensions: [2, 2], payload: [1, 2, 3, 4, 5, 6]), to: "long")
        assertFileError(try IDX.read(path: path), path: path, "2 bytes of trailing data")
    }

    func testEmptyAndMissingFiles() throws {
        let empty = try folder.write([UInt8](), to: "empty")
        assertFileError(try IDX.read(path: empty), path: empty, "empty")
        let missing = folder.file("missing-idx1-ubyte")
        assertFileError(try IDX.read(path: missing), path: missing, "no such file")
    }

    func testZeroDimensionsAndOverflowingSizes() throws {
        let scalar = try folder.write([0, 0, 8, 0], to: "scalar")
        assertFileError(try IDX.read(path: scalar), path: scalar, "0 dimensions")
        let huge = try folder.write(idxFile(dimensions: [0xFFFF_FFFF, 0xFFFF_FFFF, 0xFFFF_FFFF], payload: []), to: "huge")
        assertFileError(try IDX.read(path: huge), path: huge, "too large")
    }

    /// A valid gzip header, then a deflate block of the reserved type 11.
    func testBadGzip() throws {
        let path = try folder.write([0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x07, 0x00, 0x00, 0x00], to: "bad.gz")
        assertFileError(try IDX.read(path: path), path: path, "gzip stream does not inflate", "invalid block type")
    }
}
