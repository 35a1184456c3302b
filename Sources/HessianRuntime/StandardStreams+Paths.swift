import Foundation

extension StandardStreams {
    /// The standard descriptor that `path` names through its chain of links
    /// (`/dev/stdout` → `/proc/self/fd/1`, `/dev/fd/2`, `/proc/PID/fd/0`)
    /// when that descriptor was closed at start, else nil. Such a path now
    /// leads to /dev/null: writing an output there would silently vanish.
    static func closedDescriptor(namedBy path: String) -> Int32? {
        let own = "/proc/\(getpid())/fd/"
        var current = path
        for _ in 0...LinkChain.longest {
            let named: Int32? = switch current {
            case "/dev/stdin": 0
            case "/dev/stdout": 1
            case "/dev/stderr": 2
            default:
                ["/dev/fd/", "/proc/self/fd/", "/proc/thread-self/fd/", own].lazy
                    .compactMap { current.hasPrefix($0) ? Int32(current.dropFirst($0.count)) : nil }.first
            }
            if let named, wasClosedAtStart(named) { return named }
            guard let next = LinkChain.target(of: current) else { return nil }
            current = next
        }
        return nil
    }
}
