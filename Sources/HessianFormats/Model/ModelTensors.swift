import HessianCore

/// How a weight matrix is stored.
public enum WeightLayout: String, CaseIterable, Sendable {
    /// (out, in), as PyTorch's `nn.Linear.weight`.
    case outIn = "out-in"
    /// (in, out), as Flax `Dense` and Keras `Dense` kernels.
    case inOut = "in-out"
}

/// What a model file may not record, given by the caller: the weight
/// layout, and the activation and loss when the file has no metadata.
public struct ModelReadOptions: Sendable, Equatable {
    /// How weight matrices are stored.
    public var weightLayout: WeightLayout
    /// The hidden activations, when the file does not record them.
    public var activations: Activations?
    /// The loss, when the file does not record it.
    public var loss: Loss?
    /// λ of the weight decay, when the file does not record it (else 0).
    public var weightDecay: Double?

    /// Options; nil activation and loss leave them to the file.
    public init(weightLayout: WeightLayout = .outIn, activations: Activations? = nil, loss: Loss? = nil, weightDecay: Double? = nil) {
        self.weightLayout = weightLayout
        self.activations = activations
        self.loss = loss
        self.weightDecay = weightDecay
    }

    /// Options with one σ for every hidden layer.
    public init(weightLayout: WeightLayout = .outIn, activation: Activation?, loss: Loss? = nil) {
        self.init(weightLayout: weightLayout, activations: activation.map { Activations($0) }, loss: loss)
    }
}

/// A setting of the network that a weights file does not record.
public enum ModelSetting: String, Sendable {
    /// The hidden activation σ.
    case activation
    /// The loss on the outputs.
    case loss
    /// λ of the weight decay.
    case weightDecay = "weight_decay"
}

/// The activation or loss of a weights file is unknown, or given twice
/// with different values; the caller knows how the user supplies it.
public enum ModelSettingError: Error, CustomStringConvertible, Equatable {
    /// Neither the file's metadata nor the caller gives it.
    case missing(path: String, setting: ModelSetting)
    /// The file records `recorded`, the caller asked for `given`.
    case conflict(path: String, setting: ModelSetting, recorded: String, given: String)

    /// The problem in one line, naming the file.
    public var description: String {
        switch self {
        case .missing(let path, let setting):
            return "\(path): the file does not record the \(setting.rawValue)"
        case .conflict(let path, let setting, let recorded, let given):
            return "\(path): the file records \(setting.rawValue) \(recorded), not \(given)"
        }
    }
}

/// An `MLP` from named weight and bias tensors (a PyTorch state dict, a
/// Flax or NumPy parameter dict), and back.
///
/// Naming rules, in order:
/// 1. A tensor's name splits at `.` and `/` into a layer prefix and a last
///    part: `weight`, `kernel` or `w` is the layer's weight, `bias` or `b`
///    its bias (`0.weight`, `layers.1.bias`, `Dense_0/kernel`). Any other
///    tensor is refused by name: only `Linear` layers with parameter-free
///    activations between them are read.
/// 2. Layers whose prefixes all contain numbers, each a different list,
///    are ordered by those numbers (`0`, `2`, `4`; `fc1`, `fc2`; `layers.10`
///    after `layers.9`).
/// 3. Otherwise the shapes decide: each layer's input size must be the
///    previous one's output size; if that allows no order or more than one,
///    the file is refused, saying so.
/// A layer with a weight and no bias tensor is a bias-free `Linear`
/// (`bias=False`): it has no bias parameters (`MLP.hasBias`), and none is
/// written for it.
public enum ModelTensors {
    /// The tensors of `model` under PyTorch `nn.Sequential` names (`0.weight`,
    /// `0.bias`, `2.weight`, … — the activations take the odd indices),
    /// weights (out, in).
    public static func tensors(of model: MLP) -> [NamedTensor] {
        let layout = model.layout
        var out: [NamedTensor] = []
        for l in 1...layout.depth {
            let fanIn = layout.sizes[l - 1], fanOut = layout.sizes[l]
            let w = layout.weightOffset(l), b = layout.biasOffset(l)
            out.append(NamedTensor(name: "\(2 * (l - 1)).weight", shape: [fanOut, fanIn], values: Array(model.parameters[w..<(w + fanOut * fanIn)])))
            guard model.hasBias[l - 1] else { continue }
            out.append(NamedTensor(name: "\(2 * (l - 1)).bias", shape: [fanOut], values: Array(model.parameters[b..<(b + fanOut)])))
        }
        return out
    }

