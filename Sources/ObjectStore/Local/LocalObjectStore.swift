import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An object store in a directory: `s3://bucket/key` is the file `root/bucket/key`.
///
/// Buckets are the root's directories (create one with `mkdir`); keys are paths below them, listed
/// recursively in S3 key order. Writers fill a temporary file inside the bucket and rename it into
/// place at `finish()`, so a reader never sees an object half written. No key can reach outside the
/// root (see `LocalPaths`): such keys fail with `.invalidKey` and are never followed.
///
/// For example:
/// ```swift
/// let store = try LocalObjectStore(root: "/var/lib/emulatord/s3")   // holds the directory `tickit/`
/// let files = try store.list(bucket: "tickit", prefix: "allusers/")  // s3://tickit/allusers/…
/// ```
public final class LocalObjectStore: ObjectStore {
    /// The root directory, as given.
    public let root: String
    let paths: LocalPaths

    /// A store over `root`, which is created when missing.
    public init(root: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        } catch {
            throw ObjectStoreError(.other, "Cannot create the store's root directory \(root): \(error.localizedDescription)")
        }
        self.root = root
        self.paths = try LocalPaths(root: root)
    }

    /// Temporary files of unfinished writers start with this; `list` never shows them.
    static let uploadPrefix = ".emulatord-upload-"

    public func list(bucket: String, prefix: String) throws -> [ObjectInfo] {
        let bucketDirectory = try paths.bucketDirectory(bucket)
        let directorySegments = try paths.prefixDirectorySegments(bucket: bucket, prefix: prefix)
        let start = ([bucketDirectory] + directorySegments).joined(separator: "/")
        let probe = S3Location(bucket: bucket, key: prefix)
        try paths.requireNoEscapeOnTheWay(bucket: bucketDirectory, path: start, location: probe)
        guard let realStart = LocalPaths.realPath(start), LocalPaths.isDirectory(realStart) else { return [] }
        var found: [ObjectInfo] = []
        var visited: Set<String> = []
        let keyPrefix = directorySegments.isEmpty ? "" : directorySegments.joined(separator: "/") + "/"
        try walk(realStart, keyPrefix: keyPrefix, bucket: bucket, atBucketTop: directorySegments.isEmpty,
                 visited: &visited, into: &found)
        return found.filter { $0.location.key.hasPrefix(prefix) }.sorted { $0.location < $1.location }
    }

    public func head(_ location: S3Location) throws -> ObjectInfo? {
        guard let file = try paths.existingFile(location) else { return nil }
        return Self.info(of: file, at: location)
    }

    public func reader(for location: S3Location) throws -> any ByteReader {
        try LocalFileReader(path: try existing(location), location: location)
    }

    public func read(_ location: S3Location, offset: Int64, length: Int) throws -> [UInt8] {
        let reader = try LocalFileReader(path: try existing(location), location: location)
        return try reader.read(offset: offset, length: length)
    }

    public func writer(for location: S3Location) throws -> any ObjectWriter {
        let bucketDirectory = try paths.bucketDirectory(location.bucket)
        let segments = try paths.keySegments(location)
        guard !segments[0].hasPrefix(Self.uploadPrefix) else {
            throw ObjectStoreError(.invalidKey, "\(location): keys starting with \(Self.uploadPrefix) are reserved for uploads")
        }
        let target = bucketDirectory + "/" + segments.joined(separator: "/")
        try paths.requireNoEscapeOnTheWay(bucket: bucketDirectory, path: target, location: location)
        let temporary = bucketDirectory + "/" + Self.uploadPrefix + UUID().uuidString.lowercased()
        return try LocalObjectWriter(temporary: temporary, target: target, bucketDirectory: bucketDirectory,
                                     location: location, paths: paths)
    }

    public func delete(_ locations: [S3Location]) throws {
        for location in locations {
            guard let file = try paths.existingFile(location) else { continue }
            // Remove the name in the bucket, not the file a symlink inside the root points to.
            let bucketDirectory = try paths.bucketDirectory(location.bucket)
            let name = bucketDirectory + "/" + (try paths.keySegments(location)).joined(separator: "/")
            if unlink(name) != 0 && errno != ENOENT {
                throw ObjectStoreError(.other, "Cannot delete \(location) (\(file)): \(String(cString: strerror(errno)))")
            }
        }
    }

    public var summary: String { "directory \(root)" }

    private func existing(_ location: S3Location) throws -> String {
        guard let file = try paths.existingFile(location) else {
            throw ObjectStoreError(.noSuchKey, "The specified key does not exist.")
        }
        return file
    }

    /// Collects the regular files below `directory` (a resolved path inside the root).
    private func walk(_ directory: String, keyPrefix: String, bucket: String, atBucketTop: Bool,
                      visited: inout Set<String>, into found: inout [ObjectInfo]) throws {
        guard visited.insert(directory).inserted else { return }   // a symlink loop inside the root
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw ObjectStoreError(.other, "Cannot list \(directory): \(error.localizedDescription)")
        }
        for name in names {
            if atBucketTop && name.hasPrefix(Self.uploadPrefix) { continue }
            let key = keyPrefix + name
            let location = S3Location(bucket: bucket, key: key)
            guard let real = LocalPaths.realPath(directory + "/" + name) else { continue }   // dangling link: no object
            try paths.requireInside(real, for: location.description)
            switch LocalPaths.fileType(real, follow: true) {
            case S_IFDIR:
                try walk(real, keyPrefix: key + "/", bucket: bucket, atBucketTop: false, visited: &visited, into: &found)
            case S_IFREG:
                if let info = Self.info(of: real, at: location) { found.append(info) }
            default:
                continue
            }
        }
    }

    static func info(of path: String, at location: S3Location) -> ObjectInfo? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        #if canImport(Darwin)
        let seconds = Double(status.st_mtimespec.tv_sec) + Double(status.st_mtimespec.tv_nsec) / 1e9
        #else
        let seconds = Double(status.st_mtim.tv_sec) + Double(status.st_mtim.tv_nsec) / 1e9
        #endif
        return ObjectInfo(location: location, size: Int64(status.st_size),
                          lastModified: Date(timeIntervalSince1970: seconds))
    }
}
