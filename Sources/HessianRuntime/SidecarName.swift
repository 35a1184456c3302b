import Foundation

/// The names of the files a commit keeps beside an output: `.NAME.TAG`, in
/// the output's folder, hidden and never longer than a file name may be
/// (255 bytes): a legal 254-byte output name gets a shortened NAME part (cut
/// at a character boundary), since TAG alone makes the name unique.
enum SidecarName {
    static let longestName = 255

    /// `folder/.NAME.TAG` for the file `destination`.
    static func beside(_ destination: String, tag: String) -> String {
        let slash = destination.lastIndex(of: "/")
        let folder = slash.map { String(destination[...$0]) } ?? ""
        let name = slash.map { String(destination[destination.index(after: $0)...]) } ?? destination
        let room = longestName - 2 - tag.utf8.count
        var kept = ""
        var used = 0
        for character in name {
            let size = String(character).utf8.count
            if used + size > room { break }
            kept.append(character)
            used += size
        }
        return folder + "." + kept + "." + tag
    }
}