    /// The metadata written beside the tensors.
    public static func metadata(of model: MLP) -> [String: String] {
        var metadata = ["format": ModelFile.format, "version": String(ModelFile.version),
                        "layers": model.sizes.map(String.init).joined(separator: ","),
                        "activation": model.activations.description, "loss": model.loss.rawValue]
        if model.weightDecay != 0 { metadata[ModelSetting.weightDecay.rawValue] = "\(model.weightDecay)" }
        return metadata
    }

    /// The network in `archive` with the archive's metadata and the settings
    /// it does not record (see `model(from:path:options:)`).
    public static func record(from archive: TensorArchive, path: String, options: ModelReadOptions) throws -> ModelRecord {
        let model = try model(from: archive, path: path, options: options)
        let unrecorded = [ModelSetting.activation, .loss].filter { archive.metadata[$0.rawValue] == nil }
        return ModelRecord(model: model, metadata: archive.metadata, unrecorded: unrecorded)
    }

    /// The network in `archive`; `path` names the file in errors.
    /// - Throws: `TensorFileError` naming the tensor at fault,
    ///   `ModelSettingError` when the activation or loss is unknown or
    ///   contradicts `options`.
    public static func model(from archive: TensorArchive, path: String, options: ModelReadOptions) throws -> MLP {
        func fail(_ tensor: String?, _ problem: String) -> TensorFileError {
            TensorFileError(path: path, tensor: tensor, problem: problem)
        }
        let activations = try recordedActivations(archive.metadata, options.activations, path)
        let loss = try recordedLoss(archive.metadata, options.loss, path)

        // Rule 1: weight or bias of which layer.
        var layers: [String: (weight: NamedTensor?, bias: NamedTensor?)] = [:]
        var prefixes: [String] = []
        for tensor in archive.tensors {
            let parts = tensor.name.split(whereSeparator: { $0 == "." || $0 == "/" }).map(String.init)
            let role = parts.last ?? ""
            let prefix = parts.dropLast().joined(separator: ".")
            let isWeight = ["weight", "kernel", "w", "W"].contains(role)
            let isBias = ["bias", "b"].contains(role)
            if let problem = notLinear(tensor, role: role, prefix: prefix) { throw fail(tensor.name, problem) }
            guard isWeight || isBias else {
                throw fail(tensor.name, "neither a weight nor a bias (names end in .weight/.bias or kernel/bias): only Linear layers with parameter-free activations between them are read")
            }
            if layers[prefix] == nil { prefixes.append(prefix) }
            var entry = layers[prefix] ?? (nil, nil)
            if isWeight {
                if let other = entry.weight { throw fail(tensor.name, "a second weight for the layer of '\(other.name)'") }
                guard tensor.shape.count == 2 else {
                    throw fail(tensor.name, "a weight must have 2 dimensions, this has shape \(tensor.shapeText)")
                }
                entry.weight = tensor
            } else {
                if let other = entry.bias { throw fail(tensor.name, "a second bias for the layer of '\(other.name)'") }
                guard tensor.shape.count == 1 else {
                    throw fail(tensor.name, "a bias must have 1 dimension, this has shape \(tensor.shapeText)")
                }
                entry.bias = tensor
            }
            layers[prefix] = entry
        }
        guard !prefixes.isEmpty else { throw fail(nil, "no weight tensors: expected Linear layers named like 0.weight, 0.bias, 2.weight, …") }

        struct Layer {
            var weight: NamedTensor
            var bias: NamedTensor?
            var fanIn: Int
            var fanOut: Int
            var numbers: [Int]
        }
        var found: [Layer] = []
        for prefix in prefixes {
            let entry = layers[prefix] ?? (nil, nil)
            guard let weight = entry.weight else {
                throw fail(entry.bias?.name, "a bias without a weight (no '\(prefix.isEmpty ? "" : prefix + ".")weight' tensor)")
            }
            let bias = entry.bias
            let (fanOut, fanIn) = options.weightLayout == .outIn ? (weight.shape[0], weight.shape[1]) : (weight.shape[1], weight.shape[0])
            guard fanIn > 0, fanOut > 0 else { throw fail(weight.name, "shape \(weight.shape.description) has an empty dimension") }
            if let bias, bias.shape[0] != fanOut {
                throw fail(bias.name, "shape \(bias.shapeText) does not match the \(fanOut) outputs of '\(weight.name)' \(weight.shapeText)\(options.weightLayout == .outIn ? " read as (out, in); for Flax/Keras kernels pass the in-out weight layout" : " read as (in, out)")")
            }
            found.append(Layer(weight: weight, bias: bias, fanIn: fanIn, fanOut: fanOut, numbers: numbers(in: prefix)))
        }

        // Rule 2: numbers in the names; rule 3: the shapes.
        var order: [Int]
        let byNumbers = found.allSatisfy { !$0.numbers.isEmpty } && Set(found.map(\.numbers)).count == found.count
        if byNumbers || found.count == 1 {
            order = found.indices.sorted { found[$0].numbers.lexicographicallyPrecedes(found[$1].numbers) }
            for (a, b) in zip(order, order.dropFirst()) where found[b].fanIn != found[a].fanOut {
                throw fail(found[b].weight.name, "takes \(found[b].fanIn) inputs but the layer before it, '\(found[a].weight.name)' \(found[a].weight.shapeText), gives \(found[a].fanOut) outputs (layers are ordered by the numbers in their names)\(options.weightLayout == .outIn ? "; for Flax/Keras kernels (in, out) pass the in-out weight layout" : "")")
            }
        } else {
            let names = found.map { "'\($0.weight.name)' \($0.weight.shapeText)" }.joined(separator: ", ")
            guard found.count <= 12 else {
                throw fail(nil, "\(found.count) layers whose names do not give their order: number them (0.weight, 1.weight, …)")
            }
            let chains = chainings(fanIns: found.map(\.fanIn), fanOuts: found.map(\.fanOut), limit: 2)
            guard let first = chains.first else {
                throw fail(found[0].weight.name, "the names do not order the layers and their shapes do not chain (each layer's input size the previous one's output size): \(names)")
            }
            guard chains.count == 1 else {
                throw fail(found[0].weight.name, "the names do not order the layers and their shapes chain in more than one order: \(names); number the layers in their names")
            }
            order = first
        }

        let ordered = order.map { found[$0] }
        let sizes = [ordered[0].fanIn] + ordered.map(\.fanOut)
        if let recorded = archive.metadata["layers"], recorded != sizes.map(String.init).joined(separator: ",") {
            throw fail(nil, "the metadata records layers \(recorded) but the tensors give \(sizes.map(String.init).joined(separator: ","))")
        }
        var parameters: [Double] = []
        parameters.reserveCapacity(ParameterLayout.parameterCount(sizes))
        for layer in ordered {
            for tensor in [layer.weight] + (layer.bias.map { [$0] } ?? []) {
                if let bad = tensor.values.firstIndex(where: { !$0.isFinite }) {
                    throw fail(tensor.name, "element \(position(bad, shape: tensor.shape)) is \(tensor.values[bad]), not a finite number")
                }
            }
            if options.weightLayout == .outIn {
                parameters += layer.weight.values
            } else {
                // (in, out) row-major is (out, in) column-major: transpose.
                for i in 0..<layer.fanOut {
                    for j in 0..<layer.fanIn { parameters.append(layer.weight.values[j * layer.fanOut + i]) }
                }
            }
            parameters += layer.bias?.values ?? [Double](repeating: 0, count: layer.fanOut)
        }
        do {
            var model = try MLP(sizes: sizes, activations: activations, loss: loss, parameters: parameters,
                                hasBias: ordered.map { $0.bias != nil })
            model.weightDecay = try recordedWeightDecay(archive.metadata, options.weightDecay, path)
            if let given = options.activations, archive.metadata[ModelSetting.activation.rawValue] != nil,
               (try? given.expanded(hiddenLayers: sizes.count - 2)) != model.activations {
                throw ModelSettingError.conflict(path: path, setting: .activation, recorded: model.activations.description, given: given.description)
            }
            return model
        } catch let error as ModelError {
            throw fail(nil, error.description)
        }
    }

