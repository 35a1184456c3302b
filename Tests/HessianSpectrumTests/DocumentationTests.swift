@testable import HessianSpectrumCommands
import Foundation
import XCTest

/// The README and the pages under `docs/` as a reader meets them: the front
/// page stays short, every relative link and `#anchor` leads somewhere, and
/// the commands in the fenced blocks marked `<!-- checked -->` still parse
/// with today's flags (the convention is described in docs/testing.md).
final class DocumentationTests: XCTestCase {
    static let checkout = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// README.md and every page directly under docs/.
    func pages() throws -> [URL] {
        let docs = Self.checkout.appendingPathComponent("docs")
        let names = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }.sorted()
        XCTAssert(names.contains("README.md"), "docs/README.md is the index")
        return [Self.checkout.appendingPathComponent("README.md")] + names.map { docs.appendingPathComponent($0) }
    }

    func testFrontPageIsShort() throws {
        let text = try String(contentsOf: Self.checkout.appendingPathComponent("README.md"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0)
        XCTAssertLessThanOrEqual(lines, 250, "README.md is a front page; move sections into docs/")
    }

    func testRelativeLinksAndAnchorsResolve() throws {
        var checked = 0
        for page in try pages() {
            let markdown = try MarkdownPage(contentsOf: page)
            for target in markdown.linkTargets() where !target.contains("://") && !target.hasPrefix("mailto:") {
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let path = parts[0].removingPercentEncoding ?? parts[0]
                let file = path.isEmpty ? page : page.deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL
                let context = "\(page.lastPathComponent): link '\(target)'"
                guard FileManager.default.fileExists(atPath: file.path) else {
                    XCTFail("\(context) leads to no file")
                    continue
                }
                if parts.count == 2, !parts[1].isEmpty {
                    XCTAssertEqual(file.pathExtension, "md", "\(context): anchors are checked in Markdown pages only")
                    let anchors = try MarkdownPage(contentsOf: file).headingAnchors()
                    XCTAssert(anchors.contains(parts[1]), "\(context): no such heading in \(file.lastPathComponent)")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 50, "the pages link to each other")
    }

    func testCheckedCommandsParse() throws {
        var parsed = 0
        for page in try pages() {
            for line in try MarkdownPage(contentsOf: page).checkedCommandLines() {
                let words: [String]
                do {
                    words = try ShellWords.split(line)
                } catch {
                    XCTFail("\(page.lastPathComponent): \(error): \(line)")
                    continue
                }
                // The plain binary, or the MPI one after its launcher's words (`mpirun -np 2 …`).
                let programs = ["hessian-spectrum", "hessian-spectrum-mpi"]
                guard let program = words.firstIndex(where: { word in
                    programs.contains { word == $0 || word.hasSuffix("/" + $0) }
                }) else { continue }
                do {
                    _ = try HessianSpectrum.parseAsRoot(Array(words[(program + 1)...]))
                    parsed += 1
                } catch {
                    XCTFail("\(page.lastPathComponent): \(HessianSpectrum.errorLine(for: error)): \(line)")
                }
            }
        }
        XCTAssertGreaterThan(parsed, 20, "the checked blocks hold the documented commands")
    }

    /// GitHub's heading anchors, on headings written to test each rule.
    func testHeadingAnchorsFollowGitHub() {
        let markdown = MarkdownPage(text: """
        # `train`: train a network
        ## Appendix B: the Marchenko–Pastur law
        ```sh
        # not a heading
        ```
        ## Figures in `--summary`
        ## Figures in `--summary`
        """)
        XCTAssertEqual(markdown.headingAnchors(), [
            "train-train-a-network", "appendix-b-the-marchenkopastur-law",
            "figures-in---summary", "figures-in---summary-1",
        ])
    }

    func testShellWords() throws {
        XCTAssertEqual(try ShellWords.split("hessian-spectrum train --hidden '' --tag \"a=b c\" > out.csv # note"),
                       ["hessian-spectrum", "train", "--hidden", "", "--tag", "a=b c"])
        XCTAssertEqual(try ShellWords.split("hessian-spectrum outliers x.csv 2>/dev/null | head"), ["hessian-spectrum", "outliers", "x.csv"])
        XCTAssertThrowsError(try ShellWords.split("hessian-spectrum train --lr $lr"))
        XCTAssertThrowsError(try ShellWords.split("hessian-spectrum train --tag 'open"))
    }
}
