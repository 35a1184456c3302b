import ArgumentParser
import Foundation

extension OutputPaths {
    /// Refuses, before any work, an output that would replace one of the
    /// inputs (the same file under any name: links and relative paths are
    /// resolved).
    static func checkNotInputs(_ outputs: [String?], inputs: [String?]) throws {
        func identity(_ path: String) -> String {
            URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        }
        let read = Set(inputs.compactMap { $0 }.filter { $0 != "-" }.map(identity))
        for case let output? in outputs where output != "-" && read.contains(identity(output)) {
            throw ValidationError("\(output) is also an input of this run: write the output elsewhere")
        }
    }
}
