import Foundation
import Testing
@testable import Engine

/// The database file listing is read again whenever the directory changed.
@Suite struct DirectoryListingTests {
    private func makeDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("listing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Sets the directory's modification time to a minute ago (past the settling time).
    private func age(_ url: URL) throws {
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-60)], ofItemAtPath: url.path)
    }

    @Test func anUnchangedDirectoryIsNotListedAgainAndAChangedOneIs() throws {
        let url = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        FileManager.default.createFile(atPath: url.appendingPathComponent("a.sqlite").path, contents: Data())
        try age(url)
        let listing = DirectoryListing(path: url.path, recheckSeconds: 0)
        var listed = 0
        let list = { () -> [String] in
            listed += 1
            return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
        }
        #expect(listing.names(list) == ["a.sqlite"])
        #expect(listing.names(list) == ["a.sqlite"])
        #expect(listed == 1)
        FileManager.default.createFile(atPath: url.appendingPathComponent("b.sqlite").path, contents: Data())
        #expect(listing.names(list) == ["a.sqlite", "b.sqlite"])
        #expect(listed == 2)
        // Changed just now: not kept, so a second change within the same clock tick is still seen.
        #expect(listing.names(list) == ["a.sqlite", "b.sqlite"])
        #expect(listed == 3)
        try age(url)
        _ = listing.names(list)
        listing.forget()
        _ = listing.names(list)
        #expect(listed == 5)
    }

    /// Within the recheck window the directory is not looked at, even just after it changed (a
    /// session opening touches it): the owner's own changes are seen through `forget`.
    @Test func withinTheRecheckWindowTheListingIsKeptUntilForgotten() throws {
        let url = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        FileManager.default.createFile(atPath: url.appendingPathComponent("a.sqlite").path, contents: Data())
        let listing = DirectoryListing(path: url.path, recheckSeconds: 3600)
        var listed = 0
        let list = { () -> [String] in
            listed += 1
            return ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
        }
        #expect(listing.names(list) == ["a.sqlite"])   // changed just now: unsettled, kept for the window
        #expect(listing.names(list) == ["a.sqlite"])
        #expect(listed == 1)
        FileManager.default.createFile(atPath: url.appendingPathComponent("b.sqlite").path, contents: Data())
        #expect(listing.names(list) == ["a.sqlite"])   // another process's change: not looked for yet
        listing.forget()                                 // the owner's change
        #expect(listing.names(list) == ["a.sqlite", "b.sqlite"])
        #expect(listed == 2)
    }

    @Test func aDirectoryThatDoesNotExistIsListedEachTime() {
        let listing = DirectoryListing(path: "/nonexistent-\(UUID().uuidString)")
        var listed = 0
        _ = listing.names { listed += 1; return [] }
        _ = listing.names { listed += 1; return [] }
        #expect(listed == 2)
    }
}
