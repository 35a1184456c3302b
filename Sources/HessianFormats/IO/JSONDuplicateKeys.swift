/// The first key that appears twice in one object of a JSON text, at any
/// depth. JSON parsers keep one of the two silently (Foundation one, Python
/// the last), so a file with a repeated name means different things to
/// different readers and is refused instead.
///
/// A scan of the text, not a parser: it assumes the text is valid JSON (the
/// caller parses it too) and only tracks strings, `{`/`[` nesting and which
/// string is a key. Escapes are decoded, so `"a"` and `"\u0061"` are one key.
/// - Complexity: O(n) for n bytes, plus hashing the keys.
enum JSONDuplicateKeys {
    static func first(in bytes: ArraySlice<UInt8>) -> String? {
        // One entry per open container: the keys seen so far (nil for an array).
        var stack: [Set<String>?] = []
        var expectingKey = false
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "{"):
                stack.append([])
                expectingKey = true
            case UInt8(ascii: "["):
                stack.append(nil)
                expectingKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = stack.popLast()
                expectingKey = false
            case UInt8(ascii: ","):
                expectingKey = stack.last.map { $0 != nil } ?? false
            case UInt8(ascii: "\""):
                let (text, end) = string(in: bytes, from: i)
                i = end
                if expectingKey, let last = stack.indices.last, var keys = stack[last] {
                    if keys.contains(text) { return text }
                    keys.insert(text)
                    stack[last] = keys
                    expectingKey = false
                }
                continue
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// The decoded string literal starting at the quote at `start`, and the
    /// index just past its closing quote.
    private static func string(in bytes: ArraySlice<UInt8>, from start: Int) -> (String, Int) {
        var scalars = String.UnicodeScalarView()
        var raw: [UInt8] = []
        var pendingHigh: UInt32?
        func flush() {
            if !raw.isEmpty { scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars); raw = [] }
        }
        var i = start + 1
        while i < bytes.endIndex, bytes[i] != UInt8(ascii: "\"") {
            guard bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.endIndex else { raw.append(bytes[i]); i += 1; continue }
            flush()
            let escape = bytes[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "b"): scalars.append("\u{8}")
            case UInt8(ascii: "f"): scalars.append("\u{C}")
            case UInt8(ascii: "u"):
                guard i + 4 <= bytes.endIndex, let code = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else { continue }
                i += 4
                if (0xD800..<0xDC00).contains(code) { pendingHigh = code; continue }
                if let high = pendingHigh, (0xDC00..<0xE000).contains(code) {
                    pendingHigh = nil
                    if let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (code - 0xDC00)) { scalars.append(scalar) }
                    continue
                }
                if let scalar = Unicode.Scalar(code) { scalars.append(scalar) }
            default: scalars.append(Unicode.Scalar(escape))
            }
            pendingHigh = nil
        }
        flush()
        return (String(scalars), min(i + 1, bytes.endIndex))
    }
}
