import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How `s3://bucket/key` maps onto a root directory, and the rules that keep every path inside it.
///
/// A bucket is a directory of the root; a key is a relative path under it. Keys are refused
/// (`.invalidKey`) when they could name anything outside the root: a `..` or `.` segment, a leading
/// `/` (an absolute path), an empty segment, a NUL, or a symlink anywhere on the way that resolves
/// outside the root. Symlinks that stay inside the root are allowed; nothing outside is ever opened.
struct LocalPaths: Sendable {
    /// The root, with its own symlinks resolved (so `/tmp` → `/private/tmp` does not count as escaping).
    let root: String

    init(root: String) throws {
        guard let real = Self.realPath(root) else {
            throw ObjectStoreError(.other, "The store's root directory \(root) does not exist")
        }
        self.root = real
    }

    /// The bucket's directory, checked: a valid name, present, a directory, inside the root.
    func bucketDirectory(_ bucket: String) throws -> String {
        guard !bucket.isEmpty, bucket != ".", bucket != "..", !bucket.contains("/"), !bucket.contains("\0") else {
            throw ObjectStoreError(.invalidKey, "The bucket name \(bucket.debugDescription) is not valid")
        }
        let path = root + "/" + bucket
        guard let real = Self.realPath(path) else {
            throw ObjectStoreError(.noSuchBucket, "The specified bucket does not exist")
        }
        try requireInside(real, for: "s3://\(bucket)")
        guard Self.isDirectory(real) else { throw ObjectStoreError(.noSuchBucket, "The specified bucket does not exist") }
        return real
    }

    /// The segments of an object's key; throws `.invalidKey` for keys that cannot be a file here.
    func keySegments(_ location: S3Location) throws -> [String] {
        let key = location.key
        guard !key.isEmpty else { throw ObjectStoreError(.invalidKey, "\(location) names a bucket, not an object") }
        guard !key.hasSuffix("/") else {
            throw ObjectStoreError(.invalidKey, "\(location) ends with /: a directory store cannot hold folder objects")
        }
        return try segments(of: key, in: location)
    }

    /// The directory segments of a list prefix (everything before its last `/`).
    func prefixDirectorySegments(bucket: String, prefix: String) throws -> [String] {
        guard let slash = prefix.lastIndex(of: "/") else {
            try checkCharacters(prefix, in: S3Location(bucket: bucket, key: prefix))
            return []
        }
        let location = S3Location(bucket: bucket, key: prefix)
        let tail = String(prefix[prefix.index(after: slash)...])
        try checkCharacters(tail, in: location)
        if tail == ".." || tail == "." { throw escaping(location) }
        return try segments(of: String(prefix[..<slash]), in: location)
    }

    /// The existing object's file, symlinks resolved and checked; nil when nothing is there.
    func existingFile(_ location: S3Location) throws -> String? {
        let bucket = try bucketDirectory(location.bucket)
        let path = bucket + "/" + (try keySegments(location)).joined(separator: "/")
        try requireNoEscapeOnTheWay(bucket: bucket, path: path, location: location)
        guard let real = Self.realPath(path) else { return nil }
        try requireInside(real, for: location.description)
        return Self.isRegularFile(real) ? real : nil
    }

    /// Throws `.invalidKey` when `real` (a resolved path) is outside the root.
    func requireInside(_ real: String, for name: String) throws {
        guard real == root || real.hasPrefix(root + "/") else {
            throw ObjectStoreError(.invalidKey, "\(name) resolves outside the store's root directory; it is not followed")
        }
    }

    /// Checks every existing ancestor of `path` below the bucket: a symlink on the way that leads out of
    /// the root is refused even when the rest of the path does not exist yet.
    func requireNoEscapeOnTheWay(bucket: String, path: String, location: S3Location) throws {
        var current = path
        while current.count > bucket.count {
            if let real = Self.realPath(current) {
                try requireInside(real, for: location.description)
                return
            }
            if Self.isSymlink(current) { throw escaping(location) }   // a dangling link: its target is unknown
            guard let slash = current.lastIndex(of: "/") else { return }
            current = String(current[..<slash])
        }
    }

    private func segments(of path: String, in location: S3Location) throws -> [String] {
        if path.hasPrefix("/") {
            throw ObjectStoreError(.invalidKey, "\(location) is an absolute path; keys are relative to the bucket")
        }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        for part in parts {
            try checkCharacters(part, in: location)
            if part == ".." || part == "." { throw escaping(location) }
            if part.isEmpty { throw ObjectStoreError(.invalidKey, "\(location) has an empty path segment (//)") }
        }
        return parts
    }

    private func checkCharacters(_ part: String, in location: S3Location) throws {
        if part.contains("\0") { throw ObjectStoreError(.invalidKey, "\(location) contains a NUL character") }
    }

    private func escaping(_ location: S3Location) -> ObjectStoreError {
        ObjectStoreError(.invalidKey, "\(location) has a . or .. segment that would leave the store's root directory")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isDirectory(_ path: String) -> Bool { fileType(path, follow: true) == S_IFDIR }
    static func isRegularFile(_ path: String) -> Bool { fileType(path, follow: true) == S_IFREG }
    static func isSymlink(_ path: String) -> Bool { fileType(path, follow: false) == S_IFLNK }

    static func fileType(_ path: String, follow: Bool) -> mode_t? {
        var info = stat()
        let status = follow ? stat(path, &info) : lstat(path, &info)
        return status == 0 ? info.st_mode & S_IFMT : nil
    }
}
