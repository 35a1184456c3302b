import ArgumentParser

/// Two places where the argument parser's own wording would mislead, fixed
/// before it sees the arguments.
enum CommandLineRepair {
    /// `--width -3` becomes `--width=-3`, so a negative number reaches the
    /// option's check ("--width must be positive, got -3") instead of being
    /// taken for an unknown flag ("Missing value"); an unknown first word is
    /// refused with the list of commands.
    static func arguments(_ arguments: [String]) throws -> [String] {
        if let first = arguments.first, !first.hasPrefix("-"), first != "help",
           !HessianSpectrum.configuration.subcommands.contains(where: { $0._commandName == first }) {
            let names = HessianSpectrum.configuration.subcommands
                .filter { $0.configuration.shouldDisplay }.map { $0._commandName }
            throw ValidationError("unknown command '\(first)'; the commands are \(names.joined(separator: ", ")) (see --help)")
        }
        var repaired: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                repaired += arguments[index...]
                break
            }
            if argument.hasPrefix("--"), !argument.contains("="), index + 1 < arguments.count,
               isNegativeNumber(arguments[index + 1]) {
                repaired.append(argument + "=" + arguments[index + 1])
                index += 2
                continue
            }
            repaired.append(argument)
            index += 1
        }
        return repaired
    }

    private static func isNegativeNumber(_ text: String) -> Bool {
        text.hasPrefix("-") && text.count > 1 && Double(text) != nil
    }
}
