@testable import HessianCore
@testable import HessianExperiments
@testable import HessianFormats
@testable import HessianPlots
@testable import HessianRuntime
import Foundation
import XCTest

/// A fresh folder under the system's temporary directory, removed by `remove()`.
struct ScratchFolder {
    let path: String

    init() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("hessian-spectrum-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    /// The path of `name` inside the folder.
    func file(_ name: String) -> String { URL(fileURLWithPath: path).appendingPathComponent(name).path }

    /// Writes `bytes` to `name` and returns its path.
    @discardableResult
    func write(_ bytes: [UInt8], to name: String) throws -> String {
        let target = file(name)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
        return target
    }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        try write(Array(text.utf8), to: name)
    }

    /// Writes `bytes` gzip-compressed to `name` with the system's `gzip`,
    /// an implementation independent of the zlib the library reads with.
    @discardableResult
    func writeGzip(_ bytes: [UInt8], to name: String) throws -> String {
        let plain = try write(bytes, to: name + ".plain")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-n", "-c", plain]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let compressed = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw DatasetError.invalid("gzip failed on \(plain)") }
        try FileManager.default.removeItem(atPath: plain)
        return try write(Array(compressed), to: name)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The bytes of an IDX file, header written out by hand: `00 00 type rank`,
/// then each size as four big-endian bytes, then the payload.
func idxFile(type: UInt8 = 0x08, dimensions: [Int], payload: [UInt8]) -> [UInt8] {
    var bytes: [UInt8] = [0, 0, type, UInt8(dimensions.count)]
    for size in dimensions {
        bytes += [UInt8(size >> 24 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size & 0xFF)]
    }
    return bytes + payload
}

/// Asserts that `expression` throws `DatasetError.file` for `path` whose
/// problem contains every one of `phrases`.
func assertFileError<T>(_ expression: @autoclosure () throws -> T, path: String, _ phrases: String...,
                        file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertThrowsError(try expression(), file: file, line: line) { error in
        let failedPath: String, problem: String
        switch error {
        case DatasetError.file(let p, let q): (failedPath, problem) = (p, q)
        case let error as FileReadError: (failedPath, problem) = (error.path, error.problem)
        default: return XCTFail("expected a file error, got \(error)", file: file, line: line)
        }
        XCTAssertEqual(failedPath, path, file: file, line: line)
        for phrase in phrases {
            XCTAssertTrue(problem.contains(phrase), "'\(problem)' does not say '\(phrase)'", file: file, line: line)
        }
    }
}
