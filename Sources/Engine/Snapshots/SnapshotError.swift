import Foundation

/// Why a snapshot operation (save, restore, reset, delete) was refused; the admin routes map the
/// kind to an HTTP status. Nothing changed when one is thrown.
public struct SnapshotError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The name is not a valid snapshot name (HTTP 400).
        case invalidName
        /// No snapshot has that name (HTTP 404).
        case notFound
        /// The snapshot was taken with another configuration or format (HTTP 409).
        case incompatible
        /// Statements did not end in time, or another snapshot operation runs (HTTP 409).
        case busy
    }

    public var kind: Kind
    public var message: String
    public var description: String { message }

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

/// Snapshot names: they become directory names, so only letters, digits, `.`, `_` and `-`, starting
/// with a letter or digit (no `..`, no `/`), at most 100 characters.
enum SnapshotName {
    static func validate(_ name: String) throws {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
        let valid = (1...100).contains(name.count)
            && name.unicodeScalars.allSatisfy(allowed.contains)
            && name.first.map { $0.isLetter || $0.isNumber } == true
        guard valid else {
            throw SnapshotError(.invalidName, "Invalid snapshot name '\(name)': use 1 to 100 letters, digits, '.', '_' or '-', starting with a letter or digit.")
        }
    }
}
