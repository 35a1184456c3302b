import CDistributed
import HessianCore
import Foundation

/// The MPI processes of this run (MPI_COMM_WORLD). Only `hessian-spectrum-mpi`
/// starts MPI; everything here is collective unless said otherwise.
public enum MPIWorld {
    /// MPI_Init. Call once, after the BLAS kernel is chosen (which may
    /// re-execute the process).
    public static func start() throws {
        let status = hs_mpi_init()
        guard status == 0 else { throw DistributedError.mpi("MPI_Init failed (\(status))") }
    }

    /// Waits for every process at the end of the run: true when they all
    /// arrived. A process that failed on its own may leave the others
    /// waiting in a collective call, so after a failure it waits only
    /// `patience` seconds.
    public static func allReachTheEnd(failed: Bool, patience: Double = 30) -> Bool {
        hs_mpi_exit_barrier(failed ? patience : -1) == 0
    }

    /// Ends every process of the job (after a failure the others never
    /// saw): MPI_Abort, which does not return when it works. When it does
    /// return, the error says so and the caller decides how to end.
    public static func abort() throws(DistributedError) {
        hs_mpi_abort(1)
        throw DistributedError.mpi("MPI_Abort returned without ending the job")
    }

    /// MPI_Finalize.
    public static func finish() {
        _ = hs_mpi_finalize()
    }

    public static var rank: Int { Int(hs_mpi_rank()) }
    public static var size: Int { Int(hs_mpi_size()) }
    /// Processes on this process's node, which share its memory.
    public static var nodeSize: Int { Int(hs_mpi_node_size()) }

    public static func minimum(_ value: Int) -> Int { Int(hs_mpi_allreduce_int64(Int64(value), 0)) }
    public static func maximum(_ value: Int) -> Int { Int(hs_mpi_allreduce_int64(Int64(value), 1)) }
    public static func maximum(_ value: Double) -> Double { hs_mpi_allreduce_double(value, 1) }

    /// Every process's `values` replaced by their sum over all processes.
    static func sum(_ values: inout [Double]) throws {
        let status = values.withUnsafeMutableBufferPointer { hs_mpi_allreduce_sum($0.baseAddress, Int64($0.count)) }
        guard status == 0 else { throw DistributedError.mpi("MPI_Allreduce failed (\(status))") }
    }

    /// `values` as sent by `root` (the same count on every process).
    static func broadcast(_ values: inout [Double], from root: Int) throws {
        let status = values.withUnsafeMutableBytes { hs_mpi_bcast($0.baseAddress, Int64($0.count), Int32(root)) }
        guard status == 0 else { throw DistributedError.mpi("MPI_Bcast failed (\(status))") }
    }

    /// `text` as sent by `root`.
    static func broadcast(_ text: String, from root: Int) -> String {
        var length = rank == root ? text.utf8.count : 0
        _ = withUnsafeMutableBytes(of: &length) { hs_mpi_bcast($0.baseAddress, Int64(MemoryLayout<Int>.size), Int32(root)) }
        var bytes = rank == root ? Array(text.utf8) : [UInt8](repeating: 0, count: length)
        if length > 0 {
            _ = bytes.withUnsafeMutableBytes { hs_mpi_bcast($0.baseAddress, Int64(length), Int32(root)) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Runs `body` on every process, then agrees: when it threw on any
    /// process, every process throws the error of the lowest such rank (its
    /// message sent to all), so that all of them stop at the same point and
    /// the first process can report it.
    public static func agree<T>(_ body: () throws -> T) throws -> T {
        var result: Result<T, Error>
        do { result = .success(try body()) } catch { result = .failure(error) }
        let failed: Bool
        if case .failure = result { failed = true } else { failed = false }
        let first = minimum(failed ? rank : size)
        guard first < size else { return try result.get() }
        var message = ""
        if case .failure(let error) = result, rank == first { message = String(describing: error) }
        message = broadcast(message, from: first)
        if rank == first, case .failure(let error) = result { throw error }
        throw DistributedError.onOtherProcess(rank: first, message: message)
    }
}
