import Foundation
import XCTest

/// Runs the built `hessian-spectrum` binary and captures what it prints.
public struct CommandResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum CommandRunner {
    /// The binary beside the test bundle (SwiftPM builds both into one folder).
    public static var binary: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("hessian-spectrum")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL.appendingPathComponent("hessian-spectrum")
    }

    /// A cache folder of this test process's own, empty unless a test writes to it.
    public static let emptyCacheFolder = FileManager.default.temporaryDirectory
        .appendingPathComponent("hessian-spectrum-test-cache-\(getpid())").path

    public static func run(_ arguments: [String], executable: URL? = nil, environment: [String: String] = [:],
                           stdin: String? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable ?? binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        // A LAPACK calibration the developer cached must not choose the library of a test run.
        env["XDG_CACHE_HOME"] = emptyCacheFolder
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes fully before waiting, so a large output cannot block the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let outBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { outBox.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let outData = outBox.data
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary folder.
    public static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hs-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Rows of a CSV text (no quoting needed for the tool's numeric output).
public func csvRows(_ text: String) -> (header: [String], rows: [[String]]) {
    let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    return (lines.first ?? [], Array(lines.dropFirst()))
}

/// Asserts a clean failure: non-zero exit, nothing on stdout, and stderr
/// ending in exactly one line starting with "error:" (progress lines may
/// come before it), with no trap or stack trace.
public func assertCleanFailure(_ result: CommandResult, mentioning fragment: String, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertNotEqual(result.status, 0, "expected a failure", file: file, line: line)
    let lines = result.stderr.split(separator: "\n")
    XCTAssertEqual(lines.filter { $0.hasPrefix("error:") }.count, 1, "one error line, got: \(result.stderr)", file: file, line: line)
    XCTAssert(lines.last?.hasPrefix("error: ") ?? false, "stderr: \(result.stderr)", file: file, line: line)
    for marker in ["Fatal error", "Stack dump", "backtrace", "Illegal instruction", "Segmentation"] {
        XCTAssertFalse(result.stderr.contains(marker), "crash marker in: \(result.stderr)", file: file, line: line)
    }
    XCTAssert(result.stderr.lowercased().contains(fragment.lowercased()), "'\(result.stderr)' should mention '\(fragment)'", file: file, line: line)
    XCTAssertEqual(result.stdout, "", "nothing on stdout after a failure", file: file, line: line)
}
