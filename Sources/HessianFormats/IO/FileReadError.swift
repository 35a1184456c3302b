/// A file that cannot be read: its path and what is wrong with it.
public struct FileReadError: Error, CustomStringConvertible, Equatable {
    /// The file as the caller named it.
    public var path: String
    /// What is wrong, in a few words ("no such file", "truncated").
    public var problem: String

    /// An error naming `path` and what is wrong with it.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    /// One line for a human.
    public var description: String { "\(path): \(problem)" }
}
