@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import XCTest

/// Damaged copies of valid files (bytes flipped, cut short, lengths
/// overwritten) must be refused with an error, never crash the reader.
final class TensorFileMutationTests: XCTestCase {
    private func mutations(of bytes: [UInt8], count: Int, seed: UInt64) -> [[UInt8]] {
        var random = RandomSource(seed: seed)
        func below(_ n: Int) -> Int { Int(random.uniform() * Double(n)) % max(1, n) }
        return (0..<count).map { trial in
            var copy = bytes
            switch trial % 4 {
            case 0: copy = Array(copy[0..<below(copy.count)])
            case 1:
                for _ in 0..<(1 + below(4)) { copy[below(copy.count)] = UInt8(truncatingIfNeeded: below(256)) }
            case 2:
                // A run of 0xFF: saturated sizes, offsets and counts.
                let start = below(copy.count)
                for k in start..<min(copy.count, start + 1 + below(8)) { copy[k] = 0xFF }
            default:
                let start = below(copy.count)
                copy.insert(contentsOf: [UInt8](repeating: UInt8(truncatingIfNeeded: below(256)), count: 1 + below(9)), at: start)
            }
            return copy
        }
    }

    func testDamagedModelAndDataFilesNeverCrash() {
        let model = Fixture.model([3, 4, 2], .relu, .nll, seed: 3)
        let data = Fixture.data(n: 5, d: 3, classes: 2, seed: 1)
        let options = ModelReadOptions(activation: .relu, loss: .nll)
        let files: [[UInt8]] = [
            ModelFile.encode(model, as: .safetensors),
            ModelFile.encode(model, as: .npz),
            TensorBytes.zip(TensorBytes.layers(of: model).map { TensorBytes.Member(name: $0.name + ".npy", bytes: TensorBytes.npy($0.values, shape: $0.shape), method: 8) }),
            [UInt8](Data(base64Encoded: NumPyFixture.savezCompressed)!),
            NPZDataset.encode(data),
        ]
        var refused = 0, total = 0
        for (index, file) in files.enumerated() {
            for bytes in mutations(of: file, count: 400, seed: UInt64(index)) {
                total += 1
                do {
                    _ = try ModelFile.decode(bytes: bytes, path: "m", options: options)
                } catch {
                    refused += 1
                }
                _ = try? DataFile.decode(bytes: bytes, path: "d")
                _ = try? NumPyArray.decode(bytes, path: "a")
            }
        }
        XCTAssertGreaterThan(refused, total / 4, "most damage is noticed")
    }
}
