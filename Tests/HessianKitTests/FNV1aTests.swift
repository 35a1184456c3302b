@testable import HessianCore
import XCTest

/// The shared fingerprint hash against FNV-1a's definition, evaluated by hand
/// over the little-endian bytes of each word (offset basis 0xcbf29ce484222325,
/// prime 0x100000001b3; the expected values were computed byte by byte
/// outside this code).
final class FNV1aTests: XCTestCase {
    func testWordsAreHashedAsTheirLittleEndianBytes() {
        XCTAssertEqual(FNV1a().value, 0xcbf2_9ce4_8422_2325)
        var one = FNV1a()
        one.mix(0x61)
        XCTAssertEqual(one.value, 0x6926_124a_7b14_33c4)
        var two = FNV1a()
        two.mix(0x0123_4567_89ab_cdef)
        two.mix((1.5).bitPattern)
        XCTAssertEqual(two.value, 0x2893_2fa1_1d55_59b0)
    }
}
