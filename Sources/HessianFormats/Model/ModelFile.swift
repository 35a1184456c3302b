import Foundation
import HessianCore

/// The interchange file of a trained network:
/// `{"format":"hessian-spectrum-mlp","version":1,"layers":[d,h1,…,C],
///   "activation":"relu","loss":"nll","parameters":[…]}` with the parameters
/// flat in `ParameterLayout` order, each written as the shortest text that
/// reads back to the same Double. "activation" is one name for every hidden
/// layer or one per hidden layer, comma-separated (`"gelu,tanh,silu"`).
/// A network with bias-free layers also has `"bias":[true,false,…]`, one
/// flag per layer, and its "parameters" hold only the real ones (no entry
/// for a missing bias).
public enum ModelFile {
    /// The value of the file's "format" field.
    public static let format = "hessian-spectrum-mlp"
    /// The value of the file's "version" field.
    public static let version = 1

    /// The JSON text of `model`.
    public static func encode(_ model: MLP, data: DataFingerprint? = nil) -> String {
        var text = "{\"format\":\"\(format)\",\"version\":\(version),"
        text += "\"layers\":[\(model.sizes.map(String.init).joined(separator: ","))],"
        text += "\"activation\":\"\(model.activations.description)\",\"loss\":\"\(model.loss.rawValue)\","
        if model.weightDecay != 0 { text += "\"weight_decay\":\(model.weightDecay),"}
        if model.hasMissingBiases { text += "\"bias\":[\(model.hasBias.map(String.init).joined(separator: ","))]," }
        text += "\"parameters\":["
        text += model.restricted(model.parameters).map { $0.description }.joined(separator: ",")
        text += "]"
        if let data { text += ",\"data\":\"\(data)\"" }
        text += "}\n"
        return text
    }

    /// Reads and checks a model file of any format (`-`: JSON on stdin),
    /// recognised by its content (see `decode(bytes:path:options:)`).
    /// safetensors and .npz are read whole from a regular file no larger
    /// than the memory allows; JSON is refused before it is read whole when
    /// it is larger than the layers it declares in its first 64 kB can need
    /// (`largestFileSize`).
    public static func read(path: String, options: ModelReadOptions = ModelReadOptions()) throws -> MLP {
        try readRecord(path: path, options: options).model
    }