    /// The loss: from the metadata (any name `Loss(name:)` reads), else
    /// from the caller; both given and different is a conflict.
    private static func recordedLoss(_ metadata: [String: String], _ given: Loss?, _ path: String) throws -> Loss {
        guard let recorded = metadata[ModelSetting.loss.rawValue] else {
            guard let given else { throw ModelSettingError.missing(path: path, setting: .loss) }
            return given
        }
        guard let value = Loss(name: recorded) else {
            throw TensorFileError(path: path, problem: "the metadata's loss '\(recorded)' is not one of \(Loss.names)")
        }
        if let given, given != value {
            throw ModelSettingError.conflict(path: path, setting: .loss, recorded: recorded, given: given.rawValue)
        }
        return value
    }

    /// λ of the weight decay: from the metadata, else from the caller, else 0.
    private static func recordedWeightDecay(_ metadata: [String: String], _ given: Double?, _ path: String) throws -> Double {
        guard let recorded = metadata[ModelSetting.weightDecay.rawValue] else { return given ?? 0 }
        guard let value = Double(recorded), value >= 0, value.isFinite else {
            throw TensorFileError(path: path, problem: "the metadata's weight_decay '\(recorded)' is not a non-negative number")
        }
        if let given, given != value {
            throw ModelSettingError.conflict(path: path, setting: .weightDecay, recorded: recorded, given: "\(given)")
        }
        return value
    }

