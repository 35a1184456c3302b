import ArgumentParser
import Foundation
import HessianKit
import HessianRuntime

/// The files a command reads and writes, checked before any work: an output
/// is never an input (same path or same device and inode, hard links and
/// symbolic links included), never another output, and always goes into an
/// existing folder the tool can write to. `-` is stdin for an input and
/// stdout for an output.
struct FileRoles {
    /// (flag, path) of every input given; nil paths are skipped.
    var inputs: [(flag: String, path: String?)]
    /// (flag, path) of every output; nil is stdout.
    var outputs: [(flag: String, path: String?)]

    private struct Identity: Equatable {
        var path: String
        var device: UInt64?
        var inode: UInt64?

        init(_ path: String) {
            self.path = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            var s = stat()
            if stat(path, &s) == 0 {
                device = UInt64(s.st_dev)
                inode = UInt64(s.st_ino)
            }
        }

        /// Standard input: no path, the device and inode of what it reads
        /// (`< d.csv` makes d.csv an input).
        static var standardInput: Identity {
            var identity = Identity(path: "", device: nil, inode: nil)
            var s = stat()
            if fstat(0, &s) == 0, s.st_mode & S_IFMT == S_IFREG {
                identity.device = UInt64(s.st_dev)
                identity.inode = UInt64(s.st_ino)
            }
            return identity
        }

        private init(path: String, device: UInt64?, inode: UInt64?) {
            self.path = path
            self.device = device
            self.inode = inode
        }

        func isSameFile(as other: Identity) -> Bool {
            if !path.isEmpty, path == other.path { return true }
            guard let device, let inode else { return false }
            return device == other.device && inode == other.inode
        }
    }

    /// "the input --data d.csv", "the input read from standard input".
    private static func shown(_ input: (flag: String, path: String)) -> String {
        let role = input.flag.hasPrefix("the ") ? input.flag : "the input \(input.flag)"
        return role + (input.path == "-" ? " read from standard input" : " \(input.path)")
    }

    /// A device, FIFO or socket: written in place, may take several outputs.
    private static func isSpecial(_ path: String) -> Bool {
        var s = stat()
        return stat(path, &s) == 0 && s.st_mode & S_IFMT != S_IFREG && s.st_mode & S_IFMT != S_IFDIR
    }

    func check() throws {
        let given = inputs.compactMap { input in input.path.map { (flag: input.flag, path: $0) } }
        if given.filter({ $0.path == "-" }).count > 1 {
            throw ValidationError("only one input can be read from stdin ('-'): \(given.filter { $0.path == "-" }.map(\.flag).joined(separator: ", "))")
        }
        if given.contains(where: { $0.path == "-" }) && StandardStreams.stdinClosed {
            throw FileReadError(path: "stdin", problem: "standard input is closed; give a file instead of '-'")
        }
        for input in given where input.path.isEmpty {
            throw ValidationError("\(input.flag): the path is empty")
        }
        let inputIdentities = given.map { ($0, $0.path == "-" ? Identity.standardInput : Identity($0.path)) }

        // Data on stdout must not land in an input (`> d.csv` or `>> d.csv`).
        if outputs.contains(where: { $0.path == nil || $0.path == "-" }) {
            var s = stat()
            if fstat(1, &s) == 0, s.st_mode & S_IFMT == S_IFREG {
                for (input, identity) in inputIdentities where identity.device == UInt64(s.st_dev) && identity.inode == UInt64(s.st_ino) {
                    throw ValidationError("standard output is \(Self.shown(input)): redirect it to another file")
                }
            }
        }
        var seen: [(flag: String, path: String, identity: Identity)] = []
        var stdoutFlag: String?
        for output in outputs {
            guard let path = output.path, path != "-" else {
                if let previous = stdoutFlag, output.path == "-" {
                    throw ValidationError("\(output.flag) and \(previous) both write to stdout: give one of them a file")
                }
                if output.path == "-" || stdoutFlag == nil { stdoutFlag = output.flag }
                continue
            }
            guard !path.isEmpty else { throw ValidationError("\(output.flag): the path is empty; give a file name") }
            let identity = Identity(path)
            for (input, inputIdentity) in inputIdentities where identity.isSameFile(as: inputIdentity) {
                throw ValidationError("\(output.flag) \(path) is \(Self.shown(input)): inputs are never overwritten; choose another output file")
            }
            if !Self.isSpecial(path), let other = seen.first(where: { $0.identity.isSameFile(as: identity) }) {
                throw ValidationError("\(output.flag) \(path) is also \(other.flag): each output needs its own file")
            }
            try Self.checkWritable(path, flag: output.flag)
            seen.append((output.flag, path, identity))
        }
    }

    /// The output's folder exists and is writable, and the output is not a folder.
    private static func checkWritable(_ path: String, flag: String) throws {
        var s = stat()
        if stat(path, &s) == 0 {
            if s.st_mode & S_IFMT == S_IFDIR { throw ValidationError("\(flag) \(path) is a folder; give a file name") }
            if s.st_mode & S_IFMT != S_IFREG {
                guard access(path, W_OK) == 0 else { throw ValidationError("\(flag) \(path): cannot write to it (\(String(cString: strerror(errno))))") }
                return
            }
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard stat(folder, &s) == 0, s.st_mode & S_IFMT == S_IFDIR else {
            throw ValidationError("\(flag) \(path): the folder \(folder) does not exist")
        }
        guard access(folder, W_OK | X_OK) == 0 else {
            throw ValidationError("\(flag) \(path): the folder \(folder) is not writable")
        }
    }
}
