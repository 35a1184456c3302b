/// Text from files (tensor names, metadata, CSV fields, paths) made safe to
/// print on a terminal: every control character (C0,
/// DEL and C1: ESC, BEL, CR, backspace, CSI …) is written as a visible
/// escape (`\e`, `\a`, `\r`, `\x08`, `\u{9B}`), so a file cannot move the
/// cursor, retitle the window or hide text. Every message on stderr goes
/// through it at the edge; `keepingLineBreaks` leaves `\n` alone in text
/// meant to span lines (a one-line message escapes it as `\n`).
public enum TerminalText {
    public static func escaped(_ text: String, keepingLineBreaks: Bool = false) -> String {
        func isControl(_ scalar: Unicode.Scalar) -> Bool {
            (scalar.value < 0x20 && !(keepingLineBreaks && scalar == "\n")) || (0x7F...0x9F).contains(scalar.value)
        }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else { out.append(scalar); continue }
            let shown: String
            switch scalar.value {
            case 0x1B: shown = "\\e"
            case 0x07: shown = "\\a"
            case 0x0D: shown = "\\r"
            case 0x09: shown = "\\t"
            case 0x0A: shown = "\\n"
            case ..<0x80: shown = "\\x" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16, uppercase: true)
            default: shown = "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            out.append(contentsOf: shown.unicodeScalars)
        }
        return String(out)
    }
}
