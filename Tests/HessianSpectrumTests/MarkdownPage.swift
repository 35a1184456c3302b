import Foundation

/// The parts of a Markdown page the documentation tests read.
struct MarkdownPage {
    let lines: [String]

    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    init(contentsOf url: URL) throws {
        self.init(text: try String(contentsOf: url, encoding: .utf8))
    }

    static let checkedMarker = "<!-- checked -->"

    /// Each line with whether it is inside a fenced code block (fences count as inside).
    private func linesWithFences() -> [(line: String, fenced: Bool)] {
        var inFence = false
        return lines.map { line in
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                inFence.toggle()
                return (line, true)
            }
            return (line, inFence)
        }
    }

    /// The targets of `[text](target)` and `![alt](target)` outside code.
    func linkTargets() -> [String] {
        var targets: [String] = []
        for (line, fenced) in linesWithFences() where !fenced {
            let prose = line.split(separator: "`", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 0 }.map { String($0.element) }.joined(separator: " ")
            var rest = Substring(prose)
            while let open = rest.range(of: "](") {
                let tail = rest[open.upperBound...]
                guard let close = tail.firstIndex(of: ")") else { break }
                targets.append(String(tail[..<close]).trimmingCharacters(in: .whitespaces))
                rest = tail[close...]
            }
        }
        return targets
    }

    /// GitHub's anchors of the headings: lower case, letters, digits, `_`,
    /// `-` and spaces kept (spaces as `-`), everything else dropped; a repeated
    /// anchor gets `-1`, `-2`, … .
    func headingAnchors() -> [String] {
        var seen: [String: Int] = [:]
        var anchors: [String] = []
        for (line, fenced) in linesWithFences() where !fenced && line.hasPrefix("#") {
            let title = line.drop { $0 == "#" }
            guard title.first == " " else { continue }
            var slug = ""
            for scalar in title.trimmingCharacters(in: .whitespaces).lowercased().unicodeScalars {
                switch scalar.properties.generalCategory {
                case .lowercaseLetter, .uppercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                     .nonspacingMark, .spacingMark, .enclosingMark,
                     .decimalNumber, .letterNumber, .otherNumber, .connectorPunctuation:
                    slug.unicodeScalars.append(scalar)
                default:
                    if scalar == " " || scalar == "-" { slug.append("-") }
                }
            }
            let count = seen[slug, default: 0]
            seen[slug] = count + 1
            anchors.append(count == 0 ? slug : "\(slug)-\(count)")
        }
        return anchors
    }

    /// The logical lines (backslash continuations joined) of every fenced
    /// block whose opening fence directly follows a `<!-- checked -->` line.
    func checkedCommandLines() -> [String] {
        var result: [String] = []
        var index = 0
        while index < lines.count {
            defer { index += 1 }
            guard lines[index].trimmingCharacters(in: .whitespaces) == Self.checkedMarker,
                  index + 1 < lines.count, lines[index + 1].hasPrefix("```") else { continue }
            index += 2
            var pending = ""
            while index < lines.count, !lines[index].hasPrefix("```") {
                let line = lines[index].trimmingCharacters(in: .whitespaces)
                if line.hasSuffix("\\") {
                    pending += line.dropLast() + " "
                } else {
                    result.append(pending + line)
                    pending = ""
                }
                index += 1
            }
        }
        return result
    }
}
