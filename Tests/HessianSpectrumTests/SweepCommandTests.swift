import CommandTestSupport
import Foundation
import XCTest

/// Sweeps from the shell: tags, headerless appends, shards, seeds, --every.
final class SweepCommandTests: XCTestCase {
    let clusters = ["clusters", "--clusters", "2,3", "--seeds", "0,1", "--input-dim", "4", "--samples", "30",
                    "--hidden", "4", "--steps", "15", "--quiet"]

    /// Three shards, the later two without header, concatenate to the rows
    /// of the unsharded run (as a multiset: each shard takes every third
    /// configuration), with the seed column the sweep adds.
    func testShardedSweepHasTheRowsOfTheUnshardedOne() throws {
        let whole = try CommandRunner.run(clusters)
        XCTAssertEqual(whole.status, 0, whole.stderr)
        let (header, rows) = csvRows(whole.stdout)
        XCTAssertEqual(header, ["seed", "clusters", "params", "matrix", "point", "step", "index", "eigenvalue"])
        XCTAssertEqual(Set(rows.map { "\($0[0])/\($0[1])" }), ["0/2", "0/3", "1/2", "1/3"])
        var joined = ""
        for i in 1...3 {
            let shard = try CommandRunner.run(clusters + ["--shard", "\(i)/3"] + (i > 1 ? ["--no-header"] : []))
            XCTAssertEqual(shard.status, 0, shard.stderr)
            joined += shard.stdout
        }
        let parts = csvRows(joined)
        XCTAssertEqual(parts.header, header)
        XCTAssertEqual(parts.rows.map { $0.joined(separator: ",") }.sorted(), rows.map { $0.joined(separator: ",") }.sorted())
    }

    /// Two tagged runs appended into one file plot as two series, and
    /// --every computes the last step's spectrum once, as final.
    func testTaggedRunsAppendAndPlotApartAndEveryWritesTheLastStepOnce() throws {
        let train = ["train", "--clusters", "3", "--input-dim", "4", "--samples", "30", "--width", "5", "--quiet"]
        let m = 73
        let first = try CommandRunner.run(train + ["--lr", "0.1", "--tag", "lr=0.1", "--steps", "20", "--every", "10", "--at", "init,final"])
        XCTAssertEqual(first.status, 0, first.stderr)
        let (header, rows) = csvRows(first.stdout)
        XCTAssertEqual(header, ["lr", "matrix", "point", "step", "index", "eigenvalue"])
        XCTAssertEqual(rows.count, 3 * m, "init, step 10 and final 20; step 20 is not repeated")
        XCTAssertEqual(Set(rows.map { "\($0[2]) \($0[3])" }), ["init 0", "step 10", "final 20"])
        let second = try CommandRunner.run(train + ["--lr", "0.2", "--tag", "lr=0.2", "--steps", "25", "--every", "10", "--no-header"])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(csvRows("h\n" + second.stdout).rows.count, 3 * m, "steps 10, 20 and final 25")

        let plot = try CommandRunner.run(["plot", "--where", "point=final", "--kind", "top"], stdin: first.stdout + second.stdout)
        XCTAssertEqual(plot.status, 0, plot.stderr)
        XCTAssertEqual(plot.stdout.components(separatedBy: "<path class=\"series\"").count - 1, 2)
        XCTAssert(plot.stdout.contains("data-group=\"lr = 0.1, step = 20\"") || plot.stdout.contains("lr = 0.1"), plot.stdout.prefix(400).description)
    }

    /// The train summary starts with the tags, then the configuration (a tag
    /// of the same name replaces its column); --no-header drops the header.
    func testSummaryCarriesTagsAndConfiguration() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("summary.csv").path
        let run = try CommandRunner.run(["train", "--clusters", "3", "--input-dim", "4", "--samples", "30", "--width", "5", "--steps", "5",
                                         "--seed", "3", "--lr", "0.05", "--batch-size", "10", "--tag", "run=a", "--tag", "lr=fast",
                                         "--summary", path, "--quiet"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let (header, rows) = csvRows(try String(contentsOfFile: path, encoding: .utf8))
        XCTAssertEqual(Array(header.prefix(7)), ["run", "lr", "seed", "batch_size", "samples", "dataset", "method"])
        XCTAssertEqual(Array(rows[0].prefix(7)), ["a", "fast", "3", "10", "30", "blobs", "dense"])
        XCTAssert(header.contains("train_loss"))
        let bare = try CommandRunner.run(["train", "--clusters", "3", "--input-dim", "4", "--samples", "30", "--width", "5", "--steps", "5",
                                          "--summary", path, "--no-header", "--quiet"])
        XCTAssertEqual(bare.status, 0, bare.stderr)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count, 1)
        XCTAssertFalse(bare.stdout.hasPrefix("matrix"))
    }

    func testInterpolateHonoursTheLanczosMethod() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("m.json").path
        let data = ["--clusters", "3", "--input-dim", "4", "--samples", "30", "--test-samples", "0"]
        let trained = try CommandRunner.run(["train", "--width", "4", "--steps", "5", "--save-model", model, "--quiet", "-o", folder.appendingPathComponent("s.csv").path] + data)
        XCTAssertEqual(trained.status, 0, trained.stderr)
        let line = try CommandRunner.run(["interpolate", "--from", model, "--to", model, "--alphas", "0:1:2", "--top", "2", "--method", "lanczos"] + data)
        XCTAssertEqual(line.status, 0, line.stderr)
        XCTAssert(line.stderr.contains("lanczos forced"), line.stderr)
        XCTAssertEqual(csvRows(line.stdout).header.suffix(2), ["top_1", "top_2"])
    }

    /// interpolate's shards, the second without header, are the rows of the
    /// whole line; a shard beyond its count is refused.
    func testShardedInterpolationHasTheRowsOfTheWholeLine() throws {
        let folder = try CommandRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.json").path, b = folder.appendingPathComponent("b.json").path
        let data = ["--clusters", "3", "--input-dim", "4", "--samples", "30", "--test-samples", "0"]
        for (path, seed) in [(a, "1"), (b, "2")] {
            let trained = try CommandRunner.run(["train", "--width", "4", "--steps", "5", "--seed", seed, "--save-model", path, "--quiet",
                                                 "-o", folder.appendingPathComponent("s\(seed).csv").path] + data)
            XCTAssertEqual(trained.status, 0, trained.stderr)
        }
        let line = ["interpolate", "--from", a, "--to", b, "--alphas", "-1:2:7", "--quiet"] + data
        let whole = try CommandRunner.run(line)
        XCTAssertEqual(whole.status, 0, whole.stderr)
        let (header, rows) = csvRows(whole.stdout)
        XCTAssertEqual(rows.count, 7)
        let first = try CommandRunner.run(line + ["--shard", "1/2"]), second = try CommandRunner.run(line + ["--shard", "2/2", "--no-header"])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(second.status, 0, second.stderr)
        let parts = csvRows(first.stdout + second.stdout)
        XCTAssertEqual(parts.header, header)
        XCTAssertEqual(parts.rows.count, 7)
        XCTAssertEqual(parts.rows.map { $0.joined(separator: ",") }.sorted(), rows.map { $0.joined(separator: ",") }.sorted())
        let bad = try CommandRunner.run(line + ["--shard", "3/2"])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssert(bad.stderr.contains("--shard"), bad.stderr)
    }
}
