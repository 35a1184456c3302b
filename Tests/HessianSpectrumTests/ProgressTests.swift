@testable import HessianSpectrumCommands
import XCTest

/// The progress line's text and when it is written, with a fake clock and
/// the output captured.
final class ProgressTests: XCTestCase {
    final class Capture {
        var writes: [String] = []
        var now = 100.0
    }

    func reporter(_ capture: Capture, total: Int = 100, live: Bool, quiet: Bool = false) -> ProgressReporter {
        ProgressReporter(label: "fit", total: total, quiet: quiet, live: live,
                         write: { capture.writes.append($0) }, clock: { capture.now })
    }

    func testDurations() {
        XCTAssertEqual(ProgressReporter.duration(0), "0:00")
        XCTAssertEqual(ProgressReporter.duration(5.4), "0:05")
        XCTAssertEqual(ProgressReporter.duration(65), "1:05")
        XCTAssertEqual(ProgressReporter.duration(3723), "1:02:03")
        XCTAssertEqual(ProgressReporter.duration(-1), "--:--")
        XCTAssertEqual(ProgressReporter.duration(.infinity), "--:--")
        XCTAssertEqual(ProgressReporter.duration(.nan), "--:--")
        XCTAssertEqual(ProgressReporter.duration(1e300), "--:--")
    }

    /// 37 of 100 steps in 37 s: 63 steps left at 1 s each; 37% of 24
    /// characters is 8.88, so 8 are filled.
    func testBarLine() {
        XCTAssertEqual(ProgressReporter.barLine(label: "fit", step: 37, total: 100, elapsed: 37),
                       "fit [" + String(repeating: "#", count: 8) + String(repeating: ".", count: 16) + "] 37/100 37% ETA 1:03")
        XCTAssert(ProgressReporter.barLine(label: "fit", step: 0, total: 100, elapsed: 3).hasSuffix("0/100 0% ETA --:--"))
        XCTAssert(ProgressReporter.barLine(label: "fit", step: 120, total: 100, elapsed: 3).hasSuffix("100/100 100% ETA 0:00"))
        XCTAssertEqual(ProgressReporter.barLine(label: "fit", step: 7, total: 0, elapsed: 5), "fit 7 steps, 0:05")
    }

    /// Redraws closer than 0.1 s apart are skipped, except the last step.
    func testLiveRedrawsAreThrottled() {
        let capture = Capture()
        let progress = reporter(capture, live: true)
        progress.update(step: 1)
        capture.now += 0.05
        progress.update(step: 2)
        capture.now += 0.1
        progress.update(step: 3)
        capture.now += 0.01
        progress.update(step: 100)
        XCTAssertEqual(capture.writes.count, 3)
        XCTAssert(capture.writes.allSatisfy { $0.hasPrefix("\r") && !$0.contains("\n") })
        XCTAssert(capture.writes[1].contains(" 3/100 "))
        capture.now += 2
        progress.finish("done")
        XCTAssertEqual(capture.writes.last, "\rfit: done (0:02)\u{1B}[K\n")
    }

    /// Not a terminal: one line for the finished work and nothing else.
    func testLogModeWritesOnlyTheFinishLine() {
        let capture = Capture()
        let progress = reporter(capture, live: false)
        for step in 1...100 {
            capture.now += 1
            progress.update(step: step)
        }
        progress.finish("k = 5, loss 0.01")
        XCTAssertEqual(capture.writes, ["fit: k = 5, loss 0.01 (1:40)\n"])
    }

    func testQuietWritesNothing() {
        let capture = Capture()
        for live in [true, false] {
            let progress = reporter(capture, live: live, quiet: true)
            progress.update(step: 50)
            progress.finish("done")
        }
        XCTAssertEqual(capture.writes, [])
    }

    /// A bar left unfinished gets its line ended when the reporter goes away.
    func testAnUnfinishedBarEndsItsLine() {
        let capture = Capture()
        do {
            let progress = reporter(capture, live: true)
            progress.update(step: 1)
        }
        XCTAssertEqual(capture.writes.last, "\n")
    }
}
