/// A shell command line split into words the way `sh` would for the simple
/// lines the documentation shows: quotes and backslashes, with the words
/// ending at a comment, a redirection, a pipe or a `;`/`&`.
enum ShellWords {
    struct Unsupported: Error, CustomStringConvertible {
        let description: String
    }

    static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var characters = line.makeIterator()
        func finish() {
            if inWord { words.append(word) }
            word = ""
            inWord = false
        }
        scan: while let character = characters.next() {
            switch character {
            case " ", "\t":
                finish()
            case "'":
                inWord = true
                while true {
                    guard let next = characters.next() else { throw Unsupported(description: "unclosed single quote") }
                    if next == "'" { break }
                    word.append(next)
                }
            case "\"":
                inWord = true
                while true {
                    guard let next = characters.next() else { throw Unsupported(description: "unclosed double quote") }
                    if next == "\"" { break }
                    if next == "$" || next == "`" { throw Unsupported(description: "a shell expansion inside quotes") }
                    word.append(next == "\\" ? (characters.next() ?? next) : next)
                }
            case "\\":
                inWord = true
                if let next = characters.next() { word.append(next) }
            case "$", "`":
                throw Unsupported(description: "a shell variable or substitution; leave such blocks unmarked")
            case "#" where !inWord:
                break scan
            case ">", "<", "|", ";", "&":
                if inWord, word.allSatisfy(\.isNumber) { word = ""; inWord = false }
                break scan
            default:
                inWord = true
                word.append(character)
            }
        }
        finish()
        return words
    }
}
