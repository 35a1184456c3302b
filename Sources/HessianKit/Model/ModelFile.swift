import Foundation

/// The interchange file of a trained network:
/// `{"format":"hessian-spectrum-mlp","version":1,"layers":[d,h1,…,C],
///   "activation":"relu","loss":"nll","parameters":[…]}` with the parameters
/// flat in `ParameterLayout` order, each written as the shortest text that
/// reads back to the same Double.
public enum ModelFile {
    public static let format = "hessian-spectrum-mlp"
    public static let version = 1

    /// The JSON text of `model`.
    public static func encode(_ model: MLP) -> String {
        var text = "{\"format\":\"\(format)\",\"version\":\(version),"
        text += "\"layers\":[\(model.sizes.map(String.init).joined(separator: ","))],"
        text += "\"activation\":\"\(model.activation.rawValue)\",\"loss\":\"\(model.loss.rawValue)\",\"parameters\":["
        text += model.parameters.map { $0.description }.joined(separator: ",")
        text += "]}\n"
        return text
    }

    /// Reads and checks a model file.
    /// Reads and checks a model file (`-`: stdin). A model file is refused
    /// before it is read whole when it is larger than the layers it declares
    /// in its first 64 kB can need (`largestFileSize`).
    public static func read(path: String) throws -> MLP {
        let name = path == "-" ? "stdin" : path
        let bytes: [UInt8]
        do {
            bytes = try InputFile.readText(path, kind: "JSON", limit: sizeLimit(path))
        } catch let error as FileReadError {
            throw ModelFileError(path: name, problem: error.problem)
        }
        return try decode(Data(bytes), path: name)
    }

    /// The most bytes a model file with `parameters` parameters can need:
    /// 64 per number (the shortest round-trip text is at most 24 characters;
    /// the rest allows for indentation) plus 64 kB for everything else.
    public static func largestFileSize(parameters: Int) -> Int {
        let (bytes, overflow) = parameters.multipliedReportingOverflow(by: 64)
        return overflow ? Int.max : bytes &+ (1 << 16)
    }

    /// The read limit for `path`: from the layers declared near the start of
    /// a regular file, else the general text limit.
    private static func sizeLimit(_ path: String) -> Int {
        let general = InputFile.textLimit()
        // Only a regular file can be peeked at without using up its bytes.
        guard path != "-", let status = POSIXFile.status(path), status.st_mode & S_IFMT == S_IFREG,
              let handle = FileHandle(forReadingAtPath: path) else { return general }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 1 << 16),
              let layers = declaredLayers(in: String(decoding: head, as: UTF8.self)),
              let count = ParameterLayout.checkedParameterCount(layers) else { return general }
        return min(general, largestFileSize(parameters: count))
    }

    /// The sizes of `"layers":[…]` when the text holds them.
    static func declaredLayers(in text: String) -> [Int]? {
        guard let key = text.range(of: "\"layers\"") else { return nil }
        let rest = text[key.upperBound...].drop { $0 == " " || $0 == ":" || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return nil }
        let list = rest[rest.index(after: rest.startIndex)..<close].split(separator: ",")
        let sizes = list.compactMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return sizes.count == list.count && sizes.count >= 2 && sizes.allSatisfy({ $0 > 0 }) ? sizes : nil
    }

    /// Parses and checks model JSON; `path` names it in errors.
    public static func decode(_ data: Data, path: String) throws -> MLP {
        func fail(_ problem: String) -> ModelFileError { ModelFileError(path: path, problem: problem) }
        guard (try? JSONSerialization.jsonObject(with: data)) != nil else { throw fail("not valid JSON") }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else { throw fail("expected a JSON object") }
        guard header.format == format else { throw fail("\"format\" must be \"\(format)\"") }
        guard header.version == version else { throw fail("unsupported \"version\" (this tool reads version \(version))") }
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: data)
        } catch DecodingError.keyNotFound(let key, _) {
            throw fail("missing \"\(key.stringValue)\"")
        } catch DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context) {
            let field = context.codingPath.first?.stringValue ?? "a field"
            throw fail("\"\(field)\" has the wrong type (" + expectation(field) + ")")
        } catch {
            throw fail("not a model file")
        }
        guard body.layers.count >= 2, body.layers.allSatisfy({ $0 > 0 }) else {
            throw fail("\"layers\" must be a list of at least two positive sizes")
        }
        guard ParameterLayout.checkedParameterCount(body.layers) != nil else {
            throw fail("\"layers\" describe more parameters than an Int can count")
        }
        guard let activation = Activation(rawValue: body.activation) else {
            throw fail("\"activation\" must be one of \(Activation.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let loss = Loss(rawValue: body.loss) else {
            throw fail("\"loss\" must be one of \(Loss.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        do {
            return try MLP(sizes: body.layers, activation: activation, loss: loss, parameters: body.parameters)
        } catch let error as ModelError {
            throw fail(error.description)
        }
    }

    private static func expectation(_ field: String) -> String {
        switch field {
        case "layers": return "\"layers\" must be a list of whole numbers"
        case "parameters": return "\"parameters\" must be a list of numbers"
        default: return "see the documented format"
        }
    }

    private struct Header: Decodable {
        var format: String?
        var version: Int?
    }

    /// JSONDecoder parses numbers exactly (JSONSerialization may not).
    private struct Body: Decodable {
        var layers: [Int]
        var activation: String
        var loss: String
        var parameters: [Double]
    }
}

public struct ModelFileError: Error, CustomStringConvertible, Equatable {
    public var path: String
    public var problem: String
    public var description: String { "\(path): \(problem)" }
}
