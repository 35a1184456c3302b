@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

final class GzipTests: XCTestCase {
    private var folder: ScratchFolder!

    override func setUpWithError() throws { folder = try ScratchFolder() }
    override func tearDown() { folder.remove() }

    /// Bytes with structure and noise, so that deflate uses both literals and matches.
    private func sample(_ count: Int, seed: UInt64) -> [UInt8] {
        var random = RandomSource(seed: seed)
        return (0..<count).map { i in i % 7 == 0 ? UInt8(truncatingIfNeeded: random.next()) : UInt8(i % 13) }
    }

    func testInflatesWhatGzipWrote() throws {
        // Larger than the 256 KiB output chunk, so inflation runs over several chunks.
        let original = sample(700_000, seed: 4)
        let path = try folder.writeGzip(original, to: "data.bin.gz")
        XCTAssertEqual(try Gzip.contents(ofFile: path), original)
    }

    func testDetectsGzipByMagicNotByName() throws {
        let original = sample(1000, seed: 5)
        let compressed = try folder.writeGzip(original, to: "no-suffix")
        let plainNamedGz = try folder.write(original, to: "plain.gz")
        XCTAssertEqual(try Gzip.contents(ofFile: compressed), original)
        XCTAssertEqual(try Gzip.contents(ofFile: plainNamedGz), original)
    }

    func testConcatenatedMembersInflateToTheConcatenation() throws {
        let a = sample(5000, seed: 6), b = sample(3000, seed: 7)
        let first = try Array(Data(contentsOf: URL(fileURLWithPath: folder.writeGzip(a, to: "a.gz"))))
        let second = try Array(Data(contentsOf: URL(fileURLWithPath: folder.writeGzip(b, to: "b.gz"))))
        let path = try folder.write(first + second, to: "ab.gz")
        XCTAssertEqual(try Gzip.contents(ofFile: path), a + b)
    }

    func testCorruptStreams() throws {
        let compressed = try Array(Data(contentsOf: URL(fileURLWithPath: folder.writeGzip(sample(20_000, seed: 8), to: "good.gz"))))

        let truncated = try folder.write(Array(compressed.prefix(compressed.count / 2)), to: "truncated.gz")
        assertFileError(try Gzip.contents(ofFile: truncated), path: truncated, "truncated")

        // The gzip magic number followed by bytes that are not a deflate stream.
        let garbage = try folder.write([0x1F, 0x8B, 0x08, 0x00] + Array(repeating: 0xFF, count: 40), to: "garbage.gz")
        assertFileError(try Gzip.contents(ofFile: garbage), path: garbage, "does not inflate")

        // A flipped byte in the last 8 bytes (CRC-32 and length) fails the check.
        var badCheck = compressed
        badCheck[badCheck.count - 6] ^= 0x01
        let checked = try folder.write(badCheck, to: "crc.gz")
        assertFileError(try Gzip.contents(ofFile: checked), path: checked, "does not inflate")

        let trailing = try folder.write(compressed + [1, 2, 3], to: "trailing.gz")
        assertFileError(try Gzip.contents(ofFile: trailing), path: trailing, "3 bytes of trailing data")
    }

    func testMissingFileAndFolder() {
        let missing = folder.file("absent")
        assertFileError(try Gzip.contents(ofFile: missing), path: missing, "no such file")
        assertFileError(try Gzip.contents(ofFile: folder.path), path: folder.path, "folder")
    }
}
