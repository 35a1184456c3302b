@testable import HessianCore
@testable import HessianFormats
@testable import HessianPlots
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// A figure as a reader sees it: the SVG rendered to pixels by a real SVG
/// renderer (`rsvg-convert`, Debian's librsvg2-bin) and decoded here, with
/// the checks a reviewer makes by eye.
struct RenderedFigure {
    let svg: ParsedSVG
    let width: Int
    let height: Int
    /// Pixels per SVG unit: rendering at half size keeps the suite fast
    /// and still shows every line and every text.
    static let zoom = 0.5
    /// RGBA, row-major from the top left.
    let pixels: [UInt8]

    /// The renderer, or nil when it is not installed.
    static let renderer: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/rsvg-convert" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Skips the test, saying why, without the renderer.
    static func requireRenderer() throws -> String {
        guard let renderer else {
            throw XCTSkip("rsvg-convert is not installed (apt-get install librsvg2-bin; `make test` installs it)")
        }
        return renderer
    }

    /// Renders `text` to PNG and decodes it.
    init(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        svg = try ParsedSVG(text, file: file, line: line)
        let renderer = try Self.requireRenderer()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: renderer)
        process.arguments = ["--format", "png", "--zoom", String(Self.zoom)]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Write from another thread: a large SVG could fill the pipe while the PNG fills the other.
        let data = Data(text.utf8)
        let writer = Thread {
            input.fileHandleForWriting.write(data)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let png = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            XCTFail("rsvg-convert failed with status \(process.terminationStatus)", file: file, line: line)
            throw CocoaError(.fileReadCorruptFile)
        }
        (width, height, pixels) = try PNGDecoder.decode([UInt8](png))
    }

    /// Whether the pixel at (x, y) is (nearly) white.
    func isWhite(_ x: Int, _ y: Int) -> Bool {
        let i = 4 * (y * width + x)
        return pixels[i] > 245 && pixels[i + 1] > 245 && pixels[i + 2] > 245 || pixels[i + 3] < 10
    }

    /// Whether the pixel is coloured rather than grey (a data line, not a
    /// frame, grid line or text).
    func isColoured(_ x: Int, _ y: Int) -> Bool {
        let i = 4 * (y * width + x)
        let r = Int(pixels[i]), g = Int(pixels[i + 1]), b = Int(pixels[i + 2])
        return max(r, g, b) - min(r, g, b) > 40 && pixels[i + 3] > 128
    }

    /// Whether at least `enough` pixels strictly inside `area` (in SVG
    /// units; the frame itself excluded) pass `test`.
    func has(_ enough: Int, in area: PlotArea, _ test: (Int, Int) -> Bool) -> Bool {
        let z = Self.zoom
        let x0 = max(0, Int(area.x * z) + 2), x1 = min(width, Int((area.x + area.width) * z) - 1)
        let y0 = max(0, Int(area.y * z) + 2), y1 = min(height, Int((area.y + area.height) * z) - 1)
        var n = 0
        for y in y0..<max(y0, y1) {
            for x in x0..<max(x0, x1) where test(x, y) {
                n += 1
                if n >= enough { return true }
            }
        }
        return false
    }
}

/// Just enough PNG (8-bit RGB or RGBA, not interlaced, as rsvg-convert
/// writes) to read the pixels back.
enum PNGDecoder {
    struct Malformed: Error { var reason: String }

    static func decode(_ bytes: [UInt8]) throws -> (width: Int, height: Int, rgba: [UInt8]) {
        guard bytes.count > 8, bytes[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw Malformed(reason: "no PNG signature")
        }
        func be32(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
        var at = 8, width = 0, height = 0, channels = 0
        var compressed: [UInt8] = []
        while at + 8 <= bytes.count {
            let length = be32(at), type = String(decoding: bytes[at + 4..<at + 8], as: UTF8.self)
            let body = at + 8
            guard body + length + 4 <= bytes.count else { throw Malformed(reason: "chunk \(type) runs past the end") }
            switch type {
            case "IHDR":
                width = be32(body)
                height = be32(body + 4)
                guard bytes[body + 8] == 8, bytes[body + 12] == 0 else { throw Malformed(reason: "not 8-bit or interlaced") }
                switch bytes[body + 9] {
                case 6: channels = 4
                case 2: channels = 3
                default: throw Malformed(reason: "colour type \(bytes[body + 9])")
                }
            case "IDAT":
                compressed += bytes[body..<body + length]
            default:
                break
            }
            at = body + length + 4
        }
        guard width > 0, height > 0, channels > 0, compressed.count > 2 else { throw Malformed(reason: "no image data") }
        let stride = width * channels
        // A zlib stream: two header bytes, then raw deflate.
        let raw = try Deflate.inflate(compressed[2...].dropLast(4), size: height * (stride + 1))
        var out = [UInt8](repeating: 0, count: height * stride)
        try out.withUnsafeMutableBufferPointer { o in
            try raw.withUnsafeBufferPointer { r in
                for y in 0..<height {
                    let filter = r[y * (stride + 1)], row = y * (stride + 1) + 1, at = y * stride
                    for x in 0..<stride {
                        let a = x >= channels ? Int(o[at + x - channels]) : 0
                        let b = y > 0 ? Int(o[at - stride + x]) : 0
                        let predictor: Int
                        switch filter {
                        case 0: predictor = 0
                        case 1: predictor = a
                        case 2: predictor = b
                        case 3: predictor = (a + b) / 2
                        case 4:
                            let c = x >= channels && y > 0 ? Int(o[at - stride + x - channels]) : 0
                            let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                            predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                        default: throw Malformed(reason: "filter \(filter)")
                        }
                        o[at + x] = UInt8(truncatingIfNeeded: Int(r[row + x]) + predictor)
                    }
                }
            }
        }
        if channels == 4 { return (width, height, out) }
        var rgba = [UInt8](repeating: 255, count: width * height * 4)
        for i in 0..<(width * height) { for k in 0..<3 { rgba[4 * i + k] = out[3 * i + k] } }
        return (width, height, rgba)
    }
}
