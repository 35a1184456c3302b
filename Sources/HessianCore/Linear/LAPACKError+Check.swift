import CLAPACK

extension LAPACKError {
    /// Turns a LAPACK `info` into a thrown error: `info < 0` is an illegal
    /// argument, `info > 0` a failure to converge.
    static func check(_ info: Int32, routine: String) throws {
        if info < 0 { throw LAPACKError.illegalArgument(routine: routine, position: Int(-info)) }
        if info > 0 { throw LAPACKError.noConvergence(routine: routine, info: Int(info)) }
    }

    /// Throws when `n` does not fit LAPACK's 32-bit integers.
    static func checkOrder(_ n: Int, _ what: String) throws {
        guard n < Int(Int32.max) else { throw LAPACKError.badShape("\(what) of order \(n) is too large for 32-bit LAPACK") }
    }
}
