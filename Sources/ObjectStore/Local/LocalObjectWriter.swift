import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an object into a temporary file in its bucket and renames it to the key's path at
/// `finish()`: the object appears whole or not at all. `abort()` (or dropping an unfinished writer)
/// removes the temporary file.
final class LocalObjectWriter: ObjectWriter {
    private let temporary: String
    private let target: String
    private let bucketDirectory: String
    private let location: S3Location
    private let paths: LocalPaths
    private var descriptor: Int32
    private var written: Int64 = 0

    init(temporary: String, target: String, bucketDirectory: String, location: S3Location, paths: LocalPaths) throws {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ObjectStoreError(.other, "Cannot write \(location): \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        self.temporary = temporary
        self.target = target
        self.bucketDirectory = bucketDirectory
        self.location = location
        self.paths = paths
    }

    deinit { abort() }

    func write(_ bytes: [UInt8]) throws {
        guard descriptor >= 0 else { throw ObjectStoreError(.other, "\(location): the writer is closed") }
        var done = 0
        while done < bytes.count {
            let count = bytes.withUnsafeBytes { raw in systemWrite(descriptor, raw.baseAddress! + done, bytes.count - done) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ObjectStoreError(.other, "Cannot write \(location): \(String(cString: strerror(errno)))")
            }
            done += count
        }
        written += Int64(bytes.count)
    }

    @discardableResult func finish() throws -> ObjectInfo {
        guard descriptor >= 0 else { throw ObjectStoreError(.other, "\(location): the writer is closed") }
        close(descriptor)
        descriptor = -1
        do {
            try createParentDirectories()
            if LocalPaths.isDirectory(target) {
                throw ObjectStoreError(.other, "Cannot store \(location): a directory of that name holds other keys")
            }
            // rename(2) replaces a symlink at the target; it never writes through one.
            guard rename(temporary, target) == 0 else {
                throw ObjectStoreError(.other, "Cannot store \(location): \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporary)
            throw error
        }
        return LocalObjectStore.info(of: target, at: location) ?? ObjectInfo(location: location, size: written)
    }

    func abort() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporary)
    }

    /// Creates the key's directories one by one, checking each again (the tree may have changed since
    /// the writer was made) so that no symlink leads the rename out of the root.
    private func createParentDirectories() throws {
        try paths.requireNoEscapeOnTheWay(bucket: bucketDirectory, path: target, location: location)
        let relative = target.dropFirst(bucketDirectory.count + 1).split(separator: "/").dropLast()
        var current = bucketDirectory
        for segment in relative {
            current += "/" + segment
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw ObjectStoreError(.other, "Cannot store \(location): \(String(cString: strerror(errno)))")
            }
            guard let real = LocalPaths.realPath(current) else {
                throw ObjectStoreError(.other, "Cannot store \(location): \(current) vanished")
            }
            try paths.requireInside(real, for: location.description)
            guard LocalPaths.isDirectory(real) else {
                throw ObjectStoreError(.other, "Cannot store \(location): \(segment) is an object, not a folder")
            }
        }
    }
}

/// `write(2)`, named apart from `ObjectWriter.write(_:)`.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(descriptor, buffer, count)
    #else
    return Darwin.write(descriptor, buffer, count)
    #endif
}
