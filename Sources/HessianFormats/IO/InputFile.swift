import Foundation
import HessianCore

/// An input read once, front to back: a regular file, a FIFO, a process
/// substitution (`<(zcat d.csv.gz)`) or stdin (`-`).
///
/// Opening checks what the path is before any byte is read, so a missing
/// file or a folder each get their own message. Errors are `FileReadError`
/// naming the path ("stdin" for `-`). Whether stdin may be read at all is
/// the program's to decide (the command line refuses `-` when it started
/// with stdin closed).
final class InputStream {
    /// The name errors use: the path, or "stdin".
    let name: String
    /// The size of a regular file; nil for a pipe, FIFO or terminal.
    let regularSize: Int?
    private let descriptor: Int32
    private let owned: Bool

    init(path: String) throws {
        if path == "-" {
            name = "stdin"
            descriptor = 0
            owned = false
        } else {
            name = path
            guard !path.isEmpty else { throw FileReadError(path: "\"\"", problem: "the path is empty") }
            guard let status = POSIXFile.status(path) else {
                throw FileReadError(path: path, problem: errno == ENOENT || errno == ENOTDIR ? "no such file" : "cannot read the file (\(String(cString: strerror(errno))))")
            }
            guard status.st_mode & S_IFMT != S_IFDIR else {
                throw FileReadError(path: path, problem: "is a folder, not a file")
            }
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw FileReadError(path: path, problem: "cannot read the file (\(String(cString: strerror(errno))))")
            }
            owned = true
        }
        var status = stat()
        regularSize = fstat(descriptor, &status) == 0 && status.st_mode & S_IFMT == S_IFREG ? Int(status.st_size) : nil
    }

    deinit { if owned { close(descriptor) } }

    /// Up to `count` bytes; empty at the end.
    func read(upTo count: Int) throws -> [UInt8] {
        do { return try POSIXFile.read(descriptor, upTo: count) } catch {
            throw FileReadError(path: name, problem: "cannot read the file (\(error.text))")
        }
    }
}

/// The bytes of an input, inflated on the fly when it starts with the gzip
/// magic number, read in bounded pieces.
final class ByteReader {
    let input: InputStream
    /// Whether the input is gzip.
    let isCompressed: Bool
    private var pending: [UInt8]
    private var inflater: GzipInflater?
    static let chunk = 1 << 16

    init(path: String) throws {
        input = try InputStream(path: path)
        var head: [UInt8] = []
        // A pipe may deliver the two magic bytes in separate reads.
        while head.count < 2 {
            let more = try input.read(upTo: 2 - head.count)
            if more.isEmpty { break }
            head += more
        }
        isCompressed = Gzip.isCompressed(head)
        if isCompressed {
            pending = []
            let source = input
            inflater = try GzipInflater(name: input.name, first: head) { try source.read(upTo: ByteReader.chunk) }
        } else {
            pending = head
        }
    }

    var name: String { input.name }

    /// The next bytes, at most `limit` of them; empty at the end.
    func next(upTo limit: Int = ByteReader.chunk) throws -> [UInt8] {
        if !pending.isEmpty {
            let out = Array(pending.prefix(limit))
            pending.removeFirst(out.count)
            return out
        }
        if let inflater { return try inflater.next(upTo: limit) }
        return try input.read(upTo: min(limit, ByteReader.chunk))
    }

    /// Exactly `count` bytes, or fewer when the input ends first.
    func read(exactly count: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(count, 1 << 24))
        while out.count < count {
            let more = try next(upTo: min(count - out.count, 1 << 20))
            if more.isEmpty { break }
            out += more
        }
        return out
    }
}

/// Reading whole inputs within a memory bound.
public enum InputFile {
    /// The position of the first NUL byte (memchr, fast in any build).
    private static func firstZero(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress, let hit = memchr(base, 0, buffer.count) else { return nil }
            return base.distance(to: UnsafeRawPointer(hit))
        }
    }

    /// How many bytes of text the parsers may hold: parsing CSV or JSON takes
    /// up to about `textExpansion` times the text's size, and that must fit
    /// in the memory available (4 GB of text when that is unknown).
    public static func textLimit(available: Int? = MemoryBudget.availableBytes()) -> Int {
        guard let available else { return 4 << 30 }
        return max(available / textExpansion, 1 << 20)
    }

    /// Bytes of memory per byte of text the CSV and JSON parsers may need
    /// (a row of short fields costs far more as parsed fields than as text).
    public static let textExpansion = 16

    /// The most a gzip-compressed text input may inflate, as a multiple of
    /// its compressed size. Numeric CSV and JSON compress by 3–20×; deflate's
    /// own maximum is about 1032×, reached only by long runs of one pattern,
    /// as in a decompression bomb.
    public static let largestCompressionRatio = 200

    /// The whole text of `path` (`-`: stdin), inflated when gzip, refused
    /// before reading when a regular file is larger than `limit`, and as
    /// soon as a stream passes it. Text never holds a NUL byte, so the first
    /// one ends the read with an error: a binary (or sparse, all-zero) file
    /// is refused at its first block.
    /// - Parameter kind: what the text should be, for messages ("CSV").
    public static func readText(_ path: String, kind: String, limit: Int = textLimit()) throws -> [UInt8] {
        let reader = try ByteReader(path: path)
        if let size = reader.input.regularSize, !reader.isCompressed, size > limit {
            let (need, overflow) = size.multipliedReportingOverflow(by: textExpansion)
            throw FileReadError(path: reader.name, problem: "the file is \(MemoryBudget.format(size)); parsing it as \(kind) needs up to \(textExpansion) times that (\(overflow ? "more than \(MemoryBudget.format(Int.max))" : MemoryBudget.format(need))), more than the \(MemoryBudget.format(limit &* textExpansion)) of memory available")
        }
        let compressedSize = reader.input.regularSize
        var text: [UInt8] = []
        if let size = reader.input.regularSize, !reader.isCompressed { text.reserveCapacity(size) }
        while true {
            let piece = try reader.next()
            if piece.isEmpty { return text }
            if let zero = firstZero(piece) {
                throw FileReadError(path: reader.name, problem: "byte \(text.count + zero) is a NUL byte: this is a binary file, not \(kind) text")
            }
            text += piece
            if reader.isCompressed, let compressed = compressedSize, text.count / largestCompressionRatio > compressed {
                throw FileReadError(path: reader.name, problem: "the gzip stream inflates to more than \(largestCompressionRatio) times its \(MemoryBudget.format(compressed)) (a decompression bomb?); inflate it yourself if it is real data")
            }
            if text.count > limit {
                throw FileReadError(path: reader.name, problem: "the \(reader.isCompressed ? "inflated " : "")text passes \(MemoryBudget.format(limit)), the most that fits in the memory available for parsing \(kind)")
            }
        }
    }
}
