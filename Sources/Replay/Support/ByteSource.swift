import Foundation

/// A forward-only stream of bytes read in chunks: a file, or a gzip stream over one.
public protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer`; returns how many (0 at the end).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// An error reading an input file.
public struct InputError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}

/// A plain file, read with `read(2)`.
public final class FileByteSource: ByteSource {
    let descriptor: Int32
    let path: String

    public init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InputError(path: path, message: String(cString: strerror(errno))) }
    }

    deinit { close(descriptor) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw InputError(path: path, message: String(cString: strerror(errno)))
        }
    }
}

/// Opens a file for reading, decompressing it on the fly when it starts with the gzip magic bytes
/// (`1f 8b`), whatever its name.
public func openInput(path: String) throws -> ByteSource {
    let file = try FileByteSource(path: path)
    var magic = [UInt8](repeating: 0, count: 2)
    let count = pread(file.descriptor, &magic, 2, 0)
    if count == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
        return try GzipByteSource(file)
    }
    return file
}
