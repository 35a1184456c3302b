import ArgumentParser
import HessianKit

/// Tagging a run and dropping headers, so that runs append into one CSV.
struct TagOptions: ParsableArguments {
    @Option(name: .customLong("tag"), help: ArgumentHelp(
        "Add a constant column to every CSV this run writes, summary included (repeatable), e.g. --tag lr=0.05.",
        valueName: "key=value"))
    var tags: [String] = []

    @Flag(name: .customLong("no-header"), help: "Write every CSV without its header line, to append runs or shards to one file.")
    var noHeader = false

    func validate() throws {
        do { _ = try ConstantColumns(tags: tags) } catch let error as CSVTagError { throw ValidationError("--tag: \(error)") }
    }

    var columns: ConstantColumns { (try? ConstantColumns(tags: tags)) ?? ConstantColumns() }

    /// The text of `table` with the tag columns (and `extra` after them) in
    /// front, without its header under --no-header.
    /// - Throws: `ValidationError` when a tag names one of the table's own
    ///   columns (`seed` in a --seeds sweep, `hidden` of a width sweep, …):
    ///   the file would have two columns of that name.
    func text(_ table: CSVTable, extra: ConstantColumns = ConstantColumns()) throws -> String {
        try checkNoClash(with: table.columns)
        let tagged = columns.followed(by: extra).applied(to: table)
        return noHeader ? tagged.rowsText : tagged.text
    }
}

extension TagOptions {
    /// Refuses a tag named like a column the tool writes in this file.
    func checkNoClash(with header: [String]) throws {
        if let clash = columns.names.first(where: header.contains) {
            throw ValidationError("--tag \(clash)=…: this output has its own '\(clash)' column; choose another tag name")
        }
    }

    /// Refuses, before any work, a tag named like a column of one of the
    /// run's outputs, each given by its header.
    func refuseClashes(with headers: [[String]]) throws {
        for header in headers { try checkNoClash(with: header) }
    }

    /// The columns a spectrum CSV of `method` can have: SLQ's nodes and
    /// weights, or the eigenvalues (with the block column of `blocks`) and
    /// the residual column that Lanczos, power iteration and eigenvectors
    /// add (auto may take Lanczos).
    static func spectrumColumns(_ method: SpectrumMethod, blocks: BlockOptions) -> [String] {
        method == .slq ? QuadratureTable.columns : blocks.spectrumTable(residuals: true).columns
    }
}

/// Running several seeds, and a share of a sweep.
struct SweepOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Run every configuration once per seed (initialisation and SGD shuffle); adds a seed column. Replaces --seed.",
        valueName: "s1,s2,…"))
    var seeds: String?

    @Option(help: ArgumentHelp(
        "Run only configurations i, i+n, i+2n, … (from 1) of the sweep's order (seeds outermost); the shards' outputs, the later ones with --no-header, concatenate to the rows of the whole sweep.",
        valueName: "i/n"))
    var shard: String?

    func validate() throws {
        _ = try seedList()
        _ = try shardValue()
    }

    /// The seeds, or nil without --seeds.
    func seedList() throws -> [UInt64]? {
        guard let seeds else { return nil }
        let parts = seeds.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let values = parts.compactMap { UInt64($0) }
        guard !parts.isEmpty, values.count == parts.count else {
            throw ValidationError("--seeds takes whole numbers ≥ 0 separated by commas, e.g. 0,1,2; got '\(seeds)'")
        }
        guard Set(values).count == values.count else { throw ValidationError("--seeds lists a seed twice: '\(seeds)'") }
        return values
    }

    func shardValue() throws -> Shard {
        guard let shard else { return .whole }
        do { return try Shard(parsing: shard) } catch let error as SettingError { throw ValidationError(error.message(naming: CommandLineText.flag)) }
    }

    /// This shard's (seed, configuration) pairs, seeds outermost; `seed`
    /// is the command's --seed when --seeds is absent.
    func configurations<T>(_ items: [T], seed: UInt64) throws -> [(seed: UInt64, item: T)] {
        let seeds = try seedList() ?? [seed]
        return try shardValue().select(seeds.flatMap { s in items.map { (seed: s, item: $0) } })
    }

    /// The seed column for rows of `seed`, when --seeds was given.
    func seedColumn(_ seed: UInt64) -> ConstantColumns {
        seeds == nil ? ConstantColumns() : ConstantColumns(names: ["seed"], values: [String(seed)])
    }

    /// The runs of `configurations` grouped by seed, in order.
    static func bySeed<T>(_ configurations: [(seed: UInt64, item: T)]) -> [(seed: UInt64, items: [T])] {
        var groups: [(seed: UInt64, items: [T])] = []
        for c in configurations {
            if let last = groups.last, last.seed == c.seed {
                groups[groups.count - 1].items.append(c.item)
            } else {
                groups.append((c.seed, [c.item]))
            }
        }
        return groups
    }
}

/// Tables of several seeds (or shards) put together under one header.
struct TableCollector {
    private(set) var table: CSVTable?

    /// Appends `part` with `columns` in front of it.
    mutating func add(_ part: CSVTable, columns: ConstantColumns) {
        let prefixed = columns.applied(to: part)
        if table == nil { table = prefixed } else { table?.append(contentsOf: prefixed) }
    }

    /// The table, or just `header` (with `columns`) when nothing was added.
    func result(emptyHeader header: [String], columns: ConstantColumns) -> CSVTable {
        table ?? CSVTable(columns: columns.names + header)
    }
}
