import CLAPACK

/// LAPACK's two-call workspace protocol in one place: the routine is first
/// called with lwork = liwork = −1, which only writes the sizes it wants
/// into work[0] and iwork[0]; then again with buffers of those sizes.
enum LAPACKWorkspace {
    /// Runs `routine` through both calls; `call` receives (work, lwork,
    /// iwork, liwork) and returns LAPACK's `info`. A routine without an
    /// integer workspace simply ignores the last two.
    /// - Throws: `LAPACKError` for `info ≠ 0` on either call.
    static func run(
        _ routine: String,
        _ call: (UnsafeMutablePointer<Double>, Int32, UnsafeMutablePointer<Int32>, Int32) -> Int32
    ) throws {
        var workQuery = 0.0
        var iworkQuery: Int32 = 0
        let queried = withUnsafeMutablePointer(to: &workQuery) { w in
            withUnsafeMutablePointer(to: &iworkQuery) { iw in call(w, -1, iw, -1) }
        }
        try LAPACKError.check(queried, routine: "\(routine) (workspace query)")
        var work = [Double](repeating: 0, count: try size(workQuery, routine))
        var iwork = [Int32](repeating: 0, count: max(1, Int(iworkQuery)))
        let info = work.withUnsafeMutableBufferPointer { w in
            iwork.withUnsafeMutableBufferPointer { iw in
                call(w.baseAddress.unsafelyUnwrapped, Int32(w.count), iw.baseAddress.unsafelyUnwrapped, Int32(iw.count))
            }
        }
        try LAPACKError.check(info, routine: routine)
    }

    /// The workspace length LAPACK asked for, which it reports as a double:
    /// refused (not trapped on) when it is not finite or beyond the 32-bit
    /// `lwork` the second call passes, as for an order past LAPACK's reach.
    static func size(_ query: Double, _ routine: String) throws -> Int {
        guard query.isFinite, query < Double(Int32.max) else {
            throw LAPACKError.badShape("LAPACK \(routine) asks for a workspace of \(query) doubles, more than its 32-bit integers can pass")
        }
        return max(1, Int(query))
    }
}
