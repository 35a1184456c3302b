/// The version the command line reports.
public enum HessianKitVersion {
    public static let string = "0.1.0"
}
