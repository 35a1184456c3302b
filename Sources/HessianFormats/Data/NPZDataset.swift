import Foundation
import HessianCore

/// A data set as a NumPy `.npz` archive: an array `x` of shape (N, d),
/// float64 or float32 (widened exactly), and an array `y` of N labels,
/// integers 0…C−1 (whole-valued floats are taken as the same integers). As
/// with CSV, the number of classes C is the largest label + 1, at least 2,
/// so the same data as CSV or as .npz gives the same results bit for bit.
///
///     numpy.savez("train.npz", x=features.astype(numpy.float64), y=labels)
public enum NPZDataset {
    /// Reads the data set in an archive's bytes; `path` names it in errors.
    /// - Throws: `TensorFileError` naming the file and the array: a damaged
    ///   archive, a missing `x` or `y`, shapes that do not agree, features
    ///   that are not finite, labels that are not whole numbers in
    ///   0…`CSVDataset.largestLabel`.
    public static func decode(_ bytes: [UInt8], path: String) throws -> Dataset {
        func fail(_ tensor: String?, _ problem: String) -> TensorFileError {
            TensorFileError(path: path, tensor: tensor, problem: problem)
        }
        let tensors = try NPZ.decode(bytes, path: path).tensors
        let present = tensors.map { "'\($0.name)'" }.joined(separator: ", ")
        guard let x = tensors.first(where: { $0.name == "x" }) else {
            throw fail("x", "missing: a data .npz holds features 'x' (N × d) and labels 'y' (N); this one has \(present.isEmpty ? "no arrays" : present)")
        }
        guard let y = tensors.first(where: { $0.name == "y" }) else {
            throw fail("y", "missing: a data .npz holds features 'x' (N × d) and labels 'y' (N); this one has \(present)")
        }
        guard x.shape.count == 2, x.shape[0] > 0, x.shape[1] > 0 else {
            throw fail("x", "shape \(x.shapeText) is not (N, d) with N, d ≥ 1")
        }
        let (n, d) = (x.shape[0], x.shape[1])
        if y.shape.count == 2, y.shape[0] == n, y.shape[1] > 0, !y.isInteger {
            return try regression(x: x, y: y, path: path)
        }
        guard y.shape == [n] else { throw fail("y", "shape \(y.shapeText) is not (\(n),), one label per row of 'x'") }

        var labels = [Int](repeating: 0, count: n)
        for s in 0..<n {
            let value = y.values[s]
            guard let label = Int(exactly: value) else { throw fail("y", "element \(s) is \(value), not a whole number") }
            guard label >= 0 else { throw fail("y", "element \(s) is \(label): labels are 0, 1, 2, …") }
            guard label <= CSVDataset.largestLabel else {
                throw fail("y", "element \(s) is \(label), too large: labels are class numbers 0…\(CSVDataset.largestLabel)")
            }
            labels[s] = label
        }
        var features = [Double](repeating: 0, count: n * d)
        for s in 0..<n {
            for j in 0..<d {
                let value = x.values[s * d + j]
                guard value.isFinite else { throw fail("x", "element [\(s), \(j)] is \(value), not a finite number") }
                features[j * n + s] = value
            }
        }
        let classCount = max(2, (labels.max() ?? 0) + 1)
        return Dataset(unchecked: features, labels: labels, dimension: d, classCount: classCount)
    }

    /// A regression data set: float targets `y` of shape (N, k).
    private static func regression(x: NamedTensor, y: NamedTensor, path: String) throws -> Dataset {
        let (n, d, k) = (x.shape[0], x.shape[1], y.shape[1])
        var features = [Double](repeating: 0, count: n * d)
        for s in 0..<n { for j in 0..<d { features[j * n + s] = x.values[s * d + j] } }
        var targets = [Double](repeating: 0, count: n * k)
        for s in 0..<n { for t in 0..<k { targets[t * n + s] = y.values[s * k + t] } }
        do {
            return try Dataset(features: features, targets: targets, dimension: d, outputs: k)
        } catch let error as DatasetError {
            throw TensorFileError(path: path, tensor: nil, problem: error.description)
        }
    }

    /// An archive of `x` (N × d, float64) and `y`: (N,) int64 labels, or
    /// (N, k) float64 regression targets.
    public static func encode(_ data: Dataset) -> [UInt8] {
        let rows = (0..<data.count).flatMap { data.example($0) }
        let y = data.targets.map { _ in
            NamedTensor(name: "y", shape: [data.count, data.classCount],
                        values: (0..<data.count).flatMap { s in (0..<data.classCount).map { data.target($0, of: s) } })
        } ?? NamedTensor(name: "y", shape: [data.count], values: data.labels.map(Double.init), isInteger: true)
        return NPZ.encode([NamedTensor(name: "x", shape: [data.count, data.dimension], values: rows), y], metadata: [:])
    }
}
