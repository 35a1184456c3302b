/// What a setting's value must be.
public enum Requirement: Equatable, Sendable {
    case positive
    case positiveNumber
    case nonNegative
    case nonNegativeNumber
    case atLeast(Double)
    /// Every value of a list at least this.
    case eachAtLeast(Double)
    /// low ≤ value ≤ high, in `unit` (may be empty).
    case between(Double, Double, unit: String)
    /// 0 ≤ value < 1.
    case unitInterval
    /// 0 < value < 1.
    case openUnitInterval
    /// Below the value of another setting.
    case lessThan(Setting, Double)
    /// At least the value of another setting.
    case atLeastSetting(Setting, Double)
    /// A list with at least one value.
    case nonEmpty
    /// A rule in words, e.g. "takes start:stop:count, e.g. -1:2:61".
    case rule(String)

    /// The requirement as the rest of a sentence about the setting, naming
    /// any other setting through `naming`.
    public func text(naming: (Setting) -> String) -> String {
        switch self {
        case .positive: return "must be positive"
        case .positiveNumber: return "must be a positive number"
        case .nonNegative: return "must not be negative"
        case .nonNegativeNumber: return "must be a non-negative number"
        case .atLeast(let x): return "must be at least \(Self.number(x))"
        case .eachAtLeast(let x): return "values must be at least \(Self.number(x))"
        case .between(let low, let high, let unit):
            return "must be between \(Self.number(low)) and \(Self.number(high))\(unit.isEmpty ? "" : " " + unit)"
        case .unitInterval: return "must be at least 0 and below 1"
        case .openUnitInterval: return "must lie strictly between 0 and 1"
        case .lessThan(let other, let value): return "must be less than \(naming(other)) (\(Self.number(value)))"
        case .atLeastSetting(let other, let value): return "must be at least \(naming(other)) (\(Self.number(value)))"
        case .nonEmpty: return "needs at least one value"
        case .rule(let words): return words
        }
    }

    /// Whole numbers without a decimal point.
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}

/// A setting whose value the library does not accept: which setting, the
/// value given and what it must be. The description names the setting in
/// plain words; a command line names it by its flag (`message(naming:)`).
public struct SettingError: Error, Equatable, CustomStringConvertible {
    /// Which setting.
    public var setting: Setting
    /// The value given, as text; nil when the requirement says it all.
    public var value: String?
    /// What its value must be.
    public var requirement: Requirement

    /// The error for `setting`, whose value (when given) fails `requirement`.
    public init(_ setting: Setting, _ requirement: Requirement, got value: CustomStringConvertible? = nil) {
        self.setting = setting
        self.requirement = requirement
        self.value = value.map { "\($0)" }
    }

    /// One line naming settings through `naming`.
    public func message(naming: (Setting) -> String) -> String {
        "\(naming(setting)) \(requirement.text(naming: naming))" + (value.map { ", got \($0)" } ?? "")
    }

    /// One line for a human.
    public var description: String { message(naming: \.name) }
}