    /// Why `tensor` is recognisably part of a layer other than Linear
    /// (BatchNorm statistics, a LayerNorm/BatchNorm scale, a convolution
    /// kernel), or nil.
    private static func notLinear(_ tensor: NamedTensor, role: String, prefix: String) -> String? {
        let layer = prefix.isEmpty ? "its layer" : "layer '\(prefix)'"
        let way = UnsupportedLayer.wayOut
        if let problem = UnsupportedLayer.batchNormStatistic(tensor.name) { return problem }
        guard ["weight", "kernel", "w", "W"].contains(role) else { return nil }
        if tensor.shape.count == 1 {
            return "a 1-dimensional weight \(tensor.shapeText), the scale of a LayerNorm or BatchNorm: \(layer) is not a Linear layer; " + way
        }
        if tensor.shape.count >= 3 {
            return "a \(tensor.shape.count)-dimensional weight \(tensor.shapeText), a convolution kernel: \(layer) is not a Linear layer; " + way
        }
        return nil
    }

    /// The hidden activations: from the metadata (one name or one per
    /// hidden layer, comma-separated), else from the caller.
    private static func recordedActivations(_ metadata: [String: String], _ given: Activations?, _ path: String) throws -> Activations {
        guard let recorded = metadata[ModelSetting.activation.rawValue] else {
            guard let given else { throw ModelSettingError.missing(path: path, setting: .activation) }
            return given
        }
        guard let value = Activations(text: recorded) else {
            throw TensorFileError(path: path, problem: "the metadata's activation '\(recorded)' is not a list of \(Activation.names.joined(separator: ", "))")
        }
        return value
    }

    /// The whole numbers in a name: "layers.10.fc2" → [10, 2].
    static func numbers(in name: String) -> [Int] {
        var out: [Int] = []
        var digits = ""
        for c in name + " " {
            if c.isASCII && c.isNumber {
                digits.append(c)
            } else if !digits.isEmpty {
                out.append(Int(digits) ?? Int.max)
                digits = ""
            }
        }
        return out
    }

    /// Orders of the layers in which each input size is the previous output
    /// size, up to `limit` of them: depth-first, remembering the (layers used,
    /// last layer) states that cannot be completed, so at most 2ⁿ·n states
    /// are visited for n ≤ 12 layers.
    static func chainings(fanIns: [Int], fanOuts: [Int], limit: Int) -> [[Int]] {
        let n = fanIns.count
        var found: [[Int]] = []
        var path: [Int] = []
        var dead = Set<Int>()
        func extend(used: Int) {
            let last = path.last ?? n
            if path.count == n { found.append(path); return }
            let state = used * (n + 1) + last
            if dead.contains(state) { return }
            let before = found.count
            for k in 0..<n where used & (1 << k) == 0 && (path.isEmpty || fanIns[k] == fanOuts[last]) {
                path.append(k)
                extend(used: used | (1 << k))
                path.removeLast()
                if found.count >= limit { return }
            }
            if found.count == before { dead.insert(state) }
        }
        extend(used: 0)
        return found
    }

    /// "[2, 3]" for the flat row-major index of an array of `shape`.
    private static func position(_ flat: Int, shape: [Int]) -> String {
        var rest = flat
        var index = [Int](repeating: 0, count: shape.count)
        for axis in shape.indices.reversed() where shape[axis] > 0 {
            index[axis] = rest % shape[axis]
            rest /= shape[axis]
        }
        return "[" + index.map(String.init).joined(separator: ", ") + "]"
    }
}
