import ArgumentParser
import HessianKit

extension DistributedEigensolver: ExpressibleByArgument {}

/// Grid, block and eigensolver of `--method distributed` (hessian-spectrum-mpi).
struct DistributedOptions: ParsableArguments {
    @Option(help: "With --method distributed: the process grid as ROWSxCOLUMNS (default: the squarest grid of all processes).")
    var grid: String?

    @Option(name: .customLong("block-size"), help: "With --method distributed: rows and columns per block of the block-cyclic matrix.")
    var blockSize: Int = 64

    @Option(name: .customLong("mpi-eigensolver"), help: "With --method distributed: auto (pdsyev), pdsyev (least memory; also eigenvectors), elpa (2-stage: fastest, about 3 more local matrices), pdsyevr or pdsyevd.")
    var eigensolver: DistributedEigensolver = .auto

    func validate() throws {
        if blockSize <= 0 { throw ValidationError("--block-size must be positive, got \(blockSize)") }
        _ = try processGrid()
    }

    func processGrid() throws -> (rows: Int, columns: Int)? {
        guard let grid else { return nil }
        let parts = grid.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let rows = Int(parts[0]), let columns = Int(parts[1]), rows > 0, columns > 0 else {
            throw ValidationError("--grid takes ROWSxCOLUMNS such as 2x4, got '\(grid)'")
        }
        return (rows, columns)
    }

    var settings: DistributedSettings {
        DistributedSettings(grid: (try? processGrid()) ?? nil, block: blockSize, eigensolver: eigensolver)
    }
}
