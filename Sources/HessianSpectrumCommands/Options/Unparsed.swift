/// A value a command works out while it runs rather than reads from the
/// command line: nil until the command sets it. The parser never sees it
/// (it is no option, flag or argument) and decodes it as nil.
@propertyWrapper
struct Unparsed<Value>: Decodable {
    var wrappedValue: Value?

    init() {}

    init(from decoder: Decoder) {}
}
