/// Errors in an experiment's settings.
public enum ExperimentError: Error, CustomStringConvertible, Equatable {
    case invalid(String)
    /// One line for a human.
    public var description: String {
        switch self {
        case .invalid(let message): return message
        }
    }
}
