import CommandTestSupport
import Foundation
import XCTest

/// Hostile inputs that need a real process: exit codes, closed and full
/// standard streams, broken pipes, signals, FIFOs and huge files. Every case
/// uses tiny inputs and asserts the exit, the single `error:` line (or
/// silence), that no file is left and that the inputs are unchanged.
final class HostileProcessTests: XCTestCase {
    private var fixture: HostileFixture!
    private let tiny = ["--samples", "20", "--test-samples", "0", "--input-dim", "3", "--clusters", "2", "--hidden", "2", "--steps", "2", "--quiet"]

    override func setUpWithError() throws { fixture = try HostileFixture() }
    override func tearDown() { fixture.remove() }

    struct Outcome {
        var status: Int32
        var signalled: Bool
        var stdout: String
        var stderr: String
        var errorLines: [Substring] { stderr.split(separator: "\n").filter { $0.hasPrefix("error:") } }
    }

    /// Runs `script` in bash with `$B` the binary and the fixture folder as
    /// the working directory; stdin is empty unless the script redirects it.
    private func shell(_ script: String, stdin: String = "") throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = fixture.folder
        var environment = ProcessInfo.processInfo.environment
        environment["B"] = CommandRunner.binary.path
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        final class Box: @unchecked Sendable { var data = Data() }
        let box = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { box.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                       stdout: String(decoding: box.data, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    private func assertOneError(_ outcome: Outcome, _ fragment: String, status: Int32? = nil, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(outcome.signalled, "died on a signal: \(outcome.stderr)", file: file, line: line)
        if let status { XCTAssertEqual(outcome.status, status, outcome.stderr, file: file, line: line) } else {
            XCTAssertNotEqual(outcome.status, 0, file: file, line: line)
        }
        XCTAssertEqual(outcome.errorLines.count, 1, outcome.stderr, file: file, line: line)
        XCTAssert(outcome.stderr.contains(fragment), "'\(outcome.stderr)' should mention '\(fragment)'", file: file, line: line)
        for marker in ["Fatal error", "Stack dump", "Backtrac", "Illegal instruction", "NSCocoaErrorDomain"] {
            XCTAssertFalse(outcome.stderr.contains(marker), outcome.stderr, file: file, line: line)
        }
        fixture.assertUnchanged(fragment, file: file, line: line)
    }

    private var tinyArguments: String { tiny.joined(separator: " ") }

    // MARK: Standard streams

    func testFullOrClosedStreamsAreOneErrorLine() throws {
        assertOneError(try shell("$B train \(tinyArguments) > /dev/full"), "No space left on device", status: 1)
        assertOneError(try shell("$B train \(tinyArguments) >&-"), "standard output", status: 1)
        assertOneError(try shell("$B plot -o out.svg <&-"), "standard input is closed", status: 1)
        assertOneError(try shell("$B outliers - <&-"), "standard input is closed", status: 1)
        // A failed run whose spectrum goes to a full device leaves none of its other outputs.
        assertOneError(try shell("$B train \(tinyArguments) -o /dev/full --summary sum.csv --save-model m.json --save-data d.csv"),
                       "/dev/full", status: 1)
    }

    func testClosedStderrStillFailsWithoutATrap() throws {
        let outcome = try shell("$B train \(tinyArguments) --lr 0 2>&-; echo \"status $?\" >&2")
        XCTAssertFalse(outcome.signalled)
        XCTAssert(outcome.stderr.contains("status 64"), outcome.stderr)
        let spectrum = try shell("$B outliers spectrum.csv --window 1 2>&-; echo \"status $?\"")
        XCTAssertEqual(spectrum.stdout, "status 64\n")
        fixture.assertUnchanged("closed stderr")
    }

    func testBrokenPipeEndsQuietly() throws {
        // `true` exits without reading; by the time the spectrum is written the pipe has no reader.
        for script in ["$B train \(tinyArguments) | true; exit ${PIPESTATUS[0]}",
                       "$B outliers spectrum.csv | true; exit ${PIPESTATUS[0]}",
                       "sleep 0.2 | $B train \(tinyArguments) --summary sum.csv | true; exit ${PIPESTATUS[1]}"] {
            let outcome = try shell(script)
            XCTAssertFalse(outcome.signalled, script)
            XCTAssert([0, 141].contains(outcome.status), "\(script): \(outcome.status)")
            XCTAssertEqual(outcome.stderr, "", script)
            fixture.assertUnchanged(script)
        }
    }

    func testStdoutOntoAnInputIsRefused() throws {
        assertOneError(try shell("$B spectrum --model model.json --data data.csv --quiet >> data.csv"), "standard output is the input --data")
        assertOneError(try shell("$B outliers spectrum.csv >> spectrum.csv"), "standard output is the input")
    }

    // MARK: Pipes, FIFOs and stdin as inputs

    func testPipesFIFOsAndStdinAreInputs() throws {
        let expected = try shell("$B spectrum --model model.json --data data.csv --quiet")
        XCTAssertEqual(expected.status, 0, expected.stderr)
        XCTAssertEqual(csvRows(expected.stdout).rows.count, 3 * 5 + 2 * 4)
        for script in ["$B spectrum --model model.json --data <(cat data.csv) --quiet",
                       "cat data.csv | $B spectrum --model model.json --data - --quiet",
                       "cat model.json | $B spectrum --model - --data data.csv --quiet",
                       "gzip -c data.csv | $B spectrum --model model.json --data - --quiet",
                       "mkfifo fifo && (cat data.csv > fifo &) && $B spectrum --model model.json --data fifo --quiet; s=$?; rm -f fifo; exit $s"] {
            let outcome = try shell(script)
            XCTAssertEqual(outcome.status, 0, "\(script): \(outcome.stderr)")
            XCTAssertEqual(outcome.stdout, expected.stdout, script)
        }
        let outliers = try shell("cat spectrum.csv | $B outliers")
        XCTAssertEqual(outliers.status, 0, outliers.stderr)
        XCTAssertEqual(csvRows(outliers.stdout).rows.count, 1)
        fixture.assertUnchanged("pipes")
    }

    // MARK: Huge and bomb files

    /// A 5 GB sparse file in every role is refused within 5 s, using little memory.
    func testHugeSparseFileIsRefusedQuickly() throws {
        let big = fixture.path("big")
        XCTAssertEqual(truncate(big, 5 << 30) == 0 || (FileManager.default.createFile(atPath: big, contents: nil) && truncate(big, 5 << 30) == 0), true)
        defer { unlink(big) }
        fixture.takeSnapshot()
        for (arguments, fragment) in [("spectrum --model model.json --data big", "big"), ("spectrum --model big --data data.csv", "big"),
                                      ("outliers big", "big"), ("plot big -o p.svg", "big"),
                                      ("train --dataset csv --data big --hidden 2", "big"), ("interpolate --from big --to model.json", "big"),
                                      ("train --dataset idx --images big --labels labels.idx", "big"),
                                      ("train --dataset idx --images images.idx --labels big", "big")] {
            let start = Date()
            // GNU time (installed by `make test`) reports the peak resident set in kB as the last line of stderr.
            let measured = FileManager.default.isExecutableFile(atPath: "/usr/bin/time")
            let outcome = try shell(measured ? "/usr/bin/time -f '%M' $B \(arguments)" : "$B \(arguments)")
            XCTAssertLessThan(Date().timeIntervalSince(start), 5, arguments)
            if measured, let kB = outcome.stderr.split(separator: "\n").last.flatMap({ Int($0) }) {
                XCTAssertLessThan(kB, 200_000, "\(arguments): peak resident set in kB")
                var errorOnly = outcome
                errorOnly.stderr = outcome.stderr.split(separator: "\n").filter { !$0.hasPrefix("Command exited") && Int($0) == nil }.joined(separator: "\n")
                assertOneError(errorOnly, fragment)
            } else {
                assertOneError(outcome, fragment)
            }
        }
    }

    func testDecompressionBombsStopEarly() throws {
        // 4 MB of one CSV row repeated: deflate shrinks it about 1000 times.
        let rows = String(repeating: "0,0.5,0.5,0.5,0.5\n", count: 230_000)
        try fixture.write("label,x0,x1,x2,x3\n" + rows, "bomb.csv")
        // An IDX label file whose header says 5 labels, followed by 4 MB of zeros.
        try fixture.write(fixture.idx(dimensions: [5], payload: [UInt8](repeating: 0, count: 4 << 20)), "bomb.idx")
        let made = try shell("gzip -9 bomb.csv bomb.idx")
        XCTAssertEqual(made.status, 0, made.stderr)
        fixture.takeSnapshot()
        assertOneError(try shell("$B spectrum --model model.json --data bomb.csv.gz"), "decompression bomb")
        assertOneError(try shell("$B train --dataset idx --images images.idx --labels bomb.idx.gz --hidden 2"), "trailing data")
    }

    // MARK: Failed and interrupted runs leave nothing

    func testAFailedRunKeepsEveryExistingOutput() throws {
        try fixture.write("previous\n", "out.csv")
        try fixture.write("previous\n", "sum.csv")
        fixture.takeSnapshot()
        assertOneError(try shell("$B train \(tinyArguments) --lr 1e8 --init-scale 2 --loss mse --steps 200 -o out.csv --summary sum.csv --save-model m.json"),
                       "diverged")
        assertOneError(try shell("$B train \(tinyArguments) --lr 50 --steps 300 -o new.csv"), "diverged at step")
    }

    /// SIGINT, SIGTERM and SIGHUP while outputs are staged: the temporary
    /// files go, the existing outputs stay, the exit is 128 + the signal.
    func testSignalsRemoveStagedFiles() throws {
        try fixture.write("previous\n", "sum.csv")
        fixture.takeSnapshot()
        for (signal, status) in [(SIGINT, 130), (SIGTERM, 143), (SIGHUP, 129)] {
            // The training set written to stdout (more than a pipe holds,
            // to a reader that never reads) blocks the run in its commit,
            // after --summary and --save-model were staged.
            // Job control (set -m): a background job of a plain script starts
            // with SIGINT ignored, which the tool respects (as nohup's SIGHUP).
            let script = """
            set -m
            mkfifo hold
            sleep 30 < hold > /dev/null 2>&1 &
            reader=$!
            $B train --samples 3000 --test-samples 0 --input-dim 3 --clusters 2 --hidden 2 --steps 0 --quiet \
                --summary sum.csv --save-model m.json --save-data /dev/stdout > hold &
            pid=$!
            for i in $(seq 200); do ls -a | grep -q '\\.tmp$' && break; sleep 0.05; done
            sleep 0.2
            kill -\(signal) $pid
            wait $pid; echo "status $?"
            kill $reader; wait $reader 2>/dev/null
            rm -f hold
            """
            let outcome = try shell(script)
            XCTAssert(outcome.stdout.contains("status \(status)"), "signal \(signal): \(outcome.stdout) \(outcome.stderr)")
            fixture.assertUnchanged("signal \(signal)")
        }
    }

    /// A signal while the commit renames (each rename slowed to 0.3 s by
    /// strace's fault injection) is held until the renames end, then undoes
    /// them: every output is as before, no kept or temporary file is left,
    /// and the exit is 128 + the signal.
    func testSignalDuringTheRenamesRollsBack() throws {
        let probe = try shell("strace -f -o /dev/null -e trace=rename -e inject=rename:delay_exit=1 true")
        guard probe.status == 0 else { throw XCTSkip("strace cannot inject delays here: \(probe.stderr)") }
        for name in ["out.csv", "sum.csv", "m.json"] { try fixture.write("previous\n", name) }
        fixture.takeSnapshot()
        for (signal, status) in [(SIGTERM, 143), (SIGINT, 130), (SIGUSR1, 138), (SIGQUIT, 131)] {
            // The first kept copy (.NAME.hs-PID-K.old) shows the renames have
            // begun, and names the process.
            let script = """
            set -m
            strace -f -o /dev/null -e trace=rename -e inject=rename:delay_exit=300000 \\
                $B train \(tinyArguments) -o out.csv --summary sum.csv --save-model m.json &
            for i in $(seq 500); do old=$(ls -a | grep '\\.old$' | head -1); [ -n "$old" ] && break; sleep 0.01; done
            pid=${old##*.hs-}; pid=${pid%%-*}
            kill -\(signal) $pid
            wait %1; echo "status $?"
            """
            let outcome = try shell(script)
            XCTAssert(outcome.stdout.contains("status \(status)"), "signal \(signal): \(outcome.stdout) \(outcome.stderr)")
            fixture.assertUnchanged("signal \(signal) during the renames")
        }
    }

    /// An immutable destination (`chattr +i`) makes its rename fail at the
    /// commit: the outputs renamed before it are put back, so all are as
    /// before, with one `error:` line; likewise when it is renamed first.
    func testAnImmutableTargetLeavesEveryOutputAsBefore() throws {
        for name in ["out.csv", "sum.csv", "m.json"] { try fixture.write("previous\n", name) }
        defer { _ = try? shell("chattr -i out.csv m.json") }
        for target in ["out.csv", "m.json"] {
            let marked = try shell("chattr -i out.csv m.json; chattr +i \(target)")
            guard marked.status == 0 else { throw XCTSkip("chattr +i is not possible here: \(marked.stderr)") }
            fixture.takeSnapshot()
            assertOneError(try shell("$B train \(tinyArguments) -o out.csv --summary sum.csv --save-model m.json"), target, status: 1)
        }
    }

    // MARK: Resource limits, stdin inputs, names and links

    /// `ulimit -f`: an `error:` line naming the file, no SIGXFSZ death, no
    /// temporary file, the existing outputs unchanged.
    func testFileSizeLimitIsAnErrorLine() throws {
        try fixture.write("previous\n", "out.csv")
        fixture.takeSnapshot()
        assertOneError(try shell("ulimit -f 0; $B train \(tinyArguments) -o out.csv --summary sum.csv"), "File too large", status: 1)
    }

    /// `ulimit -v`: a tiny run finishes (OpenBLAS gets no more threads than
    /// the limit holds work buffers for), a limit too small for one is one
    /// line; neither hangs.
    func testAddressSpaceLimitNeverHangs() throws {
        let fits = try shell("ulimit -v 400000; timeout 60 $B train \(tinyArguments) > /dev/null")
        XCTAssertEqual(fits.status, 0, fits.stderr)
        assertOneError(try shell("ulimit -v 200000; timeout 60 $B train \(tinyArguments)"), "address-space limit", status: 1)
    }

    /// `ulimit -v` on a realistic run (M = 4270): its eigensolve (235 MB)
    /// does not fit beside OpenBLAS's work buffers under 600 MB, which is
    /// found before training (those buffers are mapped at start), not after
    /// the 100,000 steps; a run that fits finishes. Neither hangs.
    func testAddressSpaceLimitIsFoundBeforeTraining() throws {
        let start = Date()
        assertOneError(try shell("ulimit -v 600000; timeout 120 $B train --samples 200 --steps 100000 --lapack openblas -o out.csv"),
                       "available", status: 1)
        XCTAssertLessThan(Date().timeIntervalSince(start), 30)
        let fits = try shell("ulimit -v 1000000; timeout 300 $B train --input-dim 20 --samples 100 --steps 20 --lapack openblas --quiet > /dev/null")
        XCTAssertEqual(fits.status, 0, fits.stderr)
    }

    /// A soft CPU-time limit (`ulimit -S -t`, SIGXCPU) ends the run with
    /// one `error:` line and 152, leaving no file.
    func testCPUTimeLimitIsAnErrorLine() throws {
        try fixture.write("previous\n", "sum.csv")
        fixture.takeSnapshot()
        assertOneError(try shell("ulimit -S -t 1; $B train --samples 200 --steps 100000000 --quiet -o out.csv --summary sum.csv"),
                       "CPU-time limit", status: 152)
    }

    /// An input read from stdin is an input: an output onto the same file is refused.
    func testStdinInputsAreNotOverwritten() throws {
        assertOneError(try shell("$B spectrum --model model.json --data - -o data.csv --quiet < data.csv"), "read from standard input", status: 64)
        assertOneError(try shell("$B spectrum --model - --data data.csv -o model.json --quiet < model.json"), "read from standard input", status: 64)
        assertOneError(try shell("$B outliers -o spectrum.csv < spectrum.csv"), "read from standard input", status: 64)
        assertOneError(try shell("$B plot -o spectrum.csv < spectrum.csv"), "read from standard input", status: 64)
    }

    /// The files of an MNIST folder are inputs too.
    func testDataFolderFilesAreNotOverwritten() throws {
        _ = try shell("mkdir mnist && for f in train-images-idx3-ubyte t10k-images-idx3-ubyte; do cp images.idx mnist/$f; done && for f in train-labels-idx1-ubyte t10k-labels-idx1-ubyte; do cp labels.idx mnist/$f; done")
        fixture.takeSnapshot()
        assertOneError(try shell("$B train --dataset mnist --data-dir mnist --hidden 2 --steps 1 -o mnist/train-labels-idx1-ubyte"), "--data-dir", status: 64)
    }

    func testLongNamesLinkChainsAndClosedStdout() throws {
        let long = String(repeating: "n", count: 250) + ".csv"
        let named = try shell("$B train \(tinyArguments) -o \(long) && ls -a")
        XCTAssertEqual(named.status, 0, named.stderr)
        XCTAssertEqual(named.stdout.split(separator: "\n").filter { $0.hasPrefix(".n") }, [], "no temporary left")
        let chained = try shell("ln -s l2 l1 && ln -s target.csv l2 && $B train \(tinyArguments) -o l1 && test -L l1 && test -L l2 && head -1 target.csv")
        XCTAssertEqual(chained.stdout, "matrix,point,step,index,eigenvalue\n", chained.stderr)
        _ = try shell("rm -f l1 l2 target.csv \(long)")
        assertOneError(try shell("$B train \(tinyArguments) -o /dev/stdout >&-"), "closed when the tool started", status: 1)
    }

    /// Control characters in a file's content reach the terminal escaped.
    func testControlCharactersFromFilesAreEscaped() throws {
        try fixture.write("label,x0\n0,\u{1B}]0;pwned\u{07}\n", "evil.csv")
        fixture.takeSnapshot()
        let outcome = try shell("$B spectrum --model model.json --data evil.csv")
        assertOneError(outcome, "\\e]0;pwned\\a")
        XCTAssertFalse(outcome.stderr.contains("\u{1B}"), outcome.stderr)
    }

    /// A tag named like a column of an output is refused before any work:
    /// before inputs are read (they do not exist here) or training starts.
    func testTagClashesAreRefusedBeforeAnyWork() throws {
        for (arguments, column) in [("train --samples 200 --steps 100000000 --tag step=1", "step"),
                                    ("train --samples 200 --steps 100000000 --summary s.csv --tag grad_norm=1", "grad_norm"),
                                    ("train --samples 200 --steps 100000000 --method slq --tag weight=1", "weight"),
                                    ("train --samples 200 --steps 100000000 --blocks layers --block-norms n.csv --tag share=1", "share"),
                                    ("spectrum --model none.json --data none.csv --tag eigenvalue=1", "eigenvalue"),
                                    ("interpolate --from none.json --to none.json --dataset csv --data none.csv --top 2 --tag top_2=1", "top_2"),
                                    ("two-phase --samples 200 --tag phase=x", "phase"),
                                    ("widths --widths 2,4 --steps 100000000 --summary s.csv --tag rank=1", "rank"),
                                    ("clusters --clusters 2,3 --steps 100000000 --table t.csv --tag negatives=1", "negatives"),
                                    ("batch --steps 100000000 --seeds 1,2 --tag seed=1", "seed")] {
            let start = Date()
            let outcome = try shell("timeout 60 $B \(arguments) -o out.csv")
            assertOneError(outcome, column, status: 64)
            XCTAssert(outcome.stderr.contains("column"), outcome.stderr)
            XCTAssertLessThan(Date().timeIntervalSince(start), 10, arguments)
        }
    }

    /// A tag named like a column of the output would make two columns of one name.
    func testTagsCollidingWithOwnColumnsAreRefused() throws {
        assertOneError(try shell("$B clusters --clusters 2 --seeds 1,2 --tag seed=5 \(tinyArguments.replacingOccurrences(of: "--clusters 2 ", with: "")) -o out.csv"),
                       "its own 'seed' column", status: 64)
        assertOneError(try shell("$B train \(tinyArguments) --tag eigenvalue=1 -o out.csv"), "eigenvalue", status: 64)
    }

    /// One stray label of 999 among a few examples is refused, not a 1000-class network.
    func testAStrayLargeLabelIsRefused() throws {
        try fixture.write("label,x0\n0,1\n1,2\n999,3\n", "stray.csv")
        fixture.takeSnapshot()
        assertOneError(try shell("$B train --dataset csv --data stray.csv --hidden 2 --steps 1"), "max(256, N)", status: 1)
    }
}
