/// Breaking text into lines of a given length instead of cutting it: a
/// reader must see every word of a legend entry, caption or title.
enum TextWrap {
    /// `text` in lines of at most `characters` characters, broken at spaces;
    /// a word longer than a line is split where the line ends. Never drops
    /// a character and never adds an ellipsis.
    static func lines(_ text: String, characters: Int) -> [String] {
        let room = max(1, characters)
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var rest = Substring(word)
            if current.isEmpty, rest.count <= room {
                current = String(rest)
                continue
            }
            if !current.isEmpty, current.count + 1 + rest.count <= room {
                current += " " + rest
                continue
            }
            if !current.isEmpty { lines.append(current) }
            while rest.count > room {
                lines.append(String(rest.prefix(room)))
                rest = rest.dropFirst(room)
            }
            current = String(rest)
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }
}