    /// Reads a model file as `read(path:options:)` does, with its metadata
    /// and the settings it did not record.
    public static func readRecord(path: String, options: ModelReadOptions = ModelReadOptions()) throws -> ModelRecord {
        let name = path == "-" ? "stdin" : path
        let bytes: [UInt8]
        do {
            let head = InputFile.head(path, count: 16)
            let format = head.flatMap { ModelFormat(content: $0, fileSize: POSIXFile.status(path).map { Int($0.st_size) }) }
            if head != nil, format.map({ $0 != .json }) ?? (ModelFormat(path: path) != .json) {
                bytes = try InputFile.readBinary(path, kind: (format ?? ModelFormat(path: path)).rawValue)
            } else {
                bytes = try InputFile.readText(path, kind: "JSON", limit: sizeLimit(path))
            }
        } catch let error as FileReadError {
            throw ModelFileError(path: name, problem: error.problem)
        }
        return try decodeRecord(bytes: bytes, path: name, options: options)
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

    /// The network in a model file's bytes, whatever its format: the tool's
    /// JSON (text starting with `{`), safetensors (a little-endian header
    /// length, then a JSON header) or NumPy .npz (a zip); content that is
    /// none of them is read as its extension says. A pure function
    /// of its input; `path` only names the file in errors.
    /// - Throws: `ModelFileError` (JSON), `TensorFileError` (safetensors,
    ///   npz), `ModelSettingError` (activation or loss unknown or
    ///   contradicting `options`).
    public static func decode(bytes: [UInt8], path: String, options: ModelReadOptions = ModelReadOptions()) throws -> MLP {
        try decodeRecord(bytes: bytes, path: path, options: options).model
    }

    /// Decodes a model file as `decode(bytes:path:options:)` does, with its
    /// metadata and the settings it did not record.
    public static func decodeRecord(bytes: [UInt8], path: String, options: ModelReadOptions = ModelReadOptions()) throws -> ModelRecord {
        if PyTorchPickle.isPickle(bytes) { throw ModelFileError(path: path, problem: PyTorchPickle.problem) }
        // Content that is none of the formats is read as its extension says
        // (JSON by default), to say what is wrong with it.
        switch ModelFormat(content: bytes) ?? ModelFormat(path: path) {
        case .json:
            let model = try decode(Data(bytes), path: path)
            if let given = options.activations, (try? given.expanded(hiddenLayers: model.sizes.count - 2)) != model.activations {
                throw ModelSettingError.conflict(path: path, setting: .activation, recorded: model.activations.description, given: given.description)
            }
            if let given = options.weightDecay, given != model.weightDecay {
                throw ModelSettingError.conflict(path: path, setting: .weightDecay, recorded: "\(model.weightDecay)", given: "\(given)")
            }
            if let given = options.loss, given != model.loss {
                throw ModelSettingError.conflict(path: path, setting: .loss, recorded: model.loss.rawValue, given: given.rawValue)
            }
            var metadata = ModelTensors.metadata(of: model)
            metadata["data"] = (try? JSONDecoder().decode(DataField.self, from: Data(bytes)))?.data
            return ModelRecord(model: model, metadata: metadata, unrecorded: [])
        case .safetensors:
            return try ModelTensors.record(from: SafeTensors.decode(bytes, path: path), path: path, options: options)
        case .npz:
            return try ModelTensors.record(from: NPZ.decode(bytes, path: path), path: path, options: options)
        }
    }

    /// The bytes of `model` in `format`, with the fingerprint of the data
    /// it was trained on when given.
    public static func encode(_ model: MLP, as format: ModelFormat, data: DataFingerprint? = nil) -> [UInt8] {
        var metadata = ModelTensors.metadata(of: model)
        if let data { metadata["data"] = data.description }
        switch format {
        case .json: return Array(encode(model, data: data).utf8)
        case .safetensors: return SafeTensors.encode(ModelTensors.tensors(of: model), metadata: metadata)
        case .npz: return NPZ.encode(ModelTensors.tensors(of: model), metadata: metadata)
        }
    }

    /// Writes `model` whole or not at all, in the format of the path's
    /// extension (`.safetensors`, `.npz`, anything else JSON), recording
    /// the fingerprint of its training data when given, through `writer`.
    public static func write(_ model: MLP, to path: String, data: DataFingerprint? = nil, through writer: some FileWriter) throws {
        try writer.write(encode(model, as: ModelFormat(path: path), data: data), to: path)
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
        guard let activations = Activations(text: body.activation) else {
            throw fail("\"activation\" must be one of \(Activation.names.joined(separator: ", ")), or one per hidden layer separated by commas")
        }
        guard let loss = Loss(name: body.loss) else {
            throw fail("\"loss\" must be one of \(Loss.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        do {
            var model = try MLP(sizes: body.layers, activations: activations, loss: loss,
                                parameters: fullParameters(body, activations: activations, loss: loss), hasBias: body.bias)
            if let decay = body.weight_decay {
                guard decay >= 0, decay.isFinite else { throw fail("\"weight_decay\" must be a non-negative number") }
                model.weightDecay = decay
            }
            return model
        } catch let error as ModelError {
            throw fail(error.description)
        }
    }

    /// The parameters in the full layout: with a "bias" list the file
    /// holds only the real ones, and the missing biases are put back as 0.
    private static func fullParameters(_ body: Body, activations: Activations, loss: Loss) throws -> [Double] {
        guard let bias = body.bias else { return body.parameters }
        let zero = try MLP(sizes: body.layers, activations: activations, loss: loss,
                           parameters: [Double](repeating: 0, count: ParameterLayout.parameterCount(body.layers)), hasBias: bias)
        guard body.parameters.count == zero.parameterCount else {
            throw ModelError.invalid("layers \(body.layers.map(String.init).joined(separator: "-")) with biases \(bias.map(String.init).joined(separator: ",")) need \(zero.parameterCount) parameters, got \(body.parameters.count)")
        }
        return zero.embedded(body.parameters)
    }

    private static func expectation(_ field: String) -> String {
        switch field {
        case "layers": return "\"layers\" must be a list of whole numbers"
        case "parameters": return "\"parameters\" must be a list of numbers"
        default: return "see the documented format"
        }
    }

    /// The optional "data" fingerprint of a JSON model file.
    private struct DataField: Decodable {
        var data: String?
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
        var weight_decay: Double?
        var bias: [Bool]?
    }
}

/// The formats a model file may have.
public enum ModelFormat: String, CaseIterable, Sendable {
    /// The tool's own JSON.
    case json
    /// Hugging Face safetensors.
    case safetensors
    /// A NumPy zip of `.npy` arrays.
    case npz

    /// The format written for a path: by its extension, JSON by default.
    public init(path: String) {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "safetensors": self = .safetensors
        case "npz": self = .npz
        default: self = .json
        }
    }

    /// The format of a file's content, or nil when it is none of them;
    /// `bytes` may be the first bytes only of a file of `fileSize` bytes.
    public init?(content bytes: [UInt8], fileSize: Int? = nil) {
        if NPZ.isNPZ(bytes) { self = .npz; return }
        if SafeTensors.isSafeTensors(bytes, fileSize: fileSize) { self = .safetensors; return }
        // JSON: the first character that is not white space (after a UTF-8 byte-order mark).
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        if let first = bytes[start...].first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            self = .json
            return
        }
        return nil
    }
}

/// A model file that cannot be read: its path and what is wrong.
public struct ModelFileError: Error, CustomStringConvertible, Equatable {
    /// The file.
    public var path: String
    /// What is wrong with it.
    public var problem: String
    /// One line for a human.
    public var description: String { "\(path): \(problem)" }
}
