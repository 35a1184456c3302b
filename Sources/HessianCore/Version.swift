/// The version the command line reports.
public enum HessianKitVersion {
    /// The version of the library and the command line.
    public static let string = "0.1.0"
}
