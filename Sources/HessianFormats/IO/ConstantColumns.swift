/// Columns with one value for every row, put in front of a table: the
/// `--tag key=value` pairs of a run and the `seed` of a multi-seed sweep, so
/// that runs appended into one file stay apart (`outliers` and `plot` group
/// by them).
public struct ConstantColumns: Sendable, Equatable {
    /// The column names, in order.
    public var names: [String]
    /// Each column's value (unquoted: `CSVTable.text` quotes it).
    public var values: [String]

    /// Columns from names and values.
    public init(names: [String] = [], values: [String] = []) {
        self.names = names
        self.values = values
    }

    /// Parses `key=value` tags.
    /// - Throws: `CSVTagError` for a malformed tag, a key given twice or a
    ///   key that names a column the tool writes itself.
    public init(tags: [String]) throws {
        self.init()
        for tag in tags {
            guard let equals = tag.firstIndex(of: "=") else { throw CSVTagError.malformed(tag) }
            let key = tag[..<equals].trimmingCharacters(in: .whitespaces)
            let value = tag[tag.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, !key.contains(where: { ",\"\n\r=".contains($0) }), !value.contains(where: { "\n\r".contains($0) }) else {
                throw CSVTagError.malformed(tag)
            }
            guard !names.contains(key) else { throw CSVTagError.repeated(key) }
            guard !Self.reserved.contains(key), !key.hasPrefix("top_") else { throw CSVTagError.reserved(key) }
            names.append(key)
            values.append(value)
        }
    }

    /// Column names of the tool's own tables that a tag may not take: those
    /// of spectra and their sweeps, training curves, interpolations and
    /// width summaries (a run summary's configuration columns a tag may
    /// replace, see `followed(by:)`).
    public static let reserved = Set(SpectrumTable.schema(residuals: true).names + SweepColumn.allCases.map(\.rawValue)
        + CurvePoint.columns + InterpolationPoint.schema(top: 0).names + WidthSummaryRow.schema.names)

    /// Whether there are no columns.
    public var isEmpty: Bool { names.isEmpty }

    /// These columns, then those of `more` not named here (a tag takes the
    /// place of a configuration column of the same name).
    public func followed(by more: ConstantColumns) -> ConstantColumns {
        let kept = more.names.indices.filter { !names.contains(more.names[$0]) }
        return ConstantColumns(names: names + kept.map { more.names[$0] }, values: values + kept.map { more.values[$0] })
    }

    /// `table` with these columns in front of its header and of every row.
    public func applied(to table: CSVTable) -> CSVTable {
        table.prefixed(names: names, values: values)
    }
}

/// What is wrong with a `--tag`.
public enum CSVTagError: Error, CustomStringConvertible, Equatable {
    /// Not key=value with a plain key.
    case malformed(String)
    /// A key given twice.
    case repeated(String)
    /// A key naming a column the tool writes.
    case reserved(String)

    /// One line saying what to change.
    public var description: String {
        switch self {
        case .malformed(let tag):
            return "a tag takes key=value with a key free of commas, quotes and '=' (e.g. lr=0.05), got '\(tag)'"
        case .repeated(let key):
            return "the tag \(key) is given twice"
        case .reserved(let key):
            return "the tag \(key) would repeat a column the tool writes itself; choose another key"
        }
    }
}
